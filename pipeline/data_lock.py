"""One writer at a time on the data folder.

fetch, build, model and curve replace files in the data folder; two of them at once could
build on a half-fetched cache or write model results into a database that a build is
replacing. Each writer holds an exclusive lock on the data folder for its whole run. A
second writer does not wait: it fails at once, naming the command that holds the lock
(which the holder writes into `<data>/.dpeace.lock.holder`), so nothing hangs unnoticed.

The lock is held by the stage's own process and by no other: the curve's forked workers
never hold it, and a holder that dies, even by kill -9, leaves nothing that blocks the next
writer. Two ways of locking keep that promise:

- Where `fcntl` exists (Linux, macOS, the BSDs): a POSIX record lock (`lockf`) on
  `<data>/.dpeace.lock`. The kernel ties it to the process, not to the file descriptor, so a
  forked child never holds it (an flock would be shared with the child through the inherited
  descriptor until the child closed it), and drops it when the process ends.
- Elsewhere (Windows): filelock's SoftFileLock, a marker file `<data>/.dpeace.lock.marker`
  that records the holder's process id, host and start time. A forked child is another
  process, so it is no holder; a marker whose process has ended is taken over.

A record lock does not stop a second attempt from the same process (the kernel sees one
owner), so the locks this process holds are also kept in memory and an attempt on a folder
already held here fails the same way.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from dpeace import paths
from dpeace.errors import PipelineError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_NAME = ".dpeace.lock"
MARKER_NAME = ".dpeace.lock.marker"
HOLDER_NAME = ".dpeace.lock.holder"

# The data folders this process holds the lock of, with the holder's description.
_HELD_HERE: dict[Path, str] = {}


def _forget_held_locks_in_child() -> None:
    # A forked child holds none of its parent's locks (see the module's docstring).
    _HELD_HERE.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_held_locks_in_child)


class DataFolderBusy(PipelineError):
    pass


class RecordLock:
    """An exclusive POSIX record lock on `path`, taken without waiting (needs `fcntl`).

    Closing any descriptor of the file drops the process's record locks on it, so nothing
    else in dpeace opens the lock file: the holder's name is kept in a file of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        # Closing the descriptor drops the process's record locks on the file.
        fd, self._fd = self._fd, None
        os.close(fd)


class MarkerLock:
    """filelock's SoftFileLock on `path`, taken without waiting (needs no `fcntl`)."""

    def __init__(self, path: Path) -> None:
        # Imported only here: filelock installs process-wide fork and audit hooks on import,
        # which the record lock has no use for.
        from filelock import SoftFileLock

        self.path = path
        self._lock = SoftFileLock(path, timeout=0)

    def try_acquire(self) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()


def platform_lock(folder: Path) -> RecordLock | MarkerLock:
    """The lock this platform offers on `folder`: a record lock with `fcntl`, a marker without."""
    if fcntl is not None:
        return RecordLock(folder / LOCK_NAME)
    return MarkerLock(folder / MARKER_NAME)


def lock_path() -> Path:
    return platform_lock(paths.data_dir()).path


def holder_path() -> Path:
    return paths.data_dir() / HOLDER_NAME


@contextlib.contextmanager
def data_folder_lock(stage: str) -> Iterator[None]:
    """Hold the data folder's writer lock for `stage` (e.g. "build"); fail if another holds it."""
    folder = paths.data_dir()
    paths.ensure_writable_folder(folder)
    lock = platform_lock(folder)
    key = folder.resolve()
    if key in _HELD_HERE or not lock.try_acquire():
        holder = _HELD_HERE.get(key) or _recorded_holder()
        raise DataFolderBusy(
            f"{holder} is writing to the data folder {folder} (lock file {lock.path}); "
            f"wait for it to finish, then run `dpeace {stage}` again"
        )
    owner = os.getpid()
    description = f"`dpeace {stage}` (process {owner})"
    _HELD_HERE[key] = description
    try:
        holder_path().write_text(description, "utf-8")
        yield
    finally:
        # A forked child leaving the block holds nothing to release: the lock is its parent's.
        if os.getpid() == owner:
            del _HELD_HERE[key]
            with contextlib.suppress(OSError):
                holder_path().write_text("", "utf-8")
            lock.release()


def _recorded_holder() -> str:
    try:
        return holder_path().read_text("utf-8").strip() or "another dpeace command"
    except OSError:
        return "another dpeace command"

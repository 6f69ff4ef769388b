"""One writer at a time on the data folder.

fetch, build, model and curve replace files in the data folder; two of them at once could
build on a half-fetched cache or write model results into a database that a build is
replacing. Each writer holds an exclusive lock on `<data>/.dpeace.lock` for its whole run,
taken with `filelock` (an flock on Unix, a locked handle on Windows): the system drops it
when the process ends, even by kill -9, so a stale lock file never blocks anyone. A second
writer does not wait: it fails at once, naming the command that holds the lock, which the
holder writes into `<data>/.dpeace.lock.holder` (the lock file itself is truncated by every
attempt to take it). filelock closes the lock's descriptor in any forked child (the curve's
workers), so the lock lives exactly as long as the stage that took it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from dpeace import paths
from dpeace.errors import PipelineError

LOCK_NAME = ".dpeace.lock"
HOLDER_NAME = ".dpeace.lock.holder"

# The descriptors of the locks this process holds. A forked child (the curve's workers)
# closes its copies at once, so that the lock lives exactly as long as the stage that took
# it: a child that outlived its parent would otherwise keep the data folder locked.
_HELD: set[int] = set()


def _close_held_locks_in_child() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_held_locks_in_child)


class DataFolderBusy(PipelineError):
    pass


def lock_path() -> Path:
    return paths.data_dir() / LOCK_NAME


def holder_path() -> Path:
    return paths.data_dir() / HOLDER_NAME


@contextlib.contextmanager
def data_folder_lock(stage: str) -> Iterator[None]:
    """Hold the data folder's writer lock for `stage` (e.g. "build"); fail if another holds it."""
    folder = paths.data_dir()
    paths.ensure_writable_folder(folder)
    lock = FileLock(lock_path(), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise DataFolderBusy(
            f"{_holder()} is writing to the data folder {folder} (lock file {lock_path()}); "
            f"wait for it to finish, then run `dpeace {stage}` again"
        ) from None
    try:
        holder_path().write_text(f"`dpeace {stage}` (process {os.getpid()})", "utf-8")
        yield
    finally:
        with contextlib.suppress(OSError):
            holder_path().write_text("", "utf-8")
        lock.release()


def _holder() -> str:
    try:
        return holder_path().read_text("utf-8").strip() or "another dpeace command"
    except OSError:
        return "another dpeace command"

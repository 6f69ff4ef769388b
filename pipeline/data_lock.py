"""One writer at a time on the data folder.

fetch, build and model (and any later writer) replace files in the data folder; two of
them at once could build on a half-fetched cache or write model results into a database
that a build is replacing. Each writer holds an exclusive flock on `<data>/.dpeace.lock`
for its whole run. A second writer does not wait: it fails at once, naming the command
that holds the lock, so nothing hangs unnoticed. The kernel drops the lock when the
process ends, even by kill -9, so a stale lock file never blocks anyone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from dpeace import paths
from dpeace.errors import PipelineError

LOCK_NAME = ".dpeace.lock"

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


@contextlib.contextmanager
def data_folder_lock(stage: str) -> Iterator[None]:
    """Hold the data folder's writer lock for `stage` (e.g. "build"); fail if another holds it."""
    folder = paths.data_dir()
    paths.ensure_writable_folder(folder)
    path = lock_path()
    # Opened without truncating: the holder's description stays readable until we own it.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = (
                os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip() or "another dpeace command"
            )
            raise DataFolderBusy(
                f"{holder} is writing to the data folder {folder} (lock file {path}); "
                f"wait for it to finish, then run `dpeace {stage}` again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"`dpeace {stage}` (process {os.getpid()})".encode(), 0)
        _HELD.add(fd)
        try:
            yield
        finally:
            _HELD.discard(fd)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)

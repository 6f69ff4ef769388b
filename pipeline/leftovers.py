"""Removing what an interrupted run left behind.

Every temporary file or folder the pipeline makes carries the id of the process that
made it (`.peace.duckdb.<pid>-<random>.tmp`, `.fetch-<pid>-<random>`), so the next run of
the stage can tell the leftovers of a process that died (kill -9, a power cut) from the
work of one still running, and remove only the former. `make clean` removes them all.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

log = logging.getLogger(__name__)


def temporary_prefix(name: str) -> str:
    """The prefix of a temporary file for `name` made by this process."""
    return f".{name}.{os.getpid()}-"


def scratch_prefix() -> str:
    return f".fetch-{os.getpid()}-"


def _maker_alive(path: Path) -> bool:
    found = re.search(r"\.(\d+)-[^.]*\.tmp(\.wal|\.spill)?$", path.name) or re.match(
        r"\.fetch-(\d+)-", path.name
    )
    if not found:
        return False  # made before temporary names carried a process id
    pid = int(found.group(1))
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process its parent has not reaped yet: dead, though its id still answers."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (not Linux): take the process for alive
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def remove_leftovers(folder: Path, *patterns: str) -> list[Path]:
    """Remove the files and folders in `folder` matching `patterns` whose maker has died."""
    removed = []
    if not folder.is_dir():
        return removed
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            if _maker_alive(path):
                continue
            try:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    if removed:
        log.info(
            "removed %d leftover(s) of an interrupted run: %s",
            len(removed),
            ", ".join(p.name for p in removed),
        )
    return removed

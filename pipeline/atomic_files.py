"""Files that appear whole or not at all.

Every output the pipeline writes (provenance, database, build log, model results, report,
exports) is written beside its target under a temporary name and renamed over it only
when the writing succeeded, so a reader, `make`, or a failed run never sees half a file.
A run killed half-way leaves its temporary file; the next write of the same target
removes it (dpeace.leftovers).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dpeace.leftovers import remove_leftovers, temporary_prefix

# mkstemp makes files private; outputs are for reading by anyone who can read the folder.
OUTPUT_MODE = 0o644


@contextlib.contextmanager
def replaced_on_success(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # What a killed earlier run left for this target (its own temporary file, DuckDB's .wal,
    # the build's spill folder).
    remove_leftovers(
        target.parent, f".{target.name}.*.tmp", f".{target.name}.*.tmp.wal", f".{target.name}.*.tmp.spill"
    )
    # The process id in the name lets the next run remove it if this one is killed (dpeace.leftovers).
    fd, name = tempfile.mkstemp(prefix=temporary_prefix(target.name), suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, OUTPUT_MODE)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(target: Path, text: str) -> None:
    with replaced_on_success(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")

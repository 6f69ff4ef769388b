"""Taking one member out of a downloaded zip archive."""

from __future__ import annotations

import shutil
import zipfile
import zlib
from pathlib import Path

from dpeace.errors import FetchError


def extract_member(archive: Path, member: str, destination: Path) -> None:
    """Copy `member` of `archive` to `destination`; a bad archive or absent member is an error."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
            if member not in names:
                files = [name for name in names if not name.endswith("/")]
                raise FetchError(f"the zip has no member {member!r}; it holds {files}")
            with zipped.open(member) as source, open(destination, "wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        size = archive.stat().st_size
        raise FetchError(
            f"expected a zip archive, got a truncated or corrupt one ({size} bytes: {error})"
        ) from None

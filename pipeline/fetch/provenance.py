"""The provenance file: for every cached raw file, where it came from and what it is.

Later stages find the raw files through it (cached_path) and the report cites it.
Layout: {"files": {<file name>: record}}; see ARCHITECTURE.md and the fetcher.
"""

from __future__ import annotations

import json
from pathlib import Path

from dpeace.atomic_files import write_text_atomically
from dpeace.errors import FetchError
from dpeace.paths import provenance_path


def read_provenance(path: Path | None = None) -> dict[str, dict]:
    """The records by file name; a missing or unreadable file is a FetchError."""
    path = Path(path) if path is not None else provenance_path()
    if not path.exists():
        raise FetchError(f"no provenance file at {path}: run `dpeace fetch` first")
    try:
        document = json.loads(path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FetchError(
            f"the provenance file {path} is not valid JSON ({error}); "
            "run `dpeace fetch --force` to write it again"
        ) from None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, dict):
        raise FetchError(
            f'the provenance file {path} has no "files" object; run `dpeace fetch --force` to write it again'
        )
    return files


def known_records(*, damaged_ok: bool = False) -> dict[str, dict]:
    """The records, or {} before the first fetch; a damaged file is {} only with damaged_ok.

    `dpeace fetch --force` passes damaged_ok, since it rewrites the file from what it fetches.
    """
    if not provenance_path().exists():
        return {}
    try:
        return dict(read_provenance())
    except FetchError:
        if damaged_ok:
            return {}
        raise


def write_provenance(records: dict[str, dict], path: Path | None = None) -> None:
    """Write exactly `records` (nothing merged), atomically: a temp file renamed into place."""
    path = Path(path) if path is not None else provenance_path()
    write_text_atomically(
        path, json.dumps({"files": records}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def cached_path(name: str, path: Path | None = None) -> Path:
    """The cached raw file recorded under `name`, checked to exist."""
    path = Path(path) if path is not None else provenance_path()
    record = read_provenance(path).get(name)
    if record is None:
        raise FetchError(f"{path} has no record of {name!r}: run `dpeace fetch {name}`")
    file = path.parent / record["path"]
    if not file.is_file():
        raise FetchError(f"{name} is recorded at {file} but the file is missing: run `dpeace fetch {name}`")
    return file

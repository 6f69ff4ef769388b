"""Small data files and registries for the fetch tests.

Each test writes a registry TOML naming URLs on the loopback server (pytest-httpserver)
and the sha256 of the bytes it serves, so every right answer is known in advance.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

STATES_CSV = b"ccode,stateabb,year\n2,USA,1816\n200,UKG,1816\n220,FRN,1816\n"
STATES_COLUMNS = ["ccode", "stateabb", "year"]
STATES_ROWS = 3


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _toml_value(value) -> str:
    return json.dumps(value)  # a JSON string, list or number is valid TOML too


def write_registry(path: Path, files: list[dict], source_id: str = "demo") -> Path:
    """A one-source registry; each file dict holds name, url, columns, rows and optionally
    sha256, member, format, encoding, by_hand, filename, mirror_path, object and alternatives (a
    list of {url, format, sha256})."""
    lines = [
        f"[sources.{source_id}]",
        'title = "Demo Data"',
        'publisher = "Test Publisher"',
        'version = "1.0"',
        'citation = "Test Publisher. Demo Data 1.0."',
    ]
    for entry in files:
        lines.append(f"[[sources.{source_id}.files]]")
        for key in (
            "name",
            "url",
            "member",
            "sha256",
            "format",
            "encoding",
            "by_hand",
            "filename",
            "mirror_path",
            "object",
            "columns",
            "rows",
        ):
            if key in entry:
                lines.append(f"{key} = {_toml_value(entry[key])}")
        for alternative in entry.get("alternatives", []):
            lines.append(f"[[sources.{source_id}.files.alternatives]]")
            for key, value in alternative.items():
                lines.append(f"{key} = {_toml_value(value)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def states_entry(url: str, **overrides) -> dict:
    entry = {
        "name": "states",
        "url": url,
        "sha256": sha256(STATES_CSV),
        "format": "csv",
        "columns": STATES_COLUMNS,
        "rows": [1, 10],
    }
    entry.update(overrides)
    return entry


def snapshot(folder: Path) -> set[str]:
    """Every path under `folder`, files and folders, to show a failure left nothing."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}

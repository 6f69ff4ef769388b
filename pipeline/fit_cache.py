"""Fits kept between runs, under a hash of what determines them.

A fit is determined by its specification, the build it was fitted on (the build id: the
raw files, the SQL and the build's code) and the code that fits it. Its cache key is a
sha256 of those three, so a run refits exactly the specifications whose key is new:
editing one battery model refits that model, a grown curve grid fits only its new
specifications, and a rebuild with other data or a change to the engine refits all.

One JSON file per stage in the folder `cache/` beside the database (a fit belongs to the
build it was made on), rewritten atomically, and only when its contents change. It keeps
every fit of the current build (so undoing an edit refits nothing) and drops those of
earlier builds, so it grows only with the specifications tried on one build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dpeace.atomic_files import write_text_atomically

FORMAT_VERSION = 1


def cache_path(stage: str, database: Path) -> Path:
    return Path(database).parent / "cache" / f"{stage}_fits.json"


def code_digest(*paths: Path) -> str:
    """sha256 of the Python files given, and of those in the folders given (names and bytes, in a fixed order)."""
    files = sorted(
        file for path in map(Path, paths) for file in (sorted(path.glob("*.py")) if path.is_dir() else [path])
    )
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


class FitCache:
    """Entries by key for one stage; `None` build id (a database without build_info) caches nothing."""

    def __init__(self, stage: str, database: Path, build_id: str | None, code: str) -> None:
        self.path = cache_path(stage, database)
        self.build_id = build_id
        self.code = code
        self.enabled = build_id is not None
        self.stored_text = self._read_text() if self.enabled else ""
        self.stored = self._entries(self.stored_text, build_id)
        self.used: dict[str, object] = {}  # entries this run took or made
        self.hits = 0
        self.misses = 0

    def key(self, specification: object) -> str:
        """The key of a JSON-serialisable description of everything the fit depends on besides the data."""
        text = json.dumps(
            {
                "specification": specification,
                "build_id": self.build_id,
                "code": self.code,
                "format": FORMAT_VERSION,
            },
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str):
        """The cached entry, or None (counted as a miss)."""
        if key in self.stored:
            self.hits += 1
            self.used[key] = self.stored[key]
            return self.stored[key]
        self.misses += 1
        return None

    def put(self, key: str, entry: object) -> None:
        self.used[key] = entry

    def save(self) -> None:
        """Keep the build's fits, this run's among them; the file is left alone when unchanged."""
        if not self.enabled:
            return
        document = {
            "format": FORMAT_VERSION,
            "build_id": self.build_id,
            "entries": {**self.stored, **self.used},
        }
        text = json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"
        if text != self.stored_text:
            write_text_atomically(self.path, text)

    def _read_text(self) -> str:
        try:
            return self.path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    @staticmethod
    def _entries(text: str, build_id: str | None) -> dict:
        """The stored entries of this build; a missing, unreadable or older-format file is an empty cache."""
        try:
            document = json.loads(text)
        except ValueError:
            return {}
        if not isinstance(document, dict) or document.get("format") != FORMAT_VERSION:
            return {}
        if document.get("build_id") != build_id:
            return {}
        entries = document.get("entries")
        return entries if isinstance(entries, dict) else {}

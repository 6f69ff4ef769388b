"""Which build a database, and everything computed from it, belongs to.

Every build records one row in its database's table build_info: build_id, a sha256 over
the build's inputs (each raw file's name and sha256, every file under sql/ the build
reads, and the build's own code and version). The same inputs give the same id, so the
id is deterministic, and any change to them gives another one.

Later stages carry the id: `dpeace model` writes it into model_results.json and its
tables and refuses to write into a database rebuilt while it was fitting; `dpeace
report` refuses results from another build. A later stage (e.g. `dpeace curve`) adopts
the same checks with current_build_id() and require_same_build().
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipeline import __version__
from pipeline.errors import PipelineError

TABLE = "build_info"
PACKAGE = Path(__file__).resolve().parent
# The build's code: a change in any of these can change the database's contents.
BUILD_CODE = ("build", "stage")
BUILD_MODULES = ("database.py", "build_identity.py")
# What under sql/ the build reads (examples, report queries and the model's SQL it does not).
BUILD_SQL_FOLDERS = ("seeds", "staging", "intermediate", "marts", "build")
BUILD_SQL_FILES = ("schema.yml",)


class BuildMismatch(PipelineError):
    pass


def raw_files_digest(provenance: dict[str, dict]) -> str:
    """A sha256 over every raw file's name and recorded sha256 (order-independent)."""
    lines = "".join(f"{name}\t{provenance[name]['sha256']}\n" for name in sorted(provenance))
    return hashlib.sha256(lines.encode()).hexdigest()


def _files_under(root: Path, folders: tuple[str, ...], files: tuple[str, ...], suffixes: tuple[str, ...]):
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts:
                yield path.relative_to(root).as_posix(), path
    for name in files:
        if (root / name).is_file():
            yield name, root / name


def compute_build_id(provenance: dict[str, dict], sql_dir: Path) -> str:
    """The id of a build from these raw files, these SQL files and this code."""
    digest = hashlib.sha256()
    digest.update(f"dpeace {__version__}\nraw {raw_files_digest(provenance)}\n".encode())
    sources = [
        *(("sql/" + name, path) for name, path in _files_under(sql_dir, BUILD_SQL_FOLDERS, BUILD_SQL_FILES, (".sql", ".csv", ".yml"))),
        *(("pipeline/" + name, path) for name, path in _files_under(PACKAGE, BUILD_CODE, BUILD_MODULES, (".py",))),
    ]
    for name, path in sources:
        digest.update(f"{name}\t{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def current_build_id(con: duckdb.DuckDBPyConnection, database: Path | str = "the database") -> str:
    """The build_id recorded in the database; a database without one must be built again."""
    try:
        rows = con.execute(f"SELECT build_id FROM {TABLE}").fetchall()
    except duckdb.CatalogException:
        rows = []
    if len(rows) != 1 or not rows[0][0]:
        raise BuildMismatch(
            f"{database} records no build id (table {TABLE}): it was built by an older dpeace; "
            "run `dpeace build` (or `make build`)"
        )
    return rows[0][0]


def recorded_raw_files_digest(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute(f"SELECT raw_files_sha256 FROM {TABLE}").fetchall()[0][0]


def require_same_build(expected: str | None, actual: str, *, what: str, command: str) -> None:
    """Refuse to combine `what` (made from build `expected`) with a database of build `actual`.

    `command` is what the user runs to bring them together again, e.g. "dpeace model".
    """
    if expected == actual:
        return
    made_from = f"build {expected[:12]}" if expected else "a database with no build id"
    raise BuildMismatch(
        f"{what} belong(s) to {made_from}, but the database is build {actual[:12]}: "
        f"run `{command}` (or `make report`) to bring them together again"
    )

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

from dpeace import __version__
from dpeace.errors import BuildError, PipelineError
from dpeace.sql_errors import run_sql_file

TABLE = "build_info"
PACKAGE = Path(__file__).resolve().parent
# The build's code: a change in any of these can change the database's contents.
BUILD_CODE = ("transform", "stage")
BUILD_MODULES = ("database.py", "build_identity.py")
# What under sql/ the build reads (examples, report queries and the model's SQL it does not).
BUILD_SQL_FOLDERS = ("seeds", "staging", "intermediate", "marts", "build_info")
BUILD_SQL_FILES = ("schema.yml",)


# Part of the pipeline rather than of the models, so it is read from the repo's sql/
# even when DPEACE_SQL points the build at other models.
BUILD_INFO_SQL = PACKAGE.parent / "sql" / "build_info" / "build_info.sql"


class BuildMismatch(PipelineError):
    pass


def record_build_info(
    con: duckdb.DuckDBPyConnection, build_id: str, raw_files_sha256: str = "", raw_files: int = 0
) -> None:
    """Create the one-row table build_info (sql/build_info/build_info.sql) in a database being built."""
    parameters = {
        "build_id": build_id,
        "raw_files_sha256": raw_files_sha256,
        "raw_files": raw_files,
        "dpeace_version": __version__,
    }
    run_sql_file(con, BUILD_INFO_SQL, BuildError, parameters)


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
        *(
            ("sql/" + name, path)
            for name, path in _files_under(
                sql_dir, BUILD_SQL_FOLDERS, BUILD_SQL_FILES, (".sql", ".csv", ".yml")
            )
        ),
        *(
            ("pipeline/" + name, path)
            for name, path in _files_under(PACKAGE, BUILD_CODE, BUILD_MODULES, (".py",))
        ),
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
        f"{what} were computed on {made_from}, but the database is now build {actual[:12]} "
        f"(it was rebuilt since): run `{command}` (or `make report`) to bring them together again"
    )


def require_unchanged_database(
    fitted_on: str, con: duckdb.DuckDBPyConnection, database: Path | str, stage: str
) -> None:
    """Refuse to write `stage`'s results into a database rebuilt since they were computed."""
    now = current_build_id(con, database)
    if now != fitted_on:
        raise BuildMismatch(
            f"{database} was rebuilt (build {now[:12]}) while `dpeace {stage}` was working on "
            f"build {fitted_on[:12]}, so its results were not written: run `dpeace {stage}` again"
        )


def build_id_of(database: Path) -> str:
    """The build id recorded in the database file (opened read-only)."""
    from dpeace.database import connect_readonly

    con = connect_readonly(database)
    try:
        return current_build_id(con, database)
    finally:
        con.close()


def require_report_inputs_agree(results: dict, results_path: Path, database: Path, provenance: dict) -> None:
    """Refuse a report whose model results, database and raw files are not of one build.

    The report certifies the raw files' checksums from the provenance file; the build
    checked the very same sums (raw_files_sha256), so the statement holds by construction.
    """
    from dpeace.database import connect_readonly

    con = connect_readonly(database)
    try:
        built = current_build_id(con, database)
        raw_digest = recorded_raw_files_digest(con)
    finally:
        con.close()
    if raw_files_digest(provenance) != raw_digest:
        raise BuildMismatch(
            f"the raw files recorded in the provenance file are not the ones {database} was built "
            "from (a fetch ran after the build): run `dpeace build` and `dpeace model` (or `make report`)"
        )
    require_same_build(
        results.get("build_id"), built, what=f"the model results in {results_path}", command="dpeace model"
    )

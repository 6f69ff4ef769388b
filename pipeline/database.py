"""Opening the user-facing DuckDB file: read-only for readers, all-or-nothing for writers.

The build never touches the live file: it writes a sibling temporary file and renames it
over the live one only when everything succeeded (dpeace.atomic_files, as for every other
output), so a reader (or a failed run) always sees the previous complete database. The
stages that add a few small result tables to it (model, curve) write them in place in one
transaction instead, which a failure or a kill rolls back: copying the whole database
(every staging table) for them cost more than fitting.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from dpeace.atomic_files import replaced_on_success
from dpeace.errors import PipelineError, QueryError

# Files written by DuckDB 2.x with default settings cannot be opened by DuckDB 1.x
# clients (such as the `duckdb-cli` 1.5 package); this keeps the on-disk format
# readable by them.
STORAGE_COMPATIBILITY = "v1.4.0"

# The folder beside a temporary database where a build under a memory limit spills.
SPILL_SUFFIX = ".spill"

# A DuckDB file is three 4 KiB headers, then its blocks: a file shorter than its used
# blocks lost its end.
HEADER_BYTES = 3 * 4096
# What DuckDB says of a file that is not one of its databases, or that lost part of itself.
DAMAGE_SIGNS = ("not a valid DuckDB database", "Could not read enough bytes", "Corrupt", "checksum")
REBUILD = "run `dpeace build` (or `make build`) to build it again"


class DamagedDatabase(PipelineError):
    pass


def damage_advice(text: str) -> str:
    """The advice to add to a DuckDB error that shows a damaged database file, or ''."""
    return f"; the database looks damaged: {REBUILD}" if any(sign in text for sign in DAMAGE_SIGNS) else ""


def _open_existing(path: Path, shown: Path | None = None, **options) -> duckdb.DuckDBPyConnection:
    """duckdb.connect(path), refusing a file that is no DuckDB database or shorter than its
    own header says (truncated) with one message naming `shown` (default: path)."""
    shown = shown or path
    try:
        con = duckdb.connect(str(path), **options)
    except duckdb.Error as error:
        text = str(error).strip().splitlines()[0]
        if damage_advice(text):
            raise DamagedDatabase(
                f"{shown} is damaged or not a dpeace database ({text}): {REBUILD}"
            ) from None
        raise
    try:
        # Used blocks, not total: DuckDB counts free blocks in its total and may cut free
        # blocks off the file's end at a checkpoint, so only the used ones must be there.
        block_size, blocks = con.execute(
            "SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchall()[0]
        expected = HEADER_BYTES + block_size * blocks
    except duckdb.Error as error:
        con.close()
        raise DamagedDatabase(
            f"{shown} is damaged ({str(error).strip().splitlines()[0]}): {REBUILD}"
        ) from None
    size = path.stat().st_size
    if size < expected:
        con.close()
        raise DamagedDatabase(
            f"{shown} is damaged: it holds {size:,} bytes, fewer than the {expected:,} its own header "
            f"counts (cut short, say by a full disk or an interrupted copy): {REBUILD}"
        )
    return con


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection for the pipeline's own readers (the user's SQL gets
    connect_sandboxed)."""
    path = Path(path)
    if not path.exists():
        raise QueryError(f"no database at {path}: run the build first (`dpeace build` or `make build`)")
    if path.is_dir():
        raise QueryError(f"{path} is a folder, not a database: give the database file (peace.duckdb)")
    # Offline machines cannot download extensions; without this an operator such as
    # `>>=` makes DuckDB try to install one and fail with a confusing network error.
    return _open_existing(path, read_only=True, config={"autoinstall_known_extensions": False})


def connect_sandboxed(path: Path, memory_limit: str) -> duckdb.DuckDBPyConnection:
    """The connection `dpeace sql` gives the user's SQL: read-only, no file but the database
    (external access off), nowhere to spill (DuckDB would otherwise allow writing in its
    spill folder, peace.duckdb.tmp/ beside the database), at most `memory_limit`, and its
    settings locked, so that no statement can raise the limit, add threads or set a path.
    External access off fails COPY ... TO, EXPORT DATABASE, ATTACH, read_csv and INSTALL
    with a permission error, while the database itself reads as usual.
    """
    path = Path(path)
    if not path.exists():
        raise QueryError(f"no database at {path}: run the build first (`dpeace build` or `make build`)")
    if path.is_dir():
        raise QueryError(f"{path} is a folder, not a database: give the database file (peace.duckdb)")
    config = {
        "autoinstall_known_extensions": False,
        "enable_external_access": False,
        "temp_directory": "",
        "memory_limit": memory_limit,
        "lock_configuration": True,
    }
    return _open_existing(path, read_only=True, config=config)


def _connect_for_writing(path: Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    # No sync after each statement: the file is a temporary one that nobody reads until it
    # is complete, and write_atomically syncs it once before renaming it over the target
    # (DuckDB's own syncs, one or more a statement, cost the build about a third of a second).
    config = {"storage_compatibility_version": STORAGE_COMPATIBILITY, "fsync_mode": "NONE"}
    if memory_limit is not None:
        # What does not fit spills into a folder named after the temporary database, so that
        # it is removed with it (and, if the process is killed, by the next run's clean-up).
        config.update(memory_limit=memory_limit, temp_directory=f"{path}{SPILL_SUFFIX}")
    return duckdb.connect(str(path), config=config)


@contextlib.contextmanager
def write_in_place(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to `target` inside one transaction, committed if the block succeeds.

    On any exception the transaction is rolled back and `target` keeps what it held; a
    process killed mid-way leaves an uncommitted transaction, which DuckDB discards.
    """
    target = Path(target)
    if not target.exists():
        raise QueryError(f"no database at {target}: run the build first (`dpeace build`)")
    try:
        con = _open_existing(target, config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    except (duckdb.IOException, duckdb.ConnectionException) as error:
        raise QueryError(
            f"cannot write to {target}: another program has it open ({error}). "
            "Close it (a `dpeace sql` or duckdb session) and run the stage again"
        ) from None
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sync_to_disk(path: Path) -> None:
    """Wait until the file's bytes are on the disk, so that the rename that follows never
    puts a file in the target's place whose contents a crash could still lose."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def write_atomically(
    target: Path, start_from_existing: bool = False, memory_limit: str | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection to a temporary database that replaces `target` on success.

    With start_from_existing the temporary file begins as a copy of `target` (for
    stages that add tables to a built database); otherwise it begins empty.
    memory_limit (DuckDB's form, e.g. 1GB) caps DuckDB's memory in a new database; what
    does not fit spills to a folder beside the temporary file, removed at the end.
    On any exception the temporary file is removed and `target` is left untouched.
    """
    target = Path(target)
    if start_from_existing and not target.exists():
        raise QueryError(f"no database at {target}: run the build first (`dpeace build`)")
    with replaced_on_success(target) as tmp:
        try:
            if start_from_existing:
                shutil.copyfile(target, tmp)
                con = _open_existing(
                    tmp, target, config={"storage_compatibility_version": STORAGE_COMPATIBILITY}
                )
            else:
                # DuckDB refuses an existing empty file as "not a valid DuckDB database".
                tmp.unlink()
                con = _connect_for_writing(tmp, memory_limit)
            try:
                yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _sync_to_disk(tmp)
        finally:
            Path(f"{tmp}.wal").unlink(missing_ok=True)
            shutil.rmtree(f"{tmp}{SPILL_SUFFIX}", ignore_errors=True)

"""Run the user's SQL on a read-only connection and turn DuckDB's errors into plain ones."""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dpeace.database import connect_readonly, connect_sandboxed
from dpeace.errors import QueryError

# What a laptop survives: `dpeace sql --memory-limit` and `--timeout` change them.
log = logging.getLogger(__name__)

DEFAULT_MEMORY_LIMIT = "2GB"
DEFAULT_TIMEOUT_SECONDS = 300.0


@dataclass
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple]
    # More than len(rows) when the caller asked for only the first rows.
    total_rows: int

    @property
    def rows_left_out(self) -> int:
        return self.total_rows - len(self.rows)


def open_database(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection (for describe and export); a missing database says to run the build first."""
    try:
        return connect_readonly(Path(path))
    except duckdb.Error as error:
        raise QueryError(f"cannot open {path}: {plain_message(error)}") from None


def open_sandbox(path: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """The connection of `dpeace sql` (dpeace.database.connect_sandboxed): no file but the
    database, no spilling, `memory_limit`, settings locked."""
    try:
        return connect_sandboxed(Path(path), memory_limit)
    except duckdb.Error as error:
        if "memory_limit" in str(error).lower() or "memory limit" in str(error).lower():
            raise QueryError(
                f"--memory-limit {memory_limit}: {plain_message(error)} (give e.g. 2GB or 500MB)"
            ) from None
        raise QueryError(f"cannot open {path}: {plain_message(error)}") from None


FILES_DISABLED = "file system operations are disabled by configuration"
CONFIGURATION_LOCKED = "the configuration has been locked"
OUT_OF_MEMORY = "Out of Memory Error"


def plain_message(error: duckdb.Error) -> str:
    # DuckDB's own text already names the kind of error and, for errors in the query,
    # points at the position with a "LINE n:" excerpt and a caret underneath.
    text = str(error).strip()
    if FILES_DISABLED in text:
        text += (
            "\n`dpeace sql` reads the database only and writes no files; "
            "to write a table to a file use `dpeace export`"
        )
    elif CONFIGURATION_LOCKED in text:
        text += (
            "\n`dpeace sql` fixes its settings for the session: give its memory with "
            "--memory-limit and its time per statement with --timeout"
        )
    elif OUT_OF_MEMORY in text:
        text += "\nthe statement needs more memory than `dpeace sql --memory-limit` allows; give it more"
    return text


def run_interruptibly(con: duckdb.DuckDBPyConnection, work: Callable[[], QueryResult], timeout: float | None):
    """Run `work` (which uses `con`) so that Ctrl-C and `timeout` seconds can stop it.

    DuckDB checks for Ctrl-C only between its tasks, and one task of a large join can run
    for minutes; the statement therefore runs in a thread of its own while the main thread
    waits, and on Ctrl-C (KeyboardInterrupt) or the timeout interrupts it (DuckDB's
    interrupt()) and waits for it to stop. The wait is on an event the thread sets, not on
    Thread.join: a join cut short by Ctrl-C can take a running thread for a finished one.
    """
    outcome: dict = {}
    finished = threading.Event()

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the main thread, which raises it
            outcome["error"] = error
        finally:
            finished.set()

    threading.Thread(target=target, name="dpeace-sql-statement", daemon=True).start()
    log.debug("statement running (Ctrl-C stops it)")
    try:
        done = finished.wait(timeout or None)
    except KeyboardInterrupt:
        _stop(con, finished)
        raise
    if not done:
        _stop(con, finished)
        raise QueryError(
            f"the statement ran longer than {timeout:g} s and was stopped: give it more time with "
            "`dpeace sql --timeout SECONDS` (0 for no limit)"
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _stop(con: duckdb.DuckDBPyConnection, finished: threading.Event) -> None:
    # An interrupt that lands before the statement starts is lost, so it is repeated.
    while True:
        con.interrupt()
        try:
            if finished.wait(0.1):
                return
        except KeyboardInterrupt:  # Ctrl-C again: the statement is being stopped already
            continue


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, first_rows: int | None = None, timeout: float | None = None
) -> QueryResult:
    """Run `sql` (one statement or several; the last one's result is returned).

    With first_rows, only that many rows are fetched into Python and the rest are only
    counted, so that printing the head of a million-row table stays quick. Ctrl-C stops
    the statement; so does `timeout` (seconds), with a QueryError.
    """
    if not sql.strip():
        raise QueryError("the query is empty")
    return run_interruptibly(con, lambda: _run_query(con, sql, first_rows), timeout)


def _run_query(con: duckdb.DuckDBPyConnection, sql: str, first_rows: int | None) -> QueryResult:
    try:
        con.execute(sql)
        if con.description is None:
            return QueryResult([], [], [], 0)
        columns = [entry[0] for entry in con.description]
        types = [str(entry[1]) for entry in con.description]
        if first_rows is None:
            rows = con.fetchall()
            return QueryResult(columns, types, rows, len(rows))
        rows = con.fetchmany(first_rows)
        return QueryResult(columns, types, rows, len(rows) + _count_remaining_rows(con))
    except duckdb.Error as error:
        raise QueryError(plain_message(error)) from None


def _count_remaining_rows(con: duckdb.DuckDBPyConnection) -> int:
    # Arrow batches count the rest without building a Python tuple per row. DuckDB warns
    # that this copies the rows once more; harmless here, as they are only counted.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reader = con.to_arrow_reader(100_000)
    return sum(batch.num_rows for batch in reader)

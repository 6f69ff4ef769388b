"""Run the user's SQL on a read-only connection and turn DuckDB's errors into plain ones."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dpeace.database import connect_readonly
from dpeace.errors import QueryError


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


def open_database(path: Path, *, files_allowed: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-only connection; a missing database says to run the build first.

    `dpeace sql` opens it with files_allowed false: the user's SQL can then write no file
    (COPY ... TO, EXPORT DATABASE) and read none but the database.
    """
    try:
        return connect_readonly(Path(path), files_allowed=files_allowed)
    except duckdb.Error as error:
        raise QueryError(f"cannot open {path}: {plain_message(error)}") from None


FILES_DISABLED = "file system operations are disabled by configuration"


def plain_message(error: duckdb.Error) -> str:
    # DuckDB's own text already names the kind of error and, for errors in the query,
    # points at the position with a "LINE n:" excerpt and a caret underneath.
    text = str(error).strip()
    if FILES_DISABLED in text:
        text += (
            "\n`dpeace sql` reads the database only and writes no files; "
            "to write a table to a file use `dpeace export`"
        )
    return text


def run_query(con: duckdb.DuckDBPyConnection, sql: str, first_rows: int | None = None) -> QueryResult:
    """Run `sql` (one statement or several; the last one's result is returned).

    With first_rows, only that many rows are fetched into Python and the rest are only
    counted, so that printing the head of a million-row table stays quick.
    """
    if not sql.strip():
        raise QueryError("the query is empty")
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

"""Load every cached raw file, verbatim, into a table raw_<name>.

Every value is kept as the file holds it: a text file's (CSV, TSV, spreadsheet) as its
text (all columns VARCHAR), an R data file's with R's own types (a double stays a DOUBLE,
NA is NULL), which DuckDB takes from the frame without a round trip through text. Typing,
and the meaning of codes such as COW's -9, belong to the staging models in sql/staging/,
where they can be read and tested; each casts what it reads, so it takes either form. Files are found through the provenance record the fetcher
wrote, so the build reads exactly what was fetched and verified.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import duckdb

from dpeace import paths
from dpeace.errors import BuildError, FetchError
from dpeace.fetch.provenance import read_provenance
from dpeace.fetch.rdata import read_r_frame
from dpeace.fetch.verify import read_tsv

log = logging.getLogger(__name__)

# The CSV sniffer recognises \n, \r\n and the old-Mac \r of Inter-StateWarData_v4.0.csv.
_CSV_LOAD = "CREATE TABLE {table} AS SELECT * FROM read_csv($path, header = true, all_varchar = true)"


def raw_table_name(file_name: str) -> str:
    return f"raw_{file_name}"


def load_raw_tables(con: duckdb.DuckDBPyConnection, provenance: dict | None = None) -> dict[str, int]:
    """Create raw_<name> for each file in the provenance record; return rows per table.

    The text files (CSV, TSV, spreadsheets) load in a second thread, on a cursor of its own,
    while this thread reads the R data files: DuckDB's CSV reader releases the interpreter
    while pyreadr's reading and the import of pandas hold it, so on two cores the two
    overlap. Each thread loads its files in one transaction (a commit a table would write
    the log again for each of them). A failure on either side rolls back that side's
    transaction and stops the other at its next file; the build then discards its
    temporary database with whatever the other side committed.
    """
    if provenance is None:
        provenance = read_provenance()
    records = {}
    for name in sorted(provenance):
        record = provenance[name]
        path = paths.raw_dir() / record["path"]
        if not path.is_file():
            raise BuildError(f"raw file for {name} is missing at {path}: run `dpeace fetch`")
        file_format = record.get("format", "csv")
        if file_format not in _FORMATS:
            raise BuildError(
                f"raw file {path} has unknown format {file_format!r} (expected csv, tsv, xls or rdata)"
            )
        records[name] = (record, path, file_format)
    text_files = {name: entry for name, entry in records.items() if entry[2] != "rdata"}
    r_files = {name: entry for name, entry in records.items() if entry[2] == "rdata"}
    with TextFileLoader(con, text_files) as text_loader:
        r_rows = _load_files(con, r_files, text_loader.failed)
    # The text files' tables, then the R files', each in name order.
    return {**text_loader.rows, **r_rows}


_FORMATS = ("csv", "xls", "tsv", "rdata")


def _load_files(
    con: duckdb.DuckDBPyConnection, files: dict[str, tuple[dict, Path, str]], stop: threading.Event
) -> dict[str, int]:
    """Load `files` through `con` in one transaction; stop early (rolled back) once `stop` is set."""
    rows: dict[str, int] = {}
    if not files:
        return rows
    con.execute("BEGIN TRANSACTION")
    try:
        for name, (record, path, file_format) in files.items():
            if stop.is_set():
                break
            rows.update(_load_file(con, name, path, record, file_format))
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if stop.is_set():
        con.execute("ROLLBACK")
        return {}
    con.execute("COMMIT")
    return rows


def _load_file(
    con: duckdb.DuckDBPyConnection, name: str, path: Path, record: dict, file_format: str
) -> dict[str, int]:
    table = raw_table_name(name)
    # Each loader answers with the rows its statement wrote (CREATE TABLE ... AS and
    # INSERT return that count), so no table is scanned again to count them.
    try:
        if file_format == "csv":
            rows = _written_rows(con.execute(_CSV_LOAD.format(table=table), {"path": str(path)}))
        elif file_format == "xls":
            rows = _load_spreadsheet(con, table, path)
        elif file_format == "tsv":
            rows = _load_headerless_tsv(con, table, path, record)
        else:
            rows = _load_r_data(con, table, path, _read_r_frame(path, record))
    except duckdb.Error as error:
        raise BuildError(f"could not load raw file {path} into {table}: {error}") from None
    log.debug("loaded %s: %d rows from %s", table, rows, path)
    return {table: rows}


class TextFileLoader:
    """Loads the text files in a thread of its own, on a cursor of the caller's connection.

    `failed` is set when either side fails, so that the other stops at its next file; the
    thread's own error is raised when the block ends (after the caller's, if both failed).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, files: dict[str, tuple[dict, Path, str]]):
        self._con = con
        self._files = files
        self.rows: dict[str, int] = {}
        self.failed = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="raw-text-loader", daemon=True)

    def _run(self) -> None:
        try:
            with self._con.cursor() as cursor:
                self.rows = _load_files(cursor, self._files, self.failed)
        except BaseException as error:
            self._error = error
            self.failed.set()

    def __enter__(self) -> TextFileLoader:
        if self._files:
            self._thread.start()
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc is not None:
            self.failed.set()
        if self._thread.is_alive():
            self._thread.join()
        if exc is None and self._error is not None:
            raise self._error


def _written_rows(result: duckdb.DuckDBPyConnection) -> int:
    """The row count a CREATE TABLE ... AS or INSERT statement answers with."""
    return result.fetchall()[0][0]


def _load_headerless_tsv(con: duckdb.DuckDBPyConnection, table: str, path: Path, record: dict) -> int:
    """A header-less tab-separated file, named by the columns the registry declares.

    Read in Python because its encoding (Windows-1252 for Gleditsch-Ward's lists) is not
    one DuckDB's CSV reader knows; the files are a few hundred lines.
    """
    columns = record.get("columns")
    if not columns:
        raise BuildError(
            f"raw file {path} is a header-less TSV but its provenance record names no columns: "
            f"run `dpeace fetch {record['name']} --force`"
        )
    try:
        records = read_tsv(path, record.get("encoding", "utf-8"))
    except FetchError as error:
        raise BuildError(f"could not read raw file {path}: {error}") from None
    for number, fields in enumerate(records, start=1):
        if len(fields) != len(columns):
            raise BuildError(
                f"raw file {path}: record {number} has {len(fields)} tab-separated fields, expected "
                f"{len(columns)} ({', '.join(columns)})"
            )
    declared = ", ".join(f'"{name}" VARCHAR' for name in columns)
    con.execute(f"CREATE TABLE {table} ({declared})")
    # Cells as the file holds them; an empty one is NULL, as DuckDB's CSV reader makes it.
    # One statement with a list per column: a row-by-row executemany takes a second on
    # the build's database for a few hundred rows.
    cells_by_column = [[cell if cell != "" else None for cell in column] for column in zip(*records)]
    if not cells_by_column:
        return 0
    unnested = ", ".join(f"unnest(${number}::VARCHAR[])" for number in range(1, len(columns) + 1))
    return _written_rows(con.execute(f"INSERT INTO {table} SELECT {unnested}", cells_by_column))


def _read_r_frame(path: Path, record: dict):
    try:
        return read_r_frame(path, record.get("object"))
    except FetchError as error:
        raise BuildError(f"could not read raw file {path}: {error}") from None


def _load_r_data(con: duckdb.DuckDBPyConnection, table: str, path: Path, frame) -> int:
    """The data frame of an R data file, with R's own types: a double stays a DOUBLE, an
    integer an INTEGER, a logical a BOOLEAN, a Date a DATE, text VARCHAR; NA is NULL."""
    # pandas' nullable string columns as plain objects, which DuckDB scans as VARCHAR.
    frame = frame.astype({name: object for name, dtype in frame.dtypes.items() if dtype.kind not in "fiub"})
    con.register("_r_frame", frame)
    try:
        return _written_rows(con.execute(f"CREATE TABLE {table} AS SELECT * FROM _r_frame"))
    finally:
        con.unregister("_r_frame")


def _load_spreadsheet(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> int:
    # pandas takes a while to import and only a spreadsheet needs it.
    import pandas

    try:
        frame = pandas.read_excel(path, engine="calamine")
    except Exception as error:  # calamine raises its own types for unreadable workbooks
        raise BuildError(f"could not read spreadsheet {path}: {error}") from None
    as_text = frame.apply(_column_as_text)
    con.register("_spreadsheet", as_text)
    try:
        return _written_rows(con.execute(f"CREATE TABLE {table} AS SELECT * FROM _spreadsheet"))
    finally:
        con.unregister("_spreadsheet")


def _column_as_text(column):
    """Text as a CSV export would show it: whole numbers without Excel's trailing '.0'."""
    values = column.dropna()
    if column.dtype.kind == "f" and (values == values.round()).all():
        column = column.astype("Int64")
    return column.astype("string").astype(object).where(column.notna(), None)

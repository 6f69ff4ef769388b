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
import queue
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

    The R data files are read in a second thread while DuckDB loads the other files:
    importing pyreadr and pandas and decoding the files is Python's work, holding the
    interpreter, while DuckDB's CSV reader releases it, so on two cores the two overlap.
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
    r_files = [(name, path, record) for name, (record, path, kind) in records.items() if kind == "rdata"]
    rows: dict[str, int] = {}
    with RFrameReader(r_files) as r_frames:
        for name, (record, path, file_format) in records.items():
            if file_format != "rdata":
                rows.update(_load_file(con, name, path, record, file_format))
        for name, path, record in r_files:
            rows.update(_load_file(con, name, path, record, "rdata", r_frames))
    return rows


_FORMATS = ("csv", "xls", "tsv", "rdata")


def _load_file(
    con: duckdb.DuckDBPyConnection,
    name: str,
    path: Path,
    record: dict,
    file_format: str,
    r_frames: RFrameReader | None = None,
) -> dict[str, int]:
    table = raw_table_name(name)
    try:
        if file_format == "csv":
            con.execute(_CSV_LOAD.format(table=table), {"path": str(path)})
        elif file_format == "xls":
            _load_spreadsheet(con, table, path)
        elif file_format == "tsv":
            _load_headerless_tsv(con, table, path, record)
        else:
            _load_r_data(con, table, path, r_frames.next_frame(name))
    except duckdb.Error as error:
        raise BuildError(f"could not load raw file {path} into {table}: {error}") from None
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    log.debug("loaded %s: %d rows from %s", table, rows, path)
    return {table: rows}


class RFrameReader:
    """Reads the R data files' frames, in the order given, in a thread of its own.

    At most _AHEAD frames wait to be staged, so that memory holds a few frames, not all
    of them. A file that cannot be read is reported, naming it, when its frame is asked
    for; leaving the `with` block early stops the thread after the file it is reading.
    """

    _AHEAD = 1

    def __init__(self, files: list[tuple[str, Path, dict]]):
        self._files = files
        self._frames: queue.Queue = queue.Queue(maxsize=self._AHEAD)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read_all, name="r-data-reader", daemon=True)

    def __enter__(self) -> RFrameReader:
        if self._files:
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread.is_alive():
            # Unblock a reader waiting for room, then wait for the file it is reading.
            while self._thread.is_alive():
                try:
                    self._frames.get_nowait()
                except queue.Empty:
                    pass
                self._thread.join(timeout=0.05)

    def next_frame(self, name: str):
        """The frame of `name`, which must be the next file in the reader's order."""
        while True:
            try:
                read_name, frame, error = self._frames.get(timeout=0.5)
                break
            except queue.Empty:
                if not self._thread.is_alive() and self._frames.empty():
                    raise RuntimeError(f"the R data reader stopped before reading {name}") from None
        if read_name != name:
            raise RuntimeError(f"R data files asked for out of order: {name} before {read_name}")
        if error is not None:
            raise error
        return frame

    def _read_all(self) -> None:
        for name, path, record in self._files:
            if self._stop.is_set():
                return
            try:
                item = (name, read_r_frame(path, record.get("object")), None)
            except FetchError as error:
                item = (name, None, BuildError(f"could not read raw file {path}: {error}"))
            except BaseException as error:  # handed on: the main thread raises it as it is
                item = (name, None, error)
            while not self._stop.is_set():
                try:
                    self._frames.put(item, timeout=0.05)
                    break
                except queue.Full:
                    continue
            del item
            if self._stop.is_set():
                return


def _load_headerless_tsv(con: duckdb.DuckDBPyConnection, table: str, path: Path, record: dict) -> None:
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
    if cells_by_column:
        unnested = ", ".join(f"unnest(${number}::VARCHAR[])" for number in range(1, len(columns) + 1))
        con.execute(f"INSERT INTO {table} SELECT {unnested}", cells_by_column)


def _load_r_data(con: duckdb.DuckDBPyConnection, table: str, path: Path, frame) -> None:
    """The data frame of an R data file, with R's own types: a double stays a DOUBLE, an
    integer an INTEGER, a logical a BOOLEAN, a Date a DATE, text VARCHAR; NA is NULL."""
    # pandas' nullable string columns as plain objects, which DuckDB scans as VARCHAR.
    frame = frame.astype({name: object for name, dtype in frame.dtypes.items() if dtype.kind not in "fiub"})
    con.register("_r_frame", frame)
    try:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM _r_frame")
    finally:
        con.unregister("_r_frame")


def _load_spreadsheet(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    # pandas takes a while to import and only a spreadsheet needs it.
    import pandas

    try:
        frame = pandas.read_excel(path, engine="calamine")
    except Exception as error:  # calamine raises its own types for unreadable workbooks
        raise BuildError(f"could not read spreadsheet {path}: {error}") from None
    as_text = frame.apply(_column_as_text)
    con.register("_spreadsheet", as_text)
    try:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM _spreadsheet")
    finally:
        con.unregister("_spreadsheet")


def _column_as_text(column):
    """Text as a CSV export would show it: whole numbers without Excel's trailing '.0'."""
    values = column.dropna()
    if column.dtype.kind == "f" and (values == values.round()).all():
        column = column.astype("Int64")
    return column.astype("string").astype(object).where(column.notna(), None)

"""Load every cached raw file, verbatim, into a table raw_<name>.

Every value is kept as the text the file holds (all columns VARCHAR): typing, and the
meaning of codes such as COW's -9, belong to the staging models in sql/staging/, where
they can be read and tested. Files are found through the provenance record the fetcher
wrote, so the build reads exactly what was fetched and verified.
"""

from __future__ import annotations

import logging
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
    """Create raw_<name> for each file in the provenance record; return rows per table."""
    if provenance is None:
        provenance = read_provenance()
    rows: dict[str, int] = {}
    for name in sorted(provenance):
        record = provenance[name]
        path = paths.raw_dir() / record["path"]
        table = raw_table_name(name)
        if not path.is_file():
            raise BuildError(f"raw file for {name} is missing at {path}: run `dpeace fetch` first")
        file_format = record.get("format", "csv")
        try:
            if file_format == "csv":
                con.execute(_CSV_LOAD.format(table=table), {"path": str(path)})
            elif file_format == "xls":
                _load_spreadsheet(con, table, path)
            elif file_format == "tsv":
                _load_headerless_tsv(con, table, path, record)
            elif file_format == "rdata":
                _load_r_data(con, table, path, record)
            else:
                raise BuildError(
                    f"raw file {path} has unknown format {file_format!r} (expected csv, tsv, xls or rdata)"
                )
        except duckdb.Error as error:
            raise BuildError(f"could not load raw file {path} into {table}: {error}") from None
        rows[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        log.debug("loaded %s: %d rows from %s", table, rows[table], path)
    return rows


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


def _load_r_data(con: duckdb.DuckDBPyConnection, table: str, path: Path, record: dict) -> None:
    """The data frame of an R data file, every value as the text a CSV written by R holds.

    R stores codes and counts as doubles: a whole number becomes "2", not "2.0", as in R's
    write.csv; other numbers keep their shortest exact form; NA is NULL; a Date is
    yyyy-mm-dd; a logical is true/false.
    """
    try:
        frame = read_r_frame(path, record.get("object"))
    except FetchError as error:
        raise BuildError(f"could not read raw file {path}: {error}") from None
    # pandas' nullable string columns as plain objects, which DuckDB scans as VARCHAR.
    frame = frame.astype({name: object for name, dtype in frame.dtypes.items() if dtype.kind not in "fiub"})
    con.register("_r_frame", frame)
    try:
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE _r_frame)").fetchall())
        columns = ", ".join(_as_text(name, types[name]) for name in frame.columns)
        con.execute(f"CREATE TABLE {table} AS SELECT {columns} FROM _r_frame")
    finally:
        con.unregister("_r_frame")


def _as_text(name: str, column_type: str) -> str:
    quoted = '"' + str(name).replace('"', '""') + '"'
    if column_type in ("DOUBLE", "FLOAT"):
        # Exact integers only (|x| < 2^53): larger doubles keep their own form.
        whole = f"CAST(CAST({quoted} AS BIGINT) AS VARCHAR)"
        value = f"CASE WHEN {quoted} = trunc({quoted}) AND abs({quoted}) < 9007199254740992 THEN {whole} ELSE CAST({quoted} AS VARCHAR) END"
        return f"{value} AS {quoted}"
    return f"CAST({quoted} AS VARCHAR) AS {quoted}"


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

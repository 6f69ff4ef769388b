"""The data dictionary written into the database as DuckDB comments.

Every table the dictionary describes gets `COMMENT ON TABLE`, every described column
`COMMENT ON COLUMN`, so that any DuckDB client (the duckdb CLI, R's duckdb, DBeaver) reads
the meaning beside the data: `SELECT comment FROM duckdb_tables()` and
`duckdb_columns()`. The build comments its tables; `dpeace model` and `dpeace curve`
comment the tables they add. {setting} placeholders take the database's own
analysis_settings values, so a comment states the threshold the build used.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from dpeace.transform.dictionary import filled

SETTINGS_TABLE = "analysis_settings"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def analysis_settings(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{setting: value} from the database's analysis_settings seed; {} where it has none."""
    present = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?",
        [SETTINGS_TABLE],
    ).fetchall()[0][0]
    if not present:
        return {}
    rows = con.execute(f"SELECT setting, value FROM {SETTINGS_TABLE}").fetchall()
    return {setting: _as_written(value) for setting, value in rows}


def _as_written(value) -> str:
    # The seed's value column is DOUBLE once any setting is fractional (V-Dem's 0.5): a
    # threshold of 6 must still read "6" in a label, not "6.0".
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def comment_tables(
    con: duckdb.DuckDBPyConnection, dictionary: dict[str, dict], tables: Iterable[str] | None = None
) -> int:
    """Comment the described tables present in the database (only `tables`, if given) and
    their described columns; return the number of comments written."""
    settings = analysis_settings(con)
    wanted = None if tables is None else set(tables)
    present = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name, column_index"
    ).fetchall()
    columns_by_table: dict[str, list[str]] = {}
    for table, column in present:
        columns_by_table.setdefault(table, []).append(column)
    written = 0
    for table, columns in columns_by_table.items():
        entry = dictionary.get(table)
        if entry is None or (wanted is not None and table not in wanted):
            continue
        if entry.get("description"):
            con.execute(
                f"COMMENT ON TABLE {quote_identifier(table)} IS "
                f"{quote_literal(filled(entry['description'], settings))}"
            )
            written += 1
        meanings = entry.get("columns", {})
        for column in columns:
            if meanings.get(column):
                con.execute(
                    f"COMMENT ON COLUMN {quote_identifier(table)}.{quote_identifier(column)} IS "
                    f"{quote_literal(filled(meanings[column], settings))}"
                )
                written += 1
    return written

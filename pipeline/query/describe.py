"""What is in the database: its tables and columns, with their meaning from the data dictionary.

The dictionary is `{table: {"description": str, "columns": {column: meaning}}}` (see
dpeace.transform.dictionary); it is passed in so that the database, not the dictionary,
decides which tables and columns exist.
"""

from __future__ import annotations

import difflib

import duckdb

from dpeace.errors import QueryError
from dpeace.query.run_sql import QueryResult
from dpeace.sql_files import render_sql, sql_text
from dpeace.transform.comments import quote_identifier
from dpeace.transform.dictionary import LAYER_ORDER, OTHER_LAYER

NOT_IN_DICTIONARY = "(not in the data dictionary)"


def catalog_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, BASE TABLE | VIEW) of every table and view, by name (sql/catalog/tables.sql)."""
    return con.execute(sql_text("catalog", "tables", QueryError)).fetchall()


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for name, _ in catalog_tables(con)]


def existing_table(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The table's name as the database spells it; an unknown name lists the real ones.

    Checking against the catalog is what keeps a table name given on the command line
    from carrying SQL of its own.
    """
    names = table_names(con)
    by_folded_name = {table.lower(): table for table in names}
    if name.lower() in by_folded_name:
        return by_folded_name[name.lower()]
    listed = ", ".join(names) if names else "none: the database is empty"
    nearest = difflib.get_close_matches(name.lower(), list(by_folded_name), n=1, cutoff=0.6)
    hint = f"; did you mean {by_folded_name[nearest[0]]!r}?" if nearest else ""
    raise QueryError(f"no table {name!r} in the database{hint} (tables: {listed})")


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) pairs in the table's order."""
    return con.execute(sql_text("catalog", "table_columns", QueryError), [table]).fetchall()


def table_layer(dictionary: dict[str, dict], table: str) -> str:
    return dictionary.get(table, {}).get("layer") or OTHER_LAYER


def _layer_rank(layer: str) -> int:
    return LAYER_ORDER.index(layer) if layer in LAYER_ORDER else len(LAYER_ORDER)


def list_tables(con: duckdb.DuckDBPyConnection, dictionary: dict[str, dict]) -> QueryResult:
    """Every table and view, grouped by layer in the data's order (seeds, staging,
    intermediate, marts, build, results; then anything the dictionary does not place)."""
    rows = []
    tables = sorted(
        catalog_tables(con),
        key=lambda row: (_layer_rank(table_layer(dictionary, row[0])), row[0]),
    )
    for table, table_type in tables:
        kind = "view" if table_type == "VIEW" else "table"
        # A view's rows are left uncounted: counting would run its whole query.
        count = None
        if kind == "table":
            sql = render_sql("catalog", "table_rows", QueryError, table=quote_identifier(table))
            (count,) = con.execute(sql).fetchone()
        description = table_description(dictionary, table)
        rows.append((table_layer(dictionary, table), table, kind, count, description))
    return QueryResult(
        ["layer", "table", "kind", "rows", "description"],
        ["VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "VARCHAR"],
        rows,
        len(rows),
    )


def describe_table(con: duckdb.DuckDBPyConnection, dictionary: dict[str, dict], table: str) -> QueryResult:
    table = existing_table(con, table)
    meanings = dictionary.get(table, {}).get("columns", {})
    rows = [
        (column, column_type, meanings.get(column) or NOT_IN_DICTIONARY)
        for column, column_type in table_columns(con, table)
    ]
    return QueryResult(["column", "type", "meaning"], ["VARCHAR"] * 3, rows, len(rows))


def table_description(dictionary: dict[str, dict], table: str) -> str:
    return dictionary.get(table, {}).get("description") or NOT_IN_DICTIONARY

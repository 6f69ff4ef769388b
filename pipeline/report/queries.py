"""Running the report's SQL files (sql/report/*.sql) against the built database."""

from __future__ import annotations

import duckdb

from dpeace.report.errors import ReportError
from dpeace.sql_files import sql_text


def report_sql(name: str) -> str:
    return sql_text("report", name, ReportError)


def report_rows(con: duckdb.DuckDBPyConnection, name: str) -> list[dict]:
    """The rows of sql/report/<name>.sql, each a dict keyed by column name."""
    try:
        cursor = con.execute(report_sql(name))
    except duckdb.Error as error:
        raise ReportError(
            f"the report query {name}.sql failed on the database ({error}): rebuild it with `dpeace build`"
        ) from error
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]

"""Running the report's SQL files (sql/report/*.sql) against the built database."""

from __future__ import annotations

import duckdb

from dpeace import paths
from dpeace.report.errors import ReportError


def report_sql(name: str) -> str:
    path = paths.sql_dir() / "report" / f"{name}.sql"
    if not path.exists():
        raise ReportError(f"the report query {path} is missing: the checkout is incomplete")
    return path.read_text(encoding="utf-8")


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

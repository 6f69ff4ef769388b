"""The one loader of the SQL files Python runs (dpeace.sql_files)."""

from __future__ import annotations

import duckdb
import jinja2
import pytest

from dpeace.errors import ModelError, QueryError
from dpeace.sql_files import render_sql, sql_text


def test_a_missing_query_is_the_callers_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DPEACE_SQL", str(tmp_path))
    with pytest.raises(ModelError, match=r"the catalog query .*catalog/tables\.sql is missing"):
        sql_text("catalog", "tables", ModelError)


def test_a_template_is_filled_in_and_a_missing_value_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "curve").mkdir()
    (tmp_path / "curve" / "frame_columns.sql").write_text(
        "select {{ columns | join(', ') }} from {{ table }}\n"
    )
    monkeypatch.setenv("DPEACE_SQL", str(tmp_path))
    assert render_sql("curve", "frame_columns", columns=["a", "b"], table="t") == "select a, b from t"
    with pytest.raises(jinja2.UndefinedError):
        render_sql("curve", "frame_columns", columns=["a"])


def test_the_catalog_queries_list_tables_views_and_columns_in_order():
    con = duckdb.connect()
    con.execute("CREATE TABLE things (id INTEGER, kind VARCHAR)")
    con.execute("CREATE VIEW kinds AS SELECT kind FROM things")
    con.execute("INSERT INTO things VALUES (1, 'a'), (2, 'b'), (3, NULL)")
    assert con.execute(sql_text("catalog", "tables", QueryError)).fetchall() == [
        ("kinds", "VIEW"),
        ("things", "BASE TABLE"),
    ]
    columns = con.execute(sql_text("catalog", "table_columns", QueryError), ["things"]).fetchall()
    assert columns == [("id", "INTEGER"), ("kind", "VARCHAR")]
    assert con.execute(render_sql("catalog", "table_rows", table='"things"')).fetchall() == [(3,)]

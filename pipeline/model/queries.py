"""The model stage's SQL, in sql/model/: plain queries and one jinja template."""

from __future__ import annotations

from dpeace.errors import ModelError
from dpeace.sql_files import render_sql, sql_text


def model_sql(name: str) -> str:
    """The text of sql/model/<name>.sql."""
    return sql_text("model", name, ModelError)


def render_model_sql(name: str, **values) -> str:
    """sql/model/<name>.sql filled in with `values` (a placeholder left unfilled is an error)."""
    return render_sql("model", name, ModelError, **values)

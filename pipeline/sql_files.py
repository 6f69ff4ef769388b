"""Reading the queries that live in sql/<folder>/<name>.sql: the one way Python gets its SQL.

A stage passes its own error class, so that a missing file is reported as that stage's error.
"""

from __future__ import annotations

from functools import cache

from dpeace import paths
from dpeace.errors import PipelineError


def sql_text(folder: str, name: str, error: type[PipelineError] = PipelineError) -> str:
    """The text of sql/<folder>/<name>.sql."""
    path = paths.sql_dir() / folder / f"{name}.sql"
    if not path.exists():
        raise error(f"the {folder} query {path} is missing: the checkout is incomplete")
    return path.read_text(encoding="utf-8")


def render_sql(folder: str, name: str, error: type[PipelineError] = PipelineError, **values) -> str:
    """sql/<folder>/<name>.sql, a jinja template, filled in with `values` (a placeholder left
    unfilled is an error)."""
    # The folder the SQL lives in is part of the cache key: tests point DPEACE_SQL elsewhere.
    return _template(paths.sql_dir(), folder, name, error).render(**values).strip()


@cache
def _template(sql_dir, folder: str, name: str, error: type[PipelineError]):
    # Imported here: only the queries built from templates need jinja.
    import jinja2

    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    return environment.from_string(sql_text(folder, name, error))

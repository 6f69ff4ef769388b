"""The model stage's SQL, in sql/model/: plain queries and one jinja template."""

from __future__ import annotations

from functools import cache

from dpeace import paths
from dpeace.errors import ModelError


def model_sql(name: str) -> str:
    """The text of sql/model/<name>.sql."""
    path = paths.sql_dir() / "model" / f"{name}.sql"
    if not path.exists():
        raise ModelError(f"the model query {path} is missing: the checkout is incomplete")
    return path.read_text(encoding="utf-8")


def render_model_sql(name: str, **values) -> str:
    """sql/model/<name>.sql filled in with `values` (a placeholder left unfilled is an error)."""
    return _template(name).render(**values).strip()


@cache
def _template(name: str):
    # Imported here: only the stage's loading of a table renders a template.
    import jinja2

    environment = jinja2.Environment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    return environment.from_string(model_sql(name))

"""The data dictionary: what each table and column of the database means.

sql/schema.yml describes the analysis tables column by column; every other model is
described by the leading comment of its SQL file (no columns listed).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.transform.models import discover_models

SCHEMA_FILE = "schema.yml"


def load_dictionary(sql_dir: Path | None = None) -> dict[str, dict]:
    """{table: {"description": str, "columns": {column: description}}}."""
    sql_dir = Path(sql_dir) if sql_dir is not None else paths.sql_dir()
    dictionary = {
        model.name: {"description": model.description, "columns": {}}
        for model in discover_models(sql_dir)
        if model.description
    }
    dictionary.update(_read_schema(sql_dir / SCHEMA_FILE))
    return dictionary


def _read_schema(path: Path) -> dict[str, dict]:
    try:
        document = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BuildError(f"the data dictionary {path} is missing") from None
    except yaml.YAMLError as error:
        raise BuildError(f"the data dictionary {path} is not valid YAML: {error}") from None
    tables = (document or {}).get("tables")
    if not isinstance(tables, dict):
        raise BuildError(f"the data dictionary {path} has no `tables:` mapping")
    described: dict[str, dict] = {}
    for table, entry in tables.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("columns"), dict):
            raise BuildError(f"{path}: table {table} needs a description and a `columns:` mapping")
        described[table] = {
            "description": " ".join(str(entry.get("description", "")).split()),
            # A column given no description (YAML null) is one the table does not have:
            # a table that borrows another's columns through a YAML merge drops it so.
            "columns": {
                column: " ".join(str(text).split())
                for column, text in entry["columns"].items()
                if text is not None
            },
        }
    return described

"""The data dictionary: what each table and column of the database means.

sql/schema.yml describes the analysis and results tables column by column, with short
labels (Stata's 80 characters) and value labels of coded columns where it gives them;
every other model is described by the leading comment of its SQL file (no columns
listed). Each entry names the layer its table belongs to (seeds, staging, intermediate,
marts; results for what `dpeace model` and `dpeace curve` add; build for build_info).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.transform.models import LAYERS, discover_models
from dpeace.transform.schema_file import read_schema_document

SCHEMA_FILE = "schema.yml"
# The order `dpeace describe` lists the layers in: the data's path, then what follows it.
LAYER_ORDER = (*LAYERS, "build", "results")
OTHER_LAYER = "other"
STATA_LABEL_LIMIT = 80
# `{joint_democracy_threshold}` in a text stands for that row of analysis_settings.
_SETTING = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def load_dictionary(sql_dir: Path | None = None, schema_required: bool = True) -> dict[str, dict]:
    """{table: {"description", "columns": {column: text}, "layer", "labels": {column: label},
    "value_labels": {column: {code: text}}}}. Without schema.yml: an error, or (with
    schema_required false, as for a build of a project that declares none) the SQL files'
    descriptions alone."""
    sql_dir = Path(sql_dir) if sql_dir is not None else paths.sql_dir()
    if not schema_required and not (sql_dir / SCHEMA_FILE).exists():
        return {
            model.name: _entry(model.description, {}, model.layer)
            for model in discover_models(sql_dir)
            if model.description
        }
    models = discover_models(sql_dir)
    dictionary = {
        model.name: _entry(model.description, {}, model.layer) for model in models if model.description
    }
    layer_of_model = {model.name: model.layer for model in models}
    for table, entry in _read_schema(sql_dir / SCHEMA_FILE).items():
        entry["layer"] = layer_of_model.get(table, entry["layer"])
        dictionary[table] = entry
    return dictionary


def filled(text: str, settings: dict[str, str]) -> str:
    """`text` with each {setting} replaced by its value in analysis_settings (kept when unknown)."""
    return _SETTING.sub(lambda match: settings.get(match.group(1), match.group(0)), text)


def _entry(description: str, columns: dict, layer: str, labels=None, value_labels=None) -> dict:
    return {
        "description": description,
        "columns": columns,
        "layer": layer,
        "labels": labels or {},
        "value_labels": value_labels or {},
    }


def _read_schema(path: Path) -> dict[str, dict]:
    try:
        document = read_schema_document(path)
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
        described[table] = _entry(
            " ".join(str(entry.get("description", "")).split()),
            # A column given no description (YAML null) is one the table does not have:
            # a table that borrows another's columns through a YAML merge drops it so.
            {
                column: " ".join(str(text).split())
                for column, text in entry["columns"].items()
                if text is not None
            },
            str(entry.get("layer", OTHER_LAYER)),
            _labels(entry.get("labels") or {}, f"{path}: table {table}"),
            _value_labels(entry.get("value_labels") or {}, f"{path}: table {table}"),
        )
    return described


def _labels(labels: dict, where: str) -> dict[str, str]:
    checked = {}
    for column, label in labels.items():
        label = " ".join(str(label).split())
        # Measured with each {setting} as a value of up to four characters (a year, a score).
        longest = len(_SETTING.sub("xxxx", label))
        if longest > STATA_LABEL_LIMIT:
            raise BuildError(
                f"{where}: the label of {column} is {longest} characters; Stata allows {STATA_LABEL_LIMIT}"
            )
        checked[column] = label
    return checked


def _value_labels(value_labels: dict, where: str) -> dict[str, dict[int, str]]:
    checked = {}
    for column, codes in value_labels.items():
        if not isinstance(codes, dict) or not all(isinstance(code, int) for code in codes):
            raise BuildError(f"{where}: value_labels of {column} must map whole-number codes to text")
        checked[column] = {code: str(text) for code, text in codes.items()}
    return checked

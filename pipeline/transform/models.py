"""The SQL models in sql/: finding them, reading what each refers to, and ordering them.

A model is one file: a seed (sql/seeds/*.csv, loaded as a table named after the file) or
a SELECT (sql/staging, sql/intermediate, sql/marts), materialised as a table named after
the file, or as a view where sql/schema.yml says `materialized: view` for it. Leading `--`
lines of a SELECT describe it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb
import yaml

from dpeace.errors import BuildError
from dpeace.sql_errors import leading_blank_lines, line_at_byte
from dpeace.transform.schema_file import read_schema_document

# Layers in the order the data flows; sql/examples and sql/report are not built.
LAYERS = ("seeds", "staging", "intermediate", "marts")
SCHEMA_FILE = "schema.yml"
MATERIALISATIONS = ("table", "view")

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    path: Path
    sql: str = ""
    description: str = ""
    references: frozenset[str] = field(default_factory=frozenset)
    # Lines of the file before the first one of `sql` (leading blank lines are stripped).
    skipped_lines: int = 0
    # "table", or "view" where sql/schema.yml says `materialized: view`.
    materialized: str = "table"

    @property
    def is_seed(self) -> bool:
        return self.layer == "seeds"


def discover_models(sql_dir: Path) -> list[Model]:
    """Every seed and SELECT model under sql_dir, in layer then file-name order."""
    models: list[Model] = []
    for layer in LAYERS:
        folder = sql_dir / layer
        pattern = "*.csv" if layer == "seeds" else "*.sql"
        for path in sorted(folder.glob(pattern)):
            name = path.stem
            if not _NAME.match(name):
                raise BuildError(
                    f"{path}: a model's file name must be a lower-case SQL name "
                    "(letters, digits, underscores), since it becomes the table's name"
                )
            if layer == "seeds":
                models.append(Model(name, layer, path))
            else:
                text = path.read_text("utf-8")
                sql = text.strip().removesuffix(";").rstrip()
                models.append(
                    Model(
                        name, layer, path, sql, leading_comment(sql), skipped_lines=leading_blank_lines(text)
                    )
                )
    names = [m.name for m in models]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise BuildError(f"two model files define the same table: {', '.join(repeated)} (in {sql_dir})")
    return _with_materialisations(models, sql_dir / SCHEMA_FILE)


def _with_materialisations(models: list[Model], schema: Path) -> list[Model]:
    """The models with the `materialized:` sql/schema.yml declares for them (default: table)."""
    if not schema.exists():
        return models
    try:
        tables = (read_schema_document(schema) or {}).get("tables") or {}
    except yaml.YAMLError as error:
        raise BuildError(f"{schema} is not valid YAML: {error}") from None
    by_name = {m.name: m for m in models}
    declared: dict[str, str] = {}
    for table, entry in tables.items():
        if not isinstance(entry, dict) or "materialized" not in entry:
            continue
        kind = entry["materialized"]
        where = f"{schema}, table {table}, materialized"
        if kind not in MATERIALISATIONS:
            raise BuildError(f"{where}: {kind!r} is neither of {', '.join(MATERIALISATIONS)}")
        model = by_name.get(table)
        if model is None or model.is_seed:
            raise BuildError(f"{where}: only a SQL model in sql/ can be a {kind}, and {table} is none")
        declared[table] = kind
    return [replace(m, materialized=declared[m.name]) if m.name in declared else m for m in models]


def leading_comment(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(line for line in lines if line)


def table_references(con: duckdb.DuckDBPyConnection, model: Model) -> frozenset[str]:
    """The tables a SELECT model reads, from DuckDB's own parse of it (CTE names excluded).

    Parsing with DuckDB, rather than matching words, means a column or comment that
    happens to share a table's name adds no dependency, and a misspelt table is caught.
    """
    parsed = json.loads(con.execute("SELECT json_serialize_sql($sql)", {"sql": model.sql}).fetchall()[0][0])
    if parsed.get("error"):
        where = str(model.path)
        if str(parsed.get("position", "")).isdigit():
            line = line_at_byte(model.sql, int(parsed["position"])) + model.skipped_lines
            where += f", line {line}"
        raise BuildError(
            f"model {model.name} ({where}) is not a single SELECT DuckDB can parse: "
            f"{parsed.get('error_message', parsed)}"
        )
    if len(parsed["statements"]) != 1:
        raise BuildError(f"model {model.name} ({model.path}) must hold exactly one SELECT statement")
    tables: set[str] = set()
    ctes: set[str] = set()
    _walk(parsed["statements"], tables, ctes)
    return frozenset(tables - ctes)


def _walk(node, tables: set[str], ctes: set[str]) -> None:
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE" and not node.get("schema_name"):
            tables.add(node["table_name"].lower())
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            ctes.update(entry["key"].lower() for entry in cte_map.get("map", []))
        for value in node.values():
            _walk(value, tables, ctes)
    elif isinstance(node, list):
        for value in node:
            _walk(value, tables, ctes)


def with_references(con: duckdb.DuckDBPyConnection, models: list[Model]) -> list[Model]:
    return [m if m.is_seed else replace(m, references=table_references(con, m)) for m in models]


def dependency_order(models: list[Model], existing_tables: set[str]) -> list[Model]:
    """The models ordered so that each runs after the models it refers to.

    existing_tables are tables already in the database (the raw tables). A reference to
    anything that is neither one of them nor a model is an error, and so is a cycle.
    """
    by_name = {m.name: m for m in models}
    known = set(by_name) | existing_tables
    for model in models:
        unknown = sorted(model.references - known)
        if unknown:
            raise BuildError(
                f"model {model.name} ({model.path}) refers to unknown table(s) {', '.join(unknown)}; "
                f"known tables are the models in sql/ and the raw tables "
                f"({', '.join(sorted(existing_tables)) or 'none loaded'}); a missing raw_ table "
                "means its file is not fetched: run `dpeace fetch`"
            )
    graph = {m.name: {r for r in m.references if r in by_name} for m in models}
    layer_rank = {layer: i for i, layer in enumerate(LAYERS)}
    sorter = TopologicalSorter(graph)
    try:
        sorter.prepare()
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise BuildError(f"the SQL models refer to each other in a cycle: {cycle}") from None
    ordered: list[Model] = []
    while sorter.is_active():
        # Among the models ready to run, keep the layers' order, then the names', so
        # that the order (and the log) is the same on every run.
        ready = sorted(sorter.get_ready(), key=lambda n: (layer_rank[by_name[n].layer], n))
        for name in ready:
            ordered.append(by_name[name])
            sorter.done(name)
    return ordered

"""Storing the battery's results: tables in the database and a JSON file, same numbers."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from dpeace import paths
from dpeace.atomic_files import write_text_atomically
from dpeace.build_identity import require_unchanged_database
from dpeace.database import write_in_place
from dpeace.errors import ModelError
from dpeace.model.estimate import TERM_COLUMNS
from dpeace.sql_errors import run_sql_file

SIGNIFICANT_DIGITS = 10
TABLES_SQL = ("model", "results_tables.sql")
RESULTS_TABLES = ("model_results", "model_terms", "model_standard_errors", "model_effects")
EFFECT_QUANTITIES = ("p_democratic", "p_other", "ratio")


def rounded(value):
    """The document with every float cut to SIGNIFICANT_DIGITS and non-finite floats as null.

    Rounding hides last-bit differences of floating-point sums, so that reruns write
    byte-identical files; JSON has no NaN or infinity.
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(item) for item in value]
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def write_results_json(path: Path, document: dict) -> None:
    write_text_atomically(path, json.dumps(document, sort_keys=True, indent=2, allow_nan=False) + "\n")


def write_results_tables(database: Path, document: dict) -> None:
    """Replace the battery's tables in the database, in one transaction (the rest of it untouched)."""
    # Imported here: the data dictionary's YAML costs a twentieth of a second that a model
    # fitted without storing (`dpeace model --only`) and the curve, which only rounds, need not pay.
    from dpeace.transform.comments import comment_tables
    from dpeace.transform.dictionary import load_dictionary

    schema_path = paths.sql_dir().joinpath(*TABLES_SQL)
    with write_in_place(database) as con:
        require_unchanged_database(document["build_id"], con, database, "model")
        run_sql_file(con, schema_path, ModelError)
        _insert(con, "model_results", _result_rows(document))
        _insert(con, "model_terms", _term_rows(document))
        _insert(con, "model_effects", _effect_rows(document))
        _insert(con, "model_standard_errors", _standard_error_rows(document))
        _insert(con, "model_eras", _era_rows(document))
        # Their dictionary entries (sql/schema.yml) as comments, as the build does for its tables.
        comment_tables(con, load_dictionary(), RESULTS_TABLES)


def _insert(con, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [[row[column] for column in columns] for row in rows],
    )


def _result_rows(document: dict) -> list[dict]:
    rows = []
    for position, model in enumerate(document["models"], start=1):
        rows.append(
            {
                "model_id": model["id"],
                "position": position,
                "is_main": model["id"] == document["main_model"],
                **{
                    key: model[key]
                    for key in ("label", "description", "estimator", "outcome", "democracy_term")
                },
                "controls": list(model["controls"]),
                **{key: model[key] for key in ("sample", "ongoing")},
                "year_first": model["years"][0],
                "year_last": model["years"][1],
                **{
                    key: model[key]
                    for key in (
                        "n_sample",
                        "n_dropped_missing",
                        "n",
                        "n_events",
                        "n_clusters",
                        "loglik",
                        "aic",
                        "pseudo_r2",
                        "converged",
                        "separation",
                    )
                },
                "warnings": list(model["warnings"]),
                "se_type": model["se_type"],
                "analysis_table": model.get("table", "dyad_years"),
                "build_id": document["build_id"],
            }
        )
    return rows


def _term_rows(document: dict) -> list[dict]:
    return [
        {"model_id": model["id"], "term": term["term"], **{key: term[key] for key in TERM_COLUMNS}}
        for model in document["models"]
        for term in model["terms"]
    ]


def _standard_error_rows(document: dict) -> list[dict]:
    return [
        {"model_id": model["id"], "term": term["term"], "covariance": kind, "se": se}
        for model in document["models"]
        for term in model["terms"]
        for kind, se in sorted(term["standard_errors"].items())
    ]


ERA_VALUES = (
    "n",
    "n_events",
    "estimate",
    "se",
    "p",
    "ci_low",
    "ci_high",
    "se_dyad_clustered",
    "p_dyad_clustered",
)


def _era_rows(document: dict) -> list[dict]:
    return [
        {
            "era_id": era["id"],
            "position": position,
            "label": era["label"],
            "year_first": era["years"][0],
            "year_last": era["years"][1],
            "fitted": era["fitted"],
            "reason": era["reason"],
            **{key: era.get(key) for key in ERA_VALUES},
        }
        for position, era in enumerate(document.get("eras", []), start=1)
    ]


def _effect_rows(document: dict) -> list[dict]:
    return [
        {"model_id": model["id"], "quantity": quantity, **model["effects"][quantity]}
        for model in document["models"]
        if model["effects"] is not None
        for quantity in EFFECT_QUANTITIES
    ]

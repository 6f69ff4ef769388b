"""The model battery: fit every specification in battery.toml and store the results."""

from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dpeace import paths
from dpeace.build_identity import build_id_of
from dpeace.database import connect_readonly
from dpeace.fit_cache import FitCache, code_digest
from dpeace.model.effects import predicted_contrast
from dpeace.model.estimate import FittedModel, fit_model
from dpeace.model.sample import CLUSTERING_BY_TABLE, ModelSample, load_table, select_sample
from dpeace.model.specification import Battery, ModelSpec, load_battery
from dpeace.model.store import rounded, write_results_json, write_results_tables

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CLUSTERING = "standard errors clustered by dyad (ccode1, ccode2)"


def run_battery(
    database: Path | None = None,
    spec_path: Path | None = None,
    results_path: Path | None = None,
) -> dict:
    """Fit the whole battery, add its tables to the database, then write the JSON.

    Returns the JSON document. The JSON is written only after the database swap
    succeeded, so the two never disagree.
    """
    database = Path(database) if database is not None else paths.database_path()
    results_path = Path(results_path) if results_path is not None else paths.model_results_path()
    cache = battery_cache(database)
    document = fit_battery(database, load_battery(spec_path), cache=cache)
    write_results_tables(database, document)
    write_results_json(results_path, document)
    cache.save()
    log.info(
        "model results: tables model_results, model_terms, model_standard_errors, model_effects in %s; %s",
        database,
        results_path,
    )
    return document


def battery_cache(database: Path) -> FitCache:
    """The model stage's fits, kept under their specification, the build and the model code."""
    build_id = build_id_of(database) if Path(database).exists() else None
    return FitCache("model", database, build_id, code_digest(Path(__file__).resolve().parent))


def fit_battery(
    database: Path, battery: Battery, only: list[str] | None = None, cache: FitCache | None = None
) -> dict:
    """The results document for the battery (or the models in `only`), without storing it.

    A model whose entry `cache` holds (same specification, build and code) is not fitted
    again; the others are fitted and put in the cache (the caller saves it).
    """
    models = tuple(battery.model(model_id) for model_id in only) if only else battery.models
    # Read before the data: a build that lands in between changes the id, and the write refuses.
    build_id = build_id_of(database) if Path(database).exists() else None
    keys = {spec.id: cache.key(_cache_description(spec, battery)) for spec in models} if cache else {}
    cached = {spec.id: cache.get(keys[spec.id]) for spec in models} if cache else {}
    to_fit = [spec for spec in models if cached.get(spec.id) is None]
    # Each table the models to fit use is loaded once, with the columns all of them need.
    frames = {
        table: load_table(database, table, [spec for spec in to_fit if spec.table == table])
        for table in dict.fromkeys(spec.table for spec in to_fit)
    }
    entries = []
    for spec in models:
        if cached.get(spec.id) is not None:
            entries.append(cached[spec.id])
            continue
        started = time.perf_counter()
        sample, fitted, entry = fit_one(frames[spec.table], spec, battery)
        entries.append(entry)
        if cache:
            cache.put(keys[spec.id], rounded(entry))
        log.info("model %s: %d rows fitted in %.1f s", spec.id, sample.n, time.perf_counter() - started)
    if cache:
        log.info("models: %d fitted, %d from the cache", cache.misses, cache.hits)
    return rounded(
        {
            "schema_version": SCHEMA_VERSION,
            "build_id": build_id,
            "main_model": battery.main_model,
            "clustering": CLUSTERING,
            "dyad_years_total": _dyad_years_total(database, frames),
            "software": {
                "duckdb": duckdb.__version__,
                "pandas": pd.__version__,
                "numpy": np.__version__,
            },
            "models": entries,
        }
    )


def fit_one(frame: pd.DataFrame, spec: ModelSpec, battery: Battery) -> tuple[ModelSample, FittedModel, dict]:
    """One model fitted to its table's frame (load_table): its sample, the fit, and its
    entry of the results document (unrounded). The battery and dpeace.api both fit so."""
    sample = select_sample(frame, spec)
    fitted = fit_model(sample, spec)
    return sample, fitted, _model_entry(spec, sample, fitted, battery)


def _cache_description(spec: ModelSpec, battery: Battery) -> dict:
    """Everything a model's entry depends on besides the data and the code."""
    return {
        "model": dataclasses.asdict(spec),
        "simulation": [battery.simulation_draws, battery.simulation_seed],
    }


def _dyad_years_total(database: Path, frames: dict[str, pd.DataFrame]) -> int:
    if "dyad_years" in frames:
        return len(frames["dyad_years"])
    con = connect_readonly(database)
    try:
        return con.execute("SELECT count(*) FROM dyad_years").fetchall()[0][0]
    finally:
        con.close()


def _model_entry(spec: ModelSpec, sample: ModelSample, fitted: FittedModel, battery: Battery) -> dict:
    standard_errors = fitted.standard_errors()
    terms = [
        {
            "term": term,
            **row,
            # One standard error per covariance the model carries; `se` is the default's.
            "standard_errors": {kind: float(values[term]) for kind, values in standard_errors.items()},
        }
        for term, row in fitted.terms.to_dict(orient="index").items()
    ]
    effects = None
    if spec.effects is not None:
        effects = predicted_contrast(
            fitted.params,
            fitted.covariance,
            sample.design,
            spec.democracy_term,
            spec.effects,
            draws=battery.simulation_draws,
            seed=battery.simulation_seed,
        )
    return {
        "id": spec.id,
        "label": spec.label,
        "description": spec.description,
        "estimator": spec.estimator,
        "outcome": spec.outcome,
        "democracy_term": spec.democracy_term,
        "controls": list(spec.controls),
        "sample": spec.sample_description,
        "ongoing": spec.ongoing,
        "years": [int(sample.years.min()), int(sample.years.max())],
        "n_sample": sample.n_sample,
        "n_dropped_missing": sample.n_dropped_missing,
        "n": sample.n,
        "n_events": int(sample.outcome.sum()),
        "n_clusters": fitted.n_clusters,
        "table": spec.table,
        "model_clustering": CLUSTERING_BY_TABLE[spec.table],
        "loglik": fitted.loglik,
        "aic": fitted.aic,
        "pseudo_r2": fitted.pseudo_r2,
        "converged": fitted.converged,
        "separation": fitted.separation,
        "warnings": list(fitted.warnings),
        # The estimators say "clustered by dyad"; a monadic model's clusters are states.
        "se_type": fitted.se_type.replace("by dyad", "by state")
        if spec.table == "state_years"
        else fitted.se_type,
        "terms": terms,
        "effects": effects,
    }


def flagged_models(document: dict) -> list[str]:
    """One line per model whose estimates must not be read as if fine."""
    lines = []
    for model in document["models"]:
        if not model["converged"]:
            lines.append(f"WARNING: model {model['id']} did not converge")
        if model["separation"]:
            lines.append(f"WARNING: model {model['id']} shows separation")
    return lines

"""The model battery: fit every specification in battery.toml and store the results."""

from __future__ import annotations

import dataclasses
import logging
import time
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from dpeace import paths
from dpeace.build_identity import build_id_of, current_build_id
from dpeace.database import connect_readonly
from dpeace.errors import ModelError
from dpeace.fit_cache import FitCache, code_digest
from dpeace.model.covariance import standard_errors
from dpeace.model.effects import predicted_contrast
from dpeace.model.estimate import TERM_COLUMNS, FittedModel, fit_model
from dpeace.model.fixed_effects import fit_dyad_fixed_effects
from dpeace.model.queries import model_sql
from dpeace.model.sample import (
    CLUSTERING_BY_TABLE,
    ModelSample,
    TableColumns,
    load_table,
    select_sample,
    table_rows,
)
from dpeace.model.specification import Battery, Era, ModelSpec, load_battery
from dpeace.model.store import rounded, write_results_json, write_results_tables
from dpeace.model.wald import CRITICAL_Z, two_sided_p

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
CLUSTERING = (
    "dyadic-robust standard errors (Aronow, Samii and Assenova 2015), with those clustered by dyad "
    "(ccode1, ccode2) beside them"
)


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
    again; the others are fitted and put in the cache (the caller saves it). Everything is
    read from the database, through one connection, before the first fit.
    """
    models = tuple(battery.model(model_id) for model_id in only) if only else battery.models
    keys = {spec.id: cache.key(_cache_description(spec, battery)) for spec in models} if cache else {}
    cached = {spec.id: cache.get(keys[spec.id]) for spec in models} if cache else {}
    to_fit = [spec for spec in models if cached.get(spec.id) is None]
    main = battery.model(battery.main_model)
    refits, refits_key = None, None
    refit_main = not only and (battery.eras or battery.fixed_effects is not None)
    if refit_main and cache:
        # The main model by era and with dyad fixed effects: one cache entry for both.
        refits_key = cache.key(
            {
                "main": _cache_description(main, battery),
                "eras": [dataclasses.asdict(era) for era in battery.eras],
                "fixed_effects": battery.fixed_effects,
            }
        )
        refits = cache.get(refits_key)
    con = connect_readonly(database)
    try:
        # Read before the data: a build that lands in between changes the id, and the write refuses.
        build_id = current_build_id(con, database)
        # Each table the models to fit use is loaded once, with the columns all of them need;
        # a table only one of them uses (`--only` one model), with only that model's rows.
        frames = {}
        for table in dict.fromkeys(spec.table for spec in to_fit):
            users = [spec for spec in to_fit if spec.table == table]
            alone = users[0] if only and len(users) == 1 else None
            frames[table] = load_table(database, table, users, sample_of=alone, con=con)
        main_frame = None
        if refit_main and refits is None:
            fitted_here = main.table in frames and any(spec.id == main.id for spec in to_fit)
            main_frame = (
                frames[main.table] if fitted_here else load_table(database, main.table, [main], con=con)
            )
        if "dyad_years" in frames and not only:  # the whole table
            dyad_years_total = table_rows(frames["dyad_years"])
        else:
            dyad_years_total = con.execute(model_sql("dyad_years_rows")).fetchall()[0][0]
    finally:
        con.close()
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
    eras, fixed_effects = [], None
    if refit_main:
        if refits is None:
            refits = {
                "eras": [_era_entry(battery, main, era, main_frame) for era in battery.eras],
                "fixed_effects": None
                if battery.fixed_effects is None
                else _fixed_effects_entry(main, *battery.fixed_effects, main_frame),
            }
            if cache:
                cache.put(refits_key, rounded(refits))
        eras, fixed_effects = refits["eras"], refits["fixed_effects"]
    if cache:
        log.info("models: %d fitted, %d from the cache", cache.misses, cache.hits)
    return rounded(
        {
            "schema_version": SCHEMA_VERSION,
            "build_id": build_id,
            "main_model": battery.main_model,
            "clustering": CLUSTERING,
            "dyad_years_total": dyad_years_total,
            "software": {
                "duckdb": duckdb.__version__,
                # The version installed, read without importing pandas (the stage does not use it).
                "pandas": version("pandas"),
                "numpy": np.__version__,
            },
            "models": entries,
            "eras": eras,
            "fixed_effects": fixed_effects,
        }
    )


def fit_one(
    frame: TableColumns | pd.DataFrame, spec: ModelSpec, battery: Battery
) -> tuple[ModelSample, FittedModel, dict]:
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


def _model_entry(spec: ModelSpec, sample: ModelSample, fitted: FittedModel, battery: Battery) -> dict:
    standard_errors = fitted.standard_error_arrays()
    terms = [
        {
            "term": term,
            **row,
            # One standard error per covariance the model carries; `se` is the default's.
            "standard_errors": {kind: float(values[position]) for kind, values in standard_errors.items()},
        }
        for position, (term, row) in enumerate(fitted.term_rows().items())
    ]
    effects = None
    headline = fitted.covariance_matrices[fitted.headline]
    covariance_known = bool(np.isfinite(headline).all())
    if spec.effects is not None and not covariance_known:
        # Simulated intervals need a covariance; a fit that has none (not converged) gets no
        # predicted probabilities rather than intervals drawn from NaN.
        log.warning("WARNING: model %s: no predicted probabilities: its fit has no covariance", spec.id)
    if spec.effects is not None and covariance_known:
        effects = predicted_contrast(
            fitted.names,
            fitted.coefficients,
            headline,
            {name: sample.matrix[:, j] for j, name in enumerate(sample.names)},
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


def _era_entry(battery: Battery, main: ModelSpec, era: Era, frame: TableColumns) -> dict:
    """The main model refitted in one era: its democracy estimate under both errors, or why none."""
    spec = dataclasses.replace(main, id=f"era_{era.id}", label=era.label, years=era.years)
    entry = {"id": era.id, "label": era.label, "years": list(era.years), "fitted": False, "reason": None}
    try:
        sample = select_sample(frame, spec)
        fitted = fit_model(sample, spec)
    except ModelError as error:
        return {**entry, "reason": str(error).removeprefix(f"model '{spec.id}': ")}
    position = fitted.names.index(main.democracy_term)
    term = dict(zip(TERM_COLUMNS, fitted.term_table[position]))
    clustered = float(fitted.standard_error_arrays()["clustered"][position])
    entry.update(
        fitted=bool(fitted.converged and not fitted.separation),
        reason=None if fitted.converged and not fitted.separation else "; ".join(fitted.warnings),
        years_observed=[int(sample.years.min()), int(sample.years.max())],
        n=sample.n,
        n_events=int(sample.outcome.sum()),
        n_clusters=fitted.n_clusters,
        estimate=float(term["coef"]),
        se=float(term["se"]),
        p=float(term["p"]),
        ci_low=float(term["ci_low"]),
        ci_high=float(term["ci_high"]),
        se_dyad_clustered=clustered,
        p_dyad_clustered=two_sided_p(float(term["coef"]) / clustered),
        se_type=fitted.se_type,
    )
    return entry


def _fixed_effects_entry(main: ModelSpec, label: str, controls: tuple[str, ...], frame: TableColumns) -> dict:
    """The main model with dyad intercepts: its democracy estimate and what it discards."""
    spec = dataclasses.replace(main, id="dyad_fixed_effects", label=label, controls=controls)
    sample = select_sample(frame, spec)
    # The intercept is the design's first column.
    names = list(sample.names[1:])
    started = time.perf_counter()
    try:
        fit = fit_dyad_fixed_effects(sample.outcome, sample.matrix[:, 1:], names, sample.states)
    except ValueError as error:
        return {"label": label, "fitted": False, "reason": str(error)}
    log.info(
        "dyad fixed effects: %d rows of %d dyads fitted in %.1f s",
        fit.n,
        fit.n_dyads,
        time.perf_counter() - started,
    )
    entry = {
        "label": label,
        "estimator": "dyad-intercept logit on the dyads whose outcome varies",
        "democracy_term": main.democracy_term,
        "controls": [name for name in fit.names if name != main.democracy_term],
        "dropped": list(fit.dropped),
        "n_sample": sample.n,
        "n": fit.n,
        "n_events": fit.n_events,
        "n_dyads": fit.n_dyads,
        "dyads_discarded": fit.dyads_discarded,
        "dyad_years_discarded": fit.dyad_years_discarded,
        "converged": fit.converged,
        "fitted": False,
        "reason": None,
    }
    if main.democracy_term not in fit.names:
        return {**entry, "reason": f"{main.democracy_term} does not vary within any kept dyad"}
    if not fit.converged:
        return {**entry, "reason": f"the Newton iterations did not converge in {fit.iterations} steps"}
    position = fit.names.index(main.democracy_term)
    estimate = float(fit.params[position])
    robust = float(standard_errors(fit.covariances["dyadic_robust"])[position])
    clustered = float(standard_errors(fit.covariances["clustered"])[position])
    return {
        **entry,
        "fitted": bool(np.isfinite(robust)),
        "reason": None if np.isfinite(robust) else "the dyadic-robust variance is not positive",
        "estimate": estimate,
        "se": robust,
        "p": two_sided_p(estimate / robust),
        "ci_low": estimate - CRITICAL_Z * robust,
        "ci_high": estimate + CRITICAL_Z * robust,
        "se_dyad_clustered": clustered,
        "p_dyad_clustered": two_sided_p(estimate / clustered),
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

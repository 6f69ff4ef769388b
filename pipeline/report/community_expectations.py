"""Expected against observed conflict among members of a security community.

A raw rate compares members with pairs unlike them (EC/EU pairs are far more often
neighbours than other democratic pairs). Here each fitted model of the battery is applied
to the members' own dyad-years (their contiguity, power, alliances, peace years and joint
democracy as they were): the sum of the predicted probabilities is the number of events
expected if membership made no difference beyond what the model holds, and the
Poisson-binomial distribution of that sum (independent dyad-years, each with its own
probability) gives the chance of observing as few as were observed. The coefficients are
the model stage's (model_results.json); nothing is re-estimated here.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from dpeace.model.sample import estimation_rows
from dpeace.model.specification import ModelSpec, load_battery
from dpeace.report.queries import report_sql

# What is counted, and the battery model whose outcome it is (None: the main model).
OUTCOMES = (("disputes", None), ("uses of force", "force_onset"), ("wars", "war_onset"))
COMMUNITY_FLAGS = {"ec_eu": "joint_ec_eu", "nato": "joint_nato"}


def poisson_binomial_at_most(probabilities: np.ndarray, count: int) -> float:
    """P(X <= count) for X the number of successes in independent trials with these
    success probabilities (the Poisson-binomial distribution), by the exact recursion over
    trials, keeping only the probabilities of 0..count successes."""
    if count < 0:
        return 0.0
    distribution = np.zeros(count + 1)
    distribution[0] = 1.0
    for p in np.asarray(probabilities, dtype=float):
        # After one more trial: k successes came from k (a failure) or k - 1 (a success).
        distribution[1:] = distribution[1:] * (1.0 - p) + distribution[:-1] * p
        distribution[0] *= 1.0 - p
    return float(min(1.0, distribution.sum()))


def predicted_probabilities(frame: pd.DataFrame, spec: ModelSpec, terms: list[dict]) -> np.ndarray:
    """The fitted model's probability of its outcome for each row of `frame` (all rows
    must hold the model's regressors)."""
    coefficients = {term["term"]: term["coef"] for term in terms}
    eta = np.full(len(frame), coefficients["const"])
    for column in spec.regressors:
        eta = eta + coefficients[column] * frame[column].to_numpy(dtype=float)
    return 1.0 / (1.0 + np.exp(-eta))


def member_dyad_years(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The member dyad-years (sql/report/security_community_dyad_years.sql), every column
    as float (booleans 0/1, NULL as NaN), as the model stage reads its tables."""
    frame = con.execute(report_sql("security_community_dyad_years")).df()
    return frame.apply(
        lambda column: pd.to_numeric(column.astype(object).where(column.notna()), errors="coerce")
    )


def flag_support(con: duckdb.DuckDBPyConnection, model_id: str) -> dict[str, tuple[int, int]]:
    """For each community flag of the model `model_id`: the events between members in the
    model's own sample, and the distinct dyads they fall in (what its coefficient rests on)."""
    spec = next((spec for spec in load_battery().models if spec.id == model_id), None)
    frame = member_dyad_years(con)
    support = {}
    if spec is None or not {spec.outcome, *spec.regressors} <= set(frame.columns):
        return support
    for flag in COMMUNITY_FLAGS.values():
        if flag not in spec.regressors:
            continue
        members = frame[frame[flag] == 1].reset_index(drop=True)
        rows, observed = estimation_rows(members, spec)
        with_event = members.iloc[rows][observed == 1]
        support[flag] = (len(with_event), len(set(zip(with_event["ccode1"], with_event["ccode2"]))))
    return support


def community_expectations(con: duckdb.DuckDBPyConnection, results: dict) -> list[dict]:
    """One row per community and outcome with a fitted model whose columns the database
    holds: dyad-years used, observed and expected events, P(as few or fewer), the distinct
    dyads the observed events fall in, and the model used."""
    specs = {spec.id: spec for spec in load_battery().models}
    fitted = {model["id"]: model for model in results.get("models", [])}
    frame = member_dyad_years(con)
    found = []
    for outcome_name, model_id in OUTCOMES:
        model_id = model_id or results.get("main_model")
        spec, model = specs.get(model_id), fitted.get(model_id)
        if spec is None or model is None or spec.table != "dyad_years":
            continue
        needed = {"year", "ccode1", "ccode2", spec.outcome, *spec.regressors, "mid_onset", "mid_ongoing"}
        if not needed <= set(frame.columns) or {t["term"] for t in model["terms"]} != {
            "const",
            *spec.regressors,
        }:
            continue
        for community, flag in COMMUNITY_FLAGS.items():
            members = frame[frame[flag] == 1].reset_index(drop=True)
            if members.empty:
                continue
            rows, observed = estimation_rows(members, spec)
            if len(rows) == 0:
                continue
            used = members.iloc[rows]
            probabilities = predicted_probabilities(used, spec, model["terms"])
            count = int(observed.sum())
            with_event = used[observed == 1]
            found.append(
                {
                    "community": community,
                    "outcome": outcome_name,
                    "model_id": model_id,
                    "model_label": model["label"],
                    "dyad_years": len(rows),
                    "first_year": int(used["year"].min()),
                    "last_year": int(used["year"].max()),
                    "observed": count,
                    "observed_dyads": len(
                        {(a, b) for a, b in zip(with_event["ccode1"], with_event["ccode2"])}
                    ),
                    "expected": float(probabilities.sum()),
                    "p_at_most": poisson_binomial_at_most(probabilities, count),
                }
            )
    return found

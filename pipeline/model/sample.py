"""Loading an analysis table from the database and cutting each model's estimation sample.

Models run on dyad_years (the default), dyad_years_directed or state_years (battery.toml
`table`). Standard errors are clustered by the undirected dyad in both dyad tables (so
that the two directions of a pair are one cluster) and by state in state_years.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dpeace.database import connect_readonly
from dpeace.errors import ModelError
from dpeace.model.specification import DEFAULT_TABLE, GML_OUTCOMES, ModelSpec

TABLE = DEFAULT_TABLE
KEYS = ("ccode1", "ccode2", "year")
KEYS_BY_TABLE = {
    "dyad_years": KEYS,
    "dyad_years_directed": KEYS,
    "state_years": ("ccode", "year"),
}
# Every dyad model needs these to place a row in MID coverage and to apply the ongoing rule.
DISPUTE_COLUMNS = ("mid_onset", "mid_ongoing")
# A war outcome has the war data's coverage (to 2007) and its own ongoing years.
WAR_COLUMNS = ("war_onset", "war_ongoing")
# A Gibler-Miller-Little outcome has GML's coverage (1816-2010) and its own ongoing years.
GML_COLUMNS = ("gml_onset", "gml_ongoing")
INTERCEPT = "const"
CLUSTERING_BY_TABLE = {
    "dyad_years": (
        "dyadic-robust standard errors (Aronow, Samii and Assenova 2015), with those clustered by dyad "
        "(ccode1, ccode2) beside them"
    ),
    "dyad_years_directed": (
        "dyadic-robust standard errors, with those clustered by undirected dyad (both directions of a "
        "pair together) beside them"
    ),
    "state_years": "standard errors clustered by state (ccode)",
}


def coverage_columns(spec: ModelSpec) -> tuple[str, str | None]:
    """The column whose NULL marks a row outside the outcome's source coverage, and the
    column that marks a continuing (ongoing, not begun) year, if the model can drop those."""
    if spec.table == "state_years":
        return spec.outcome, None
    if spec.outcome == "war_onset":
        return WAR_COLUMNS
    if spec.outcome in GML_OUTCOMES:
        return GML_COLUMNS
    return DISPUTE_COLUMNS


@dataclass(frozen=True)
class ModelSample:
    outcome: np.ndarray
    design: pd.DataFrame  # intercept first, then the model's regressors, all float
    clusters: np.ndarray  # one id per dyad (per state in state_years)
    years: np.ndarray
    n_sample: int  # rows in the sample before incomplete cases are dropped
    n_dropped_missing: int
    # n x 2: each row's two states (ccode1, ccode2) in the dyad tables, for the dyadic-robust
    # covariance; None in state_years
    states: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.outcome)


def columns_needed(models: list[ModelSpec] | tuple[ModelSpec, ...], table: str = TABLE) -> list[str]:
    needed = list(KEYS_BY_TABLE[table]) + (list(DISPUTE_COLUMNS) if table != "state_years" else [])
    for spec in models:
        coverage, ongoing = coverage_columns(spec)
        extra = [coverage, *([ongoing] if ongoing else []), spec.outcome, *spec.regressors]
        if spec.sample == "politically_relevant":
            extra.append("politically_relevant")
        needed += [column for column in extra if column not in needed]
    return needed


def load_dyad_years(database: Path, models: list[ModelSpec] | tuple[ModelSpec, ...]) -> pd.DataFrame:
    """Every dyad_years column the models use (see load_table)."""
    return load_table(database, TABLE, models)


def load_table(database: Path, table: str, models: list[ModelSpec] | tuple[ModelSpec, ...]) -> pd.DataFrame:
    """Every column of `table` the models use, as floats (booleans 0/1, NULL as NaN), in
    key order.

    The fixed row order keeps floating-point sums, and so the results, identical
    from run to run.
    """
    columns = columns_needed(models, table)
    con = connect_readonly(database)
    try:
        available = _table_columns(con, database, table)
        _check_columns(available, models, database, table)
        selection = ", ".join(f'CAST("{column}" AS DOUBLE) AS "{column}"' for column in columns)
        order = ", ".join(f'"{key}"' for key in KEYS_BY_TABLE[table])
        return con.execute(f"SELECT {selection} FROM {table} ORDER BY {order}").df()
    finally:
        con.close()


def _table_columns(con, database: Path, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    if not rows:
        raise ModelError(f"{database} has no {table} table: run the build first (`dpeace build`)")
    return {name for (name,) in rows}


def _check_columns(available: set[str], models, database: Path, table: str) -> None:
    for column in columns_needed([], table):
        if column not in available:
            raise ModelError(f"{table} in {database} lacks column {column}, which every model needs")
    for spec in models:
        for column in columns_needed([spec], table):
            if column not in available:
                raise ModelError(f"model '{spec.id}' uses column {column}, which {table} in {database} lacks")


def select_sample(dyad_years: pd.DataFrame, spec: ModelSpec) -> ModelSample:
    """The rows `spec` is fitted to, with incomplete cases dropped and counted.

    MID coverage is read from mid_onset (NULL only in years MID does not cover), a war
    outcome's from war_onset, a state-year outcome's from itself: rows outside it are
    outside the sample. Within it, a NULL outcome is missing data -- a fatal_onset is NULL
    when an onset's fatalities are unknown -- and counts in n_dropped_missing like a
    missing regressor. `dyad_years` is the frame of the model's table (load_table).
    """
    rows, outcome, regressors, complete = _sample_columns(dyad_years, spec)
    used = rows[complete]

    design = pd.DataFrame(
        {INTERCEPT: np.ones(len(used)), **{column: values[complete] for column, values in regressors.items()}}
    )
    sample = ModelSample(
        outcome=outcome[complete],
        design=design,
        clusters=_clusters(dyad_years, used, spec.table),
        years=dyad_years["year"].to_numpy()[used].astype(np.int64),
        n_sample=len(rows),
        n_dropped_missing=int((~complete).sum()),
        states=None
        if spec.table == "state_years"
        else np.column_stack([dyad_years[key].to_numpy()[used] for key in ("ccode1", "ccode2")]).astype(
            np.int64
        ),
    )
    _check_estimable(sample, spec)
    return sample


def estimation_rows(frame: pd.DataFrame, spec: ModelSpec) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the rows of `frame` that `spec` is fitted to (its sample, complete
    cases only), and the outcome there: for predictions over any subset of a table, without
    the checks a fit needs (a subset's outcome may well be constant)."""
    rows, outcome, _, complete = _sample_columns(frame, spec)
    return rows[complete], outcome[complete]


def _sample_columns(frame: pd.DataFrame, spec: ModelSpec):
    """The sample's row positions, its outcome and regressors there, and which are complete."""
    coverage, ongoing = coverage_columns(spec)
    in_sample = frame[coverage].notna().to_numpy()
    year = frame["year"].to_numpy()
    if spec.years is not None:
        in_sample = in_sample & (year >= spec.years[0]) & (year <= spec.years[1])
    if spec.sample == "politically_relevant":
        in_sample = in_sample & (frame["politically_relevant"] == 1).to_numpy()
    if spec.ongoing == "drop" and ongoing is not None:
        continuing = (frame[ongoing] == 1) & (frame[coverage] == 0)
        in_sample = in_sample & ~continuing.to_numpy()

    # Taking each needed column at the sample's rows, rather than filtering the whole
    # frame, keeps this cheap on a million rows.
    rows = np.flatnonzero(in_sample)
    outcome = frame[spec.outcome].to_numpy(dtype=float)[rows]
    if spec.outcome_is_count:
        # Any: at least one dispute (or war) entered; NaN stays missing.
        outcome = np.where(np.isnan(outcome), np.nan, (outcome > 0).astype(float))
    regressors = {column: frame[column].to_numpy(dtype=float)[rows] for column in spec.regressors}
    complete = ~np.isnan(outcome)
    for values in regressors.values():
        complete &= ~np.isnan(values)
    return rows, outcome, regressors, complete


def _clusters(frame: pd.DataFrame, used: np.ndarray, table: str) -> np.ndarray:
    if table == "state_years":
        return frame["ccode"].to_numpy()[used].astype(np.int64)
    ccode1, ccode2 = (frame[key].to_numpy()[used] for key in ("ccode1", "ccode2"))
    # COW codes are below 1000; the lower code first makes both directions one cluster.
    return (np.minimum(ccode1, ccode2) * 1000 + np.maximum(ccode1, ccode2)).astype(np.int64)


def _check_estimable(sample: ModelSample, spec: ModelSpec) -> None:
    if sample.n == 0:
        raise ModelError(f"model '{spec.id}': no complete rows in its sample")
    events = sample.outcome.sum()
    if events == 0 or events == sample.n:
        raise ModelError(
            f"model '{spec.id}': the outcome {spec.outcome} is constant ({int(events)} events "
            f"in {sample.n} rows), so there is nothing to model"
        )
    for column in spec.regressors:
        values = sample.design[column].to_numpy()
        if values.min() == values.max():
            raise ModelError(
                f"model '{spec.id}': column {column} is constant ({values[0]:g}) in the sample, "
                "so its coefficient cannot be estimated"
            )

"""Loading dyad-years from the database and cutting each model's estimation sample."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.database import connect_readonly
from pipeline.errors import ModelError
from pipeline.model.specification import ModelSpec

TABLE = "dyad_years"
KEYS = ("ccode1", "ccode2", "year")
# Every model needs these to place a row in MID coverage and to apply the ongoing rule.
DISPUTE_COLUMNS = ("mid_onset", "mid_ongoing")
INTERCEPT = "const"


@dataclass(frozen=True)
class ModelSample:
    outcome: np.ndarray
    design: pd.DataFrame  # intercept first, then the model's regressors, all float
    clusters: np.ndarray  # one id per dyad
    years: np.ndarray
    n_sample: int  # rows in the sample before incomplete cases are dropped
    n_dropped_missing: int

    @property
    def n(self) -> int:
        return len(self.outcome)


def columns_needed(models: list[ModelSpec] | tuple[ModelSpec, ...]) -> list[str]:
    needed = list(KEYS) + list(DISPUTE_COLUMNS)
    for spec in models:
        extra = [spec.outcome, *spec.regressors]
        if spec.sample == "politically_relevant":
            extra.append("politically_relevant")
        needed += [column for column in extra if column not in needed]
    return needed


def load_dyad_years(database: Path, models: list[ModelSpec] | tuple[ModelSpec, ...]) -> pd.DataFrame:
    """Every column the models use, as floats (booleans 0/1, NULL as NaN), in key order.

    The fixed row order keeps floating-point sums, and so the results, identical
    from run to run.
    """
    columns = columns_needed(models)
    con = connect_readonly(database)
    try:
        available = _table_columns(con, database)
        _check_columns(available, models, database)
        selection = ", ".join(f'CAST("{column}" AS DOUBLE) AS "{column}"' for column in columns)
        order = ", ".join(f'"{key}"' for key in KEYS)
        return con.execute(f"SELECT {selection} FROM {TABLE} ORDER BY {order}").df()
    finally:
        con.close()


def _table_columns(con, database: Path) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [TABLE]
    ).fetchall()
    if not rows:
        raise ModelError(f"{database} has no {TABLE} table: run the build first (`dpeace build`)")
    return {name for (name,) in rows}


def _check_columns(available: set[str], models, database: Path) -> None:
    for column in list(KEYS) + list(DISPUTE_COLUMNS):
        if column not in available:
            raise ModelError(f"{TABLE} in {database} lacks column {column}, which every model needs")
    for spec in models:
        for column in columns_needed([spec]):
            if column not in available:
                raise ModelError(
                    f"model '{spec.id}' uses column {column}, which {TABLE} in {database} lacks"
                )


def select_sample(dyad_years: pd.DataFrame, spec: ModelSpec) -> ModelSample:
    """The rows `spec` is fitted to, with incomplete cases dropped and counted.

    MID coverage is read from mid_onset (NULL only in years MID does not cover): rows
    outside it are outside the sample. Within it, a NULL outcome is missing data -- a
    fatal_onset is NULL when an onset's fatalities are unknown -- and counts in
    n_dropped_missing like a missing regressor.
    """
    in_sample = dyad_years["mid_onset"].notna().to_numpy()
    year = dyad_years["year"].to_numpy()
    if spec.years is not None:
        in_sample = in_sample & (year >= spec.years[0]) & (year <= spec.years[1])
    if spec.sample == "politically_relevant":
        in_sample = in_sample & (dyad_years["politically_relevant"] == 1).to_numpy()
    if spec.ongoing == "drop":
        continuing = (dyad_years["mid_ongoing"] == 1) & (dyad_years["mid_onset"] == 0)
        in_sample = in_sample & ~continuing.to_numpy()

    # Taking each needed column at the sample's rows, rather than filtering the whole
    # frame, keeps this cheap on a million rows.
    rows = np.flatnonzero(in_sample)
    outcome = dyad_years[spec.outcome].to_numpy(dtype=float)[rows]
    regressors = {column: dyad_years[column].to_numpy(dtype=float)[rows] for column in spec.regressors}
    complete = ~np.isnan(outcome)
    for values in regressors.values():
        complete &= ~np.isnan(values)
    used = rows[complete]

    design = pd.DataFrame(
        {INTERCEPT: np.ones(len(used)), **{column: values[complete] for column, values in regressors.items()}}
    )
    ccode1, ccode2 = (dyad_years[key].to_numpy()[used] for key in ("ccode1", "ccode2"))
    sample = ModelSample(
        outcome=outcome[complete],
        design=design,
        clusters=(ccode1 * 1000 + ccode2).astype(np.int64),
        years=dyad_years["year"].to_numpy()[used].astype(np.int64),
        n_sample=len(rows),
        n_dropped_missing=int((~complete).sum()),
    )
    _check_estimable(sample, spec)
    return sample


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

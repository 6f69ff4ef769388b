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


def load_table(
    database: Path,
    table: str,
    models: list[ModelSpec] | tuple[ModelSpec, ...],
    sample_of: ModelSpec | None = None,
) -> pd.DataFrame:
    """Every column of `table` the models use, as floats (booleans 0/1, NULL as NaN), in
    key order; with `sample_of`, only the rows in that model's sample (sample_rows), which
    is all select_sample reads of them for that model.

    The fixed row order keeps floating-point sums, and so the results, identical
    from run to run.
    """
    columns = columns_needed(models, table)
    con = connect_readonly(database)
    try:
        available = _table_columns(con, database, table)
        _check_columns(available, models, database, table)
        # Integers and booleans come as they are stored and become floats in numpy below:
        # a DuckDB CAST to DOUBLE of every value before the sort costs twice the whole query.
        selection = ", ".join(
            f'"{column}"'
            if available[column] in NATIVE_TYPES
            else f'CAST("{column}" AS DOUBLE) AS "{column}"'
            for column in columns
        )
        order = ", ".join(f'"{key}"' for key in KEYS_BY_TABLE[table])
        where, parameters = ("", []) if sample_of is None else sample_rows(sample_of)
        arrays = con.execute(
            f"SELECT {selection} FROM {table} {where} ORDER BY {order}", parameters
        ).fetchnumpy()
    finally:
        con.close()
    # Each column as its own array (NULL as NaN), not copied into one block as a frame built
    # by DuckDB's .df() is: a million rows by forty columns, copied for nothing.
    return pd.DataFrame({column: _as_floats(values) for column, values in arrays.items()}, copy=False)


# DuckDB types whose values numpy turns into the same doubles a CAST to DOUBLE gives.
NATIVE_TYPES = frozenset({"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE"})


def _as_floats(values: np.ndarray) -> np.ndarray:
    """A fetched column as float64, NULL (masked) as NaN."""
    floats = np.ma.getdata(values).astype(np.float64, copy=False)
    mask = np.ma.getmask(values)
    if mask is not np.ma.nomask and mask.any():
        if not floats.flags.writeable:
            floats = floats.copy()
        floats[mask] = np.nan
    return floats


def sample_rows(spec: ModelSpec) -> tuple[str, list]:
    """The WHERE clause (and its parameters) that keeps the rows of `spec`'s sample, as
    _sample_masks defines it: within the outcome's coverage, in its years, in its sample of
    dyads, and not a continuing year it drops. A row kept here that the mask would not keep
    costs only memory; the mask is still applied, so the sample is the one it defines."""
    coverage, ongoing = coverage_columns(spec)
    conditions, parameters = [f'"{coverage}" IS NOT NULL'], []
    if spec.years is not None:
        conditions.append('"year" BETWEEN ? AND ?')
        parameters += [spec.years[0], spec.years[1]]
    if spec.sample == "politically_relevant":
        conditions.append('CAST("politically_relevant" AS DOUBLE) = 1')
    if spec.ongoing == "drop" and ongoing is not None:
        # NULL ongoing is no continuing year (the mask's == 1 is False for NaN).
        conditions.append(
            f'NOT coalesce(CAST("{ongoing}" AS DOUBLE) = 1 AND CAST("{coverage}" AS DOUBLE) = 0, false)'
        )
    return "WHERE " + " AND ".join(conditions), parameters


def _table_columns(con, database: Path, table: str) -> dict[str, str]:
    """Each column of `table` and its DuckDB type."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
    ).fetchall()
    if not rows:
        raise ModelError(f"{database} has no {table} table: run the build first (`dpeace build`)")
    return dict(rows)


def _check_columns(available, models, database: Path, table: str) -> None:
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
    in_sample, complete = _sample_masks(dyad_years, spec)
    used = np.flatnonzero(complete)
    names = [INTERCEPT, *spec.regressors]
    # The design is filled column by column into one Fortran-ordered array, which the frame
    # wraps without a copy and the engine takes as it is (each column contiguous).
    design = np.empty((len(used), len(names)), order="F")
    design[:, 0] = 1.0
    for j, column in enumerate(spec.regressors, start=1):
        np.take(dyad_years[column].to_numpy(dtype=float), used, out=design[:, j])
    if spec.table == "state_years":
        clusters, states = dyad_years["ccode"].to_numpy()[used].astype(np.int64), None
    else:
        state1, state2 = (dyad_years[key].to_numpy()[used].astype(np.int64) for key in ("ccode1", "ccode2"))
        states = np.column_stack([state1, state2])
        # COW codes are below 1000; the lower code first makes both directions one cluster.
        clusters = np.minimum(state1, state2) * 1000 + np.maximum(state1, state2)
    sample = ModelSample(
        outcome=_outcome_values(dyad_years, spec, used),
        design=pd.DataFrame(design, columns=names, copy=False),
        clusters=clusters,
        years=dyad_years["year"].to_numpy()[used].astype(np.int64),
        n_sample=int(in_sample.sum()),
        n_dropped_missing=int(in_sample.sum() - len(used)),
        states=states,
    )
    _check_estimable(sample, spec)
    return sample


def estimation_rows(frame: pd.DataFrame, spec: ModelSpec) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the rows of `frame` that `spec` is fitted to (its sample, complete
    cases only), and the outcome there: for predictions over any subset of a table, without
    the checks a fit needs (a subset's outcome may well be constant)."""
    used = np.flatnonzero(_sample_masks(frame, spec)[1])
    return used, _outcome_values(frame, spec, used)


def _sample_masks(frame: pd.DataFrame, spec: ModelSpec) -> tuple[np.ndarray, np.ndarray]:
    """Over all rows of `frame`: which are in the sample, and which of those are complete
    (outcome and every regressor known). Masks over whole columns, so that each column
    the design needs is taken at the sample's rows once."""
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
    complete = in_sample.copy()
    for column in (spec.outcome, *spec.regressors):
        complete &= ~np.isnan(frame[column].to_numpy(dtype=float))
    return in_sample, complete


def _outcome_values(frame: pd.DataFrame, spec: ModelSpec, used: np.ndarray) -> np.ndarray:
    outcome = frame[spec.outcome].to_numpy(dtype=float)[used]
    if spec.outcome_is_count:
        # Any: at least one dispute (or war) entered (the rows are complete: no NaN here).
        outcome = (outcome > 0).astype(float)
    return outcome


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
        if _is_constant(values):
            raise ModelError(
                f"model '{spec.id}': column {column} is constant ({values[0]:g}) in the sample, "
                "so its coefficient cannot be estimated"
            )


def _is_constant(values: np.ndarray) -> bool:
    # A column that varies in its first rows varies: most do, and are not read to the end.
    head = values[:4096]
    if head.min() != head.max():
        return False
    return bool(values.min() == values.max())

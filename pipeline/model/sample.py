"""Loading an analysis table from the database and cutting each model's estimation sample.

Models run on dyad_years (the default), dyad_years_directed or state_years (battery.toml
`table`). Standard errors are clustered by the undirected dyad in both dyad tables (so
that the two directions of a pair are one cluster) and by state in state_years.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dpeace.database import connect_readonly
from dpeace.errors import ModelError
from dpeace.model.queries import render_model_sql
from dpeace.model.specification import DEFAULT_TABLE, GML_OUTCOMES, ModelSpec
from dpeace.sql_files import sql_text

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

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
    matrix: np.ndarray  # the design: n x k, Fortran-ordered, all float
    names: tuple[str, ...]  # the design's columns: intercept first, then the model's regressors
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

    def column(self, name: str) -> np.ndarray:
        return self.matrix[:, self.names.index(name)]

    @property
    def design(self) -> pd.DataFrame:
        """The design as a frame (for dpeace.api and statsmodels), wrapping the matrix
        without a copy. pandas is imported only here: the model stage does not need it."""
        import pandas as pd

        return pd.DataFrame(self.matrix, columns=list(self.names), copy=False)


# A table's columns as load_table gives them: name -> float array (NULL as NaN), all of one
# length. The sample functions also take a pandas DataFrame of such columns.
TableColumns = dict[str, np.ndarray]


def table_rows(columns: TableColumns) -> int:
    """The number of rows of a table's columns."""
    return len(next(iter(columns.values())))


def columns_needed(models: list[ModelSpec] | tuple[ModelSpec, ...], table: str = TABLE) -> list[str]:
    needed = list(KEYS_BY_TABLE[table]) + (list(DISPUTE_COLUMNS) if table != "state_years" else [])
    for spec in models:
        coverage, ongoing = coverage_columns(spec)
        extra = [coverage, *([ongoing] if ongoing else []), spec.outcome, *spec.regressors]
        if spec.sample == "politically_relevant":
            extra.append("politically_relevant")
        needed += [column for column in extra if column not in needed]
    return needed


def load_dyad_years(database: Path, models: list[ModelSpec] | tuple[ModelSpec, ...]) -> TableColumns:
    """Every dyad_years column the models use (see load_table)."""
    return load_table(database, TABLE, models)


def load_table(
    database: Path,
    table: str,
    models: list[ModelSpec] | tuple[ModelSpec, ...],
    sample_of: ModelSpec | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> TableColumns:
    """Every column of `table` the models use, as floats (booleans 0/1, NULL as NaN), in
    key order (sql/model/analysis_rows.sql, ordered by key_order); with `sample_of`, only the rows in that model's
    sample, which is all select_sample reads of them for that model. Read through `con`, an
    open connection to `database`, if given (else one opened for this read alone).

    The fixed row order keeps floating-point sums, and so the results, identical
    from run to run.
    """
    if con is None:
        con = connect_readonly(database)
        try:
            return load_table(database, table, models, sample_of, con)
        finally:
            con.close()
    columns = columns_needed(models, table)
    available = _table_columns(con, database, table)
    _check_columns(available, models, database, table)
    # Integers and booleans come as they are stored and become floats in numpy below:
    # a DuckDB CAST to DOUBLE of every value before the sort costs twice the whole query.
    sql = render_model_sql(
        "analysis_rows",
        table=_quoted(table),
        columns=[(_quoted(column), available[column] not in NATIVE_TYPES) for column in columns],
        sample=None if sample_of is None else _sample_clause(sample_of),
    )
    years = None if sample_of is None or sample_of.years is None else list(sample_of.years)
    # Through a relation: its fetchnumpy converts the rows in about two thirds of the time
    # that of con.execute's result takes.
    arrays = con.sql(sql, params=years).fetchnumpy()
    order = key_order([arrays[key] for key in KEYS_BY_TABLE[table]])
    # Each column as its own array (NULL as NaN), not copied into one block as a frame
    # would: a million rows by forty columns, copied for nothing. Each fetched array is
    # let go as soon as its column is made, so that at most one is held twice.
    columns = {}
    for column in list(arrays):
        values = _as_floats(arrays.pop(column))
        columns[column] = values if order is None else values[order]
    return columns


def key_order(keys: list[np.ndarray]) -> np.ndarray | None:
    """The permutation that puts rows in the order of their integer keys (the first key
    first), or None when they are in it already.

    The tables are stored almost in key order (a few runs, one per block the build wrote
    in parallel), so a check and a stable sort here cost a fraction of an ORDER BY, which
    sorts every column's values with the keys. The keys identify a row, so the order is
    the one an ORDER BY gives.
    """
    rows = len(keys[0])
    if rows < 2:
        return None
    # One int64 per row, ordered as the keys are (mixed radix, each key from its minimum),
    # while the product of their ranges fits; else numpy's lexicographic sort.
    combined, span = np.zeros(rows, dtype=np.int64), 1
    for values in keys:
        values = np.asarray(values, dtype=np.int64)
        low, width = int(values.min()), int(values.max()) - int(values.min()) + 1
        span *= width
        if span >= 2**62:
            return np.lexsort([np.asarray(key, dtype=np.int64) for key in reversed(keys)])
        combined = combined * width + (values - low)
    if bool(np.all(combined[1:] > combined[:-1])):
        return None
    return np.argsort(combined, kind="stable")


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


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sample_clause(spec: ModelSpec) -> dict:
    """What analysis_rows.sql needs to keep the rows of `spec`'s sample, as _sample_masks
    defines it. A row kept there that the mask would not keep costs only memory; the mask
    is still applied, so the sample is the one it defines."""
    coverage, ongoing = coverage_columns(spec)
    return {
        "coverage": _quoted(coverage),
        "years": spec.years is not None,
        "politically_relevant": spec.sample == "politically_relevant",
        "ongoing": _quoted(ongoing) if spec.ongoing == "drop" and ongoing is not None else None,
    }


def _table_columns(con, database: Path, table: str) -> dict[str, str]:
    """Each column of `table` and its DuckDB type."""
    rows = con.execute(sql_text("catalog", "table_columns", ModelError), [table]).fetchall()
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


def select_sample(dyad_years: TableColumns | pd.DataFrame, spec: ModelSpec) -> ModelSample:
    """The rows `spec` is fitted to, with incomplete cases dropped and counted.

    MID coverage is read from mid_onset (NULL only in years MID does not cover), a war
    outcome's from war_onset, a state-year outcome's from itself: rows outside it are
    outside the sample. Within it, a NULL outcome is missing data -- a fatal_onset is NULL
    when an onset's fatalities are unknown -- and counts in n_dropped_missing like a
    missing regressor. `dyad_years` holds the columns of the model's table (load_table).
    """
    in_sample, complete = _sample_masks(dyad_years, spec)
    # Every row of a table loaded for this model alone is complete, as a rule: no copy then.
    used = None if complete.all() else np.flatnonzero(complete)
    names = (INTERCEPT, *spec.regressors)
    # The design is filled column by column into one Fortran-ordered array, which the
    # engine takes as it is (each column contiguous).
    design = np.empty((len(complete) if used is None else len(used), len(names)), order="F")
    design[:, 0] = 1.0
    for j, column in enumerate(spec.regressors, start=1):
        _take(_floats(dyad_years, column), used, out=design[:, j])
    if spec.table == "state_years":
        clusters, states = _take(_floats(dyad_years, "ccode"), used).astype(np.int64), None
    else:
        states = np.empty((design.shape[0], 2), dtype=np.int64)
        for j, key in enumerate(("ccode1", "ccode2")):
            states[:, j] = _take(_floats(dyad_years, key), used)
        state1, state2 = states[:, 0], states[:, 1]
        # COW codes are below 1000; the lower code first makes both directions one cluster.
        clusters = np.minimum(state1, state2) * 1000 + np.maximum(state1, state2)
    sample = ModelSample(
        outcome=_outcome_values(dyad_years, spec, used),
        matrix=design,
        names=names,
        clusters=clusters,
        years=_take(_floats(dyad_years, "year"), used).astype(np.int64),
        n_sample=int(in_sample.sum()),
        n_dropped_missing=int(in_sample.sum() - design.shape[0]),
        states=states,
    )
    _check_estimable(sample, spec)
    return sample


def estimation_rows(frame: TableColumns | pd.DataFrame, spec: ModelSpec) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the rows of `frame` that `spec` is fitted to (its sample, complete
    cases only), and the outcome there: for predictions over any subset of a table, without
    the checks a fit needs (a subset's outcome may well be constant)."""
    used = np.flatnonzero(_sample_masks(frame, spec)[1])
    return used, _outcome_values(frame, spec, used)


def _floats(frame: TableColumns | pd.DataFrame, column: str) -> np.ndarray:
    """One column of a table (load_table's columns or a DataFrame) as a float array."""
    return np.asarray(frame[column], dtype=np.float64)


def _take(values: np.ndarray, used: np.ndarray | None, out: np.ndarray | None = None) -> np.ndarray:
    """values at the rows `used` (None: every row), into `out` if given."""
    if used is not None:
        return np.take(values, used, out=out)
    if out is None:
        return values
    out[:] = values
    return out


def _sample_masks(frame: TableColumns | pd.DataFrame, spec: ModelSpec) -> tuple[np.ndarray, np.ndarray]:
    """Over all rows of `frame`: which are in the sample, and which of those are complete
    (outcome and every regressor known). Masks over whole columns, so that each column
    the design needs is taken at the sample's rows once."""
    coverage, ongoing = coverage_columns(spec)
    covered = _floats(frame, coverage)
    in_sample = ~np.isnan(covered)
    year = _floats(frame, "year")
    if spec.years is not None:
        in_sample &= (year >= spec.years[0]) & (year <= spec.years[1])
    if spec.sample == "politically_relevant":
        in_sample &= _floats(frame, "politically_relevant") == 1
    if spec.ongoing == "drop" and ongoing is not None:
        in_sample &= ~((_floats(frame, ongoing) == 1) & (covered == 0))
    complete = in_sample.copy()
    for column in (spec.outcome, *spec.regressors):
        complete &= ~np.isnan(_floats(frame, column))
    return in_sample, complete


def _outcome_values(
    frame: TableColumns | pd.DataFrame, spec: ModelSpec, used: np.ndarray | None
) -> np.ndarray:
    outcome = _floats(frame, spec.outcome)
    outcome = outcome.copy() if used is None else outcome[used]
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
        values = sample.column(column)
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

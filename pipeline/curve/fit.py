"""Fitting one batch of the grid: specifications that share outcome, sample, controls, time terms.

Within a batch the rows of every specification with one democracy column are the same,
so the design is built once per (ongoing rule, democracy column) and only the democracy
column is rewritten from one specification to the next; each fit starts from the
estimates of a related one (the same democracy level under the other ongoing rule, or
the previous threshold).
"""

from __future__ import annotations

import itertools

import numpy as np

from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import DIMENSIONS, Specification
from dpeace.model.covariance import DEFAULT_COVARIANCE, ClusterGroups, standard_errors
from dpeace.model.logit import CollinearDesign, cold_start, fit
from dpeace.model.separation import is_binary, large_binary_coefficients, separated_levels
from dpeace.model.wald import CRITICAL_Z, two_sided_p

INTERCEPT = "const"
# Every specification carries both: `se`, `p` and the interval are dyadic-robust (Aronow,
# Samii and Assenova 2015), the dyad-clustered `se_dyad_clustered` and `p_dyad_clustered`
# sit beside them.
DYADIC_ROBUST = "dyadic_robust"
COVARIANCES = (DYADIC_ROBUST, DEFAULT_COVARIANCE)
SEPARATION_REASON = "quasi-complete separation"
# The reason of a specification fitted by Firth's logit starts with this, then says why.
FIRTH_NOTE = "fitted by Firth's penalised logit (no finite maximum-likelihood estimate): "
RESULT_FIELDS = (
    "position",
    "spec_id",
    *DIMENSIONS,
    "democracy_column",
    "estimator",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "p",
    "se_dyad_clustered",
    "p_dyad_clustered",
    "n",
    "events",
    "n_clusters",
    "fitted",
    "converged",
    "separation",
    "iterations",
    "reason",
)


def fit_batch(frame: AnalysisFrame, batch: tuple[Specification, ...], on_fitted=None) -> list[dict]:
    """One result row per specification of the batch, in the batch's order.

    on_fitted, if given, is called after each specification (for a progress bar).
    """
    results: dict[int, dict] = {}
    starts = _WarmStarts()
    units = itertools.groupby(batch, _unit_key)
    for _, unit in units:
        unit = tuple(unit)
        design = _UnitDesign(frame, unit[0])
        starts.new_unit()
        for spec in unit:
            design.set_democracy(spec)
            start = starts.start_for(spec, design.democracy_is_binary, design.outcome)
            if start is not None and len(start) != len(design.names):
                start = None  # a related fit with other period effects: no start for this design
            row, params = _fit_one(spec, design, start)
            results[spec.position] = row
            if params is not None:
                starts.remember(spec, design.democracy_is_binary, design.outcome, params)
            if on_fitted is not None:
                on_fitted()
    return [results[spec.position] for spec in batch]


def _unit_key(spec: Specification) -> tuple:
    """Specifications fitted on the same rows and design but for the democracy column's values:
    one outcome, ongoing rule, democracy column and reference group (whose rows depend on
    the democracy level's own cut-point)."""
    level = spec.democracy.id if spec.reference.compared is not None else ""
    return (spec.outcome.id, spec.ongoing.id, spec.democracy_column, spec.reference.id, level)


class _WarmStarts:
    """Where each fit of a batch starts: the estimates of the most closely related earlier fit.

    In order of preference: the same democracy level and outcome under the other ongoing
    rule; the same democracy level and ongoing rule for another outcome; the previous fit
    with this democracy column (the previous threshold); the latest fit whose democracy
    term is of the same kind (0/1 or a scale). Otherwise a cold start. A start taken from
    a sample with another event rate has its intercept moved by the difference in log-odds
    of the two rates (the ongoing years kept add non-events: the intercept falls by about
    the log of the ratio of the sample sizes), which saves a Newton step. The batch's order
    is fixed, so the starts, and so the last bits of every estimate, are the same every run.
    """

    def __init__(self) -> None:
        # (outcome, ongoing, democracy) -> (log-odds of the event rate, estimates)
        self.fits: dict[tuple[str, str, str], tuple[float, np.ndarray]] = {}
        self.latest_of_kind: dict[bool, tuple[float, np.ndarray]] = {}
        self.previous_in_unit: tuple[bool, float, np.ndarray] | None = None

    def new_unit(self) -> None:
        self.previous_in_unit = None

    def remember(self, spec: Specification, binary: bool, outcome: np.ndarray, params: np.ndarray) -> None:
        log_odds = _log_odds(outcome)
        self.fits[(spec.outcome.id, spec.ongoing.id, spec.democracy.id)] = (log_odds, params)
        self.latest_of_kind[binary] = (log_odds, params)
        self.previous_in_unit = (binary, log_odds, params)

    def start_for(self, spec: Specification, binary: bool, outcome: np.ndarray) -> np.ndarray | None:
        log_odds = _log_odds(outcome)
        for (outcome_id, ongoing, democracy), (source_log_odds, params) in self.fits.items():
            if (
                democracy == spec.democracy.id
                and outcome_id == spec.outcome.id
                and ongoing != spec.ongoing.id
            ):
                return _shifted(params, log_odds - source_log_odds)
        for (_, ongoing, democracy), (source_log_odds, params) in reversed(self.fits.items()):
            if democracy == spec.democracy.id and ongoing == spec.ongoing.id:
                return _shifted(params, log_odds - source_log_odds)
        if self.previous_in_unit is not None:
            was_binary, _, params = self.previous_in_unit
            start = params.copy()
            if was_binary != binary:
                start[1] = 0.0  # a 0/1 term's coefficient is no start for a scale's, or back
            return start
        if binary in self.latest_of_kind:
            source_log_odds, params = self.latest_of_kind[binary]
            return _shifted(params, log_odds - source_log_odds)
        return None


def _log_odds(outcome: np.ndarray) -> float:
    rate = float(outcome.mean()) if len(outcome) else 0.5
    return float(np.log(rate / (1.0 - rate))) if 0.0 < rate < 1.0 else 0.0


def _shifted(params: np.ndarray, intercept_shift: float) -> np.ndarray:
    start = params.copy()
    start[0] += intercept_shift
    return start


class _UnitDesign:
    """The rows and design matrix shared by the specifications of one unit."""

    def __init__(self, frame: AnalysisFrame, spec: Specification) -> None:
        self.frame = frame
        names = (
            INTERCEPT,
            spec.democracy_column,
            *spec.controls.columns,
            *frame.temporal_columns(spec.temporal),
        )
        columns = frame.columns
        outcome = columns[spec.outcome.columns[0]]
        covered, continuing = frame.record(spec.outcome.record)
        keep = covered & ~np.isnan(outcome)
        if spec.sample.columns:
            keep &= columns[spec.sample.columns[0]] == 1
        if spec.ongoing.id == "drop":
            keep &= ~continuing
        if spec.era.years is not None:
            first, last = spec.era.years
            keep &= (columns["year"] >= first) & (columns["year"] <= last)
        if spec.reference.compared is not None:
            # the jointly democratic pairs and those of the reference group, by the
            # same-year regimes of the two states
            keep &= np.isin(frame.democrats(spec.democracy), (*spec.reference.compared, 2))
        for name in names[1:]:
            keep &= ~np.isnan(columns[name])
        rows = np.flatnonzero(keep)
        periods: list[np.ndarray] = []
        if spec.time_effects.period and 0 < outcome[rows].sum() < len(rows):
            rows, periods, period_names = _period_effects(
                rows, columns["year"], outcome, spec.time_effects.period
            )
            names = (*names, *period_names)
        self.names = names
        self.rows = rows
        self.outcome = outcome[self.rows]
        self.matrix = np.empty((len(self.rows), len(self.names)), order="F")
        self.matrix[:, 0] = 1.0
        n_plain = len(self.names) - len(periods)
        for j, name in enumerate(self.names[2:n_plain], start=2):
            np.take(columns[name], self.rows, out=self.matrix[:, j])
        for j, indicator in enumerate(periods, start=n_plain):
            self.matrix[:, j] = indicator
        dyads = frame.dyad[self.rows]
        self.groups = ClusterGroups.from_starts(
            np.flatnonzero(np.concatenate([[len(dyads) > 0], dyads[1:] != dyads[:-1]]))
        ).with_states(columns["ccode1"][self.rows], columns["ccode2"][self.rows])
        self.democracy_source = columns[self.names[1]][self.rows]
        self.binary = {name: is_binary(self.matrix[:, j]) for j, name in enumerate(self.names) if j >= 2}
        self.democracy_is_binary = False

    def binary_columns(self) -> list[int]:
        """Positions of the 0/1 regressors (the intercept excluded)."""
        return [j for j, name in enumerate(self.names) if j >= 1 and self.binary.get(name)]

    def set_democracy(self, spec: Specification) -> None:
        if spec.democracy.threshold is None:
            self.matrix[:, 1] = self.democracy_source
        else:
            np.greater_equal(self.democracy_source, spec.democracy.threshold, out=self.matrix[:, 1])
        self.democracy_is_binary = is_binary(self.matrix[:, 1])
        self.binary[self.names[1]] = self.democracy_is_binary


def _period_effects(rows: np.ndarray, years: np.ndarray, outcome: np.ndarray, period: int):
    """Indicators of each period of `period` years (decades for 10) but the first, on the
    rows of the periods in which the outcome varies.

    A period without an event (or with nothing but events) has no finite effect; maximum
    likelihood gives its rows fitted probabilities of 0 (or 1) and the other coefficients
    their values without those rows, so its rows are left out instead, as conditional logit
    leaves out the groups without variation.
    """
    starts = np.floor(years[rows] / period) * period
    values, inverse = np.unique(starts, return_inverse=True)
    events = np.bincount(inverse, weights=outcome[rows], minlength=len(values))
    counts = np.bincount(inverse, minlength=len(values))
    varying = (events > 0) & (events < counts)
    kept = varying[inverse]
    rows, starts = rows[kept], starts[kept]
    chosen = values[varying][1:]
    return (
        rows,
        [(starts == start).astype(float) for start in chosen],
        tuple(f"period_{int(start)}" for start in chosen),
    )


def _fit_one(
    spec: Specification, design: _UnitDesign, start: np.ndarray | None
) -> tuple[dict, np.ndarray | None]:
    row = {field: None for field in RESULT_FIELDS}
    row.update(
        position=spec.position,
        spec_id=spec.id,
        **{dimension: spec.level(dimension).id for dimension in DIMENSIONS},
        democracy_column=spec.democracy_column,
        n=len(design.rows),
        events=int(design.outcome.sum()),
        n_clusters=design.groups.count,
        fitted=False,
        separation=False,
    )
    reason = _unfittable(spec, design)
    if reason is not None:
        if reason.startswith(SEPARATION_REASON):
            return _fit_firth(row, design, reason, cold_start(design.outcome, len(design.names))), None
        row["reason"] = reason
        return row, None
    try:
        result = fit(design.matrix, design.outcome, design.groups, start=start, covariances=COVARIANCES)
    except CollinearDesign:
        row.update(converged=False, reason="the regressors are collinear in the sample (X'WX is singular)")
        return row, None
    row["converged"] = result.converged
    row["iterations"] = result.iterations
    if not result.converged:
        if result.perfect_prediction:
            return _fit_firth(
                row,
                design,
                "perfect prediction: the Newton iterations ran off to infinity",
                cold_start(design.outcome, len(design.names)),
            ), None
        row["reason"] = f"the Newton iterations did not converge in {result.iterations} steps"
        return row, None
    large = large_binary_coefficients(result.params, design.binary_columns())
    if large:
        reason = f"the coefficient of {design.names[large[0]]} is {result.params[large[0]]:.1f}, a sign of separation"
        return _fit_firth(row, design, reason, result.params), None
    if not _record_estimate(row, result):
        return row, None
    row["estimator"] = "logit"
    return row, result.params


def _fit_firth(row: dict, design: _UnitDesign, separation: str, start: np.ndarray) -> dict:
    """A separated specification refitted by Firth's penalised logit, kept and marked as such.

    Maximum likelihood has no finite estimate there (typically: no two democracies ever
    did it), but the penalised estimate is finite and says how strong the evidence is.
    """
    row["separation"] = True
    try:
        # firth.py scales the columns itself (peace years cubed run to 10^7); no maximum-
        # likelihood fit first, the data being known to be separated
        result = fit(
            design.matrix,
            design.outcome,
            design.groups,
            estimator="firth_logit",
            start=start,
            covariances=COVARIANCES,
        )
    except CollinearDesign:
        row.update(converged=False, reason=f"{separation}; the Firth refit's regressors are collinear")
        return row
    row.update(converged=result.converged, iterations=result.iterations, estimator="firth_logit")
    if not result.converged:
        row["reason"] = f"{separation}; the Firth refit did not converge in {result.iterations} steps"
        return row
    if _record_estimate(row, result):
        row["reason"] = f"{FIRTH_NOTE}{separation}"
    return row


def _record_estimate(row: dict, result) -> bool:
    """The democracy term's estimate, both standard errors, interval and p into the row."""
    dyadic = standard_errors(result.covariances[DYADIC_ROBUST])
    clustered = standard_errors(result.covariances[DEFAULT_COVARIANCE])
    if (
        not np.all(np.isfinite(result.params))
        or not np.all(np.isfinite(clustered))
        or not np.isfinite(dyadic[1])
    ):
        row["reason"] = "some coefficients or standard errors are not finite"
        return False
    estimate, se = float(result.params[1]), float(dyadic[1])
    row.update(
        estimate=estimate,
        se=se,
        ci_low=float(estimate - CRITICAL_Z * se),
        ci_high=float(estimate + CRITICAL_Z * se),
        p=two_sided_p(estimate / se),
        se_dyad_clustered=float(clustered[1]),
        p_dyad_clustered=two_sided_p(estimate / float(clustered[1])),
        fitted=True,
    )
    return True


def _unfittable(spec: Specification, design: _UnitDesign) -> str | None:
    """Why the specification has no maximum-likelihood estimate, checked before fitting."""
    n = len(design.rows)
    events = float(design.outcome.sum())
    if n == 0:
        return "no complete rows in the sample"
    if events == 0:
        return f"no events: {spec.outcome.columns[0]} is never 1 in the {n} rows of the sample"
    if events == n:
        return f"{spec.outcome.columns[0]} is 1 in every row of the sample"
    if design.groups.count < 2:
        return "fewer than two dyads in the sample, so no clustered standard errors"
    for j, name in enumerate(design.names[1:], start=1):
        values = design.matrix[:, j]
        if values.min() == values.max():
            return f"{name} is constant ({values[0]:g}) in the sample, so its coefficient cannot be estimated"
    # As the battery checks: a 0/1 regressor one of whose levels has a constant outcome
    # has no finite estimate.
    for found in separated_levels(design.matrix, design.outcome, design.binary_columns()):
        label = spec.democracy.id if found.column == 1 else design.names[found.column]
        return (
            f"quasi-complete separation: every row with {label} = {found.level} has outcome "
            f"{found.outcome} ({found.rows} rows), so there is no finite estimate"
        )
    return None

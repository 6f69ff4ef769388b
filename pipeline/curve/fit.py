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
from scipy import stats

from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import DIMENSIONS, Specification
from dpeace.curve.logit import CollinearDesign, cold_start, fit_logit

INTERCEPT = "const"
# As in pipeline/model/estimate.py: an odds ratio above e^10 for a 0/1 regressor is a
# symptom of (quasi-)separation, not an estimate.
SEPARATION_COEFFICIENT = 10.0
CRITICAL_Z = float(stats.norm.ppf(0.975))
RESULT_FIELDS = (
    "position",
    "spec_id",
    *DIMENSIONS,
    "democracy_column",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "p",
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
    units = itertools.groupby(batch, lambda spec: (spec.outcome.id, spec.ongoing.id, spec.democracy.columns))
    for _, unit in units:
        unit = tuple(unit)
        design = _UnitDesign(frame, unit[0])
        starts.new_unit()
        for spec in unit:
            design.set_democracy(spec)
            start = starts.start_for(spec, design.democracy_is_binary, design.outcome)
            row, params = _fit_one(spec, design, start)
            results[spec.position] = row
            if params is not None:
                starts.remember(spec, design.democracy_is_binary, design.outcome, params)
            if on_fitted is not None:
                on_fitted()
    return [results[spec.position] for spec in batch]


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
        self.names = (
            INTERCEPT,
            spec.democracy.columns[0],
            *spec.controls.columns,
            *frame.temporal_columns(spec.temporal),
        )
        columns = frame.columns
        outcome = columns[spec.outcome.columns[0]]
        keep = frame.covered & ~np.isnan(outcome)
        if spec.sample.columns:
            keep &= columns[spec.sample.columns[0]] == 1
        if spec.ongoing.id == "drop":
            keep &= ~frame.continuing
        for name in self.names[1:]:
            keep &= ~np.isnan(columns[name])
        self.rows = np.flatnonzero(keep)
        self.outcome = outcome[self.rows]
        self.matrix = np.empty((len(self.rows), len(self.names)), order="F")
        self.matrix[:, 0] = 1.0
        for j, name in enumerate(self.names[2:], start=2):
            np.take(columns[name], self.rows, out=self.matrix[:, j])
        dyads = frame.dyad[self.rows]
        self.cluster_starts = np.flatnonzero(np.concatenate([[True], dyads[1:] != dyads[:-1]]))
        self.democracy_source = columns[self.names[1]][self.rows]
        self.binary = {name: _is_binary(self.matrix[:, j]) for j, name in enumerate(self.names) if j >= 2}
        self.democracy_is_binary = False

    def set_democracy(self, spec: Specification) -> None:
        if spec.democracy.threshold is None:
            self.matrix[:, 1] = self.democracy_source
        else:
            np.greater_equal(self.democracy_source, spec.democracy.threshold, out=self.matrix[:, 1])
        self.democracy_is_binary = _is_binary(self.matrix[:, 1])
        self.binary[self.names[1]] = self.democracy_is_binary


def _fit_one(
    spec: Specification, design: _UnitDesign, start: np.ndarray | None
) -> tuple[dict, np.ndarray | None]:
    row = {field: None for field in RESULT_FIELDS}
    row.update(
        position=spec.position,
        spec_id=spec.id,
        **{dimension: spec.level(dimension).id for dimension in DIMENSIONS},
        democracy_column=spec.democracy.columns[0],
        n=len(design.rows),
        events=int(design.outcome.sum()),
        n_clusters=len(design.cluster_starts),
        fitted=False,
        separation=False,
    )
    reason = _unfittable(spec, design)
    if reason is not None:
        row["separation"] = reason.startswith("quasi-complete separation")
        row["reason"] = reason
        return row, None
    if start is None:
        start = cold_start(design.outcome, len(design.names))
    try:
        fit = fit_logit(design.matrix, design.outcome, design.cluster_starts, start)
    except CollinearDesign:
        row.update(converged=False, reason="the regressors are collinear in the sample (X'WX is singular)")
        return row, None
    row["converged"] = fit.converged
    row["iterations"] = fit.iterations
    if not fit.converged:
        row["reason"] = f"the Newton iterations did not converge in {fit.iterations} steps"
        return row, None
    standard_errors = np.sqrt(np.diag(fit.covariance))
    if not np.all(np.isfinite(fit.params)) or not np.all(np.isfinite(standard_errors)):
        row["reason"] = "some coefficients or standard errors are not finite"
        return row, None
    large = [
        name
        for j, name in enumerate(design.names)
        if j >= 1 and design.binary.get(name) and abs(fit.params[j]) > SEPARATION_COEFFICIENT
    ]
    if large:
        row["separation"] = True
        row["reason"] = (
            f"the coefficient of {large[0]} is {fit.params[design.names.index(large[0])]:.1f}, a sign of separation"
        )
        return row, None
    estimate, se = float(fit.params[1]), float(standard_errors[1])
    z = estimate / se
    row.update(
        estimate=estimate,
        se=se,
        ci_low=float(estimate - CRITICAL_Z * se),
        ci_high=float(estimate + CRITICAL_Z * se),
        p=float(2.0 * stats.norm.sf(abs(z))),
        fitted=True,
    )
    return row, fit.params


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
    if len(design.cluster_starts) < 2:
        return "fewer than two dyads in the sample, so no clustered standard errors"
    for j, name in enumerate(design.names[1:], start=1):
        values = design.matrix[:, j]
        if values.min() == values.max():
            return f"{name} is constant ({values[0]:g}) in the sample, so its coefficient cannot be estimated"
    # As pipeline/model/estimate.py checks: a 0/1 regressor one of whose levels has a
    # constant outcome has no finite estimate.
    for j, name in enumerate(design.names[1:], start=1):
        if not design.binary[name]:
            continue
        values = design.matrix[:, j]
        ones = float(values.sum())
        events_at_one = float(values @ design.outcome)
        for level, rows, level_events in ((0, n - ones, events - events_at_one), (1, ones, events_at_one)):
            if level_events == 0 or level_events == rows:
                label = spec.democracy.id if j == 1 else name
                return (
                    f"quasi-complete separation: every row with {label} = {level} has outcome "
                    f"{0 if level_events == 0 else 1} ({int(rows)} rows), so there is no finite estimate"
                )
    return None


def _is_binary(values: np.ndarray) -> bool:
    return bool(np.all((values == 0.0) | (values == 1.0)))

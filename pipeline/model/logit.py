"""The estimation engine: one logit fitter for the battery and the specification curve.

Maximum likelihood by Newton-Raphson in numpy (or Firth's penalised likelihood, see
firth.py), then every covariance asked for from covariance.py. Written for speed over a
million rows: each Newton step is one pass over the design in blocks that stay in cache
(X'WX by BLAS on each block), so a fit costs a few passes: a cold fit takes its long first
steps on a subsample (SUBSAMPLE_CONTROLS_PER_CASE), a caller with a related fit passes its estimates
as a warm start. The iterations stop on the Newton decrement, so the estimates and their
covariances do not depend on where they started. Blocks are summed in a fixed order, so
the same inputs give the same bits on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dpeace.model.blocks import BLOCK_ROWS, category_blocks, row_blocks
from dpeace.model.covariance import (
    COVARIANCE_ESTIMATORS,
    DEFAULT_COVARIANCE,
    ClusterGroups,
    estimate_covariances,
)
from dpeace.model.firth import fit_firth_logit
from dpeace.model.indicators import Indicators
from dpeace.model.separation import is_binary, large_binary_coefficients

MAX_ITERATIONS = 50
MAX_HALVINGS = 30
# Converged when the Newton decrement (the step times the score: the step's squared length
# in standard errors, whatever the regressors' units) falls below this. Newton converges
# quadratically, so the last step leaves the estimates exact to rounding, and the
# covariances, formed at the point before it (a tenth of a millionth of a millionth of a standard
# error away), exact to about 1e-12. A bound on the step's largest coefficient (statsmodels'
# 1e-8) would be loose for a coefficient of peace years cubed (10^-5, its regressor up to 10^7).
DECREMENT_TOLERANCE = 1e-20
# Fitted probabilities this close to the observed 0/1 outcome in every row: the data are
# perfectly separated (statsmodels' own perfect-prediction test uses the same bound).
PERFECT_PREDICTION = 1e-10
# The smallest eigenvalue of X'WX scaled to unit diagonal below which the regressors are
# taken as collinear (one is, to rounding, a linear combination of others).
COLLINEARITY_EIGENVALUE = 1e-12
# A cold fit first runs on a subsample and starts from its estimates: those passes cost a
# fraction of one on all rows and take the long first steps (half of them halved) that a
# start at the outcome's mean needs, leaving the full data the few quadratic steps from a
# nearby estimate. Where maximum likelihood has a finite estimate the start changes nothing
# but the last bits. The subsample keeps every row of the rarer outcome and every s-th row
# of the commoner (a case-control sample), s up to SUBSAMPLE_STRIDE such that
# SUBSAMPLE_CONTROLS_PER_CASE rows of the commoner remain for each of the rarer: thinning one
# outcome changes the logit's intercept only (by log s) and keeps what the rare outcome tells,
# so the start is a fraction of a standard error away, where every s-th row would keep 1/s of
# the events and start several standard errors away (on the real data a cold fit of a rare
# outcome takes 6 passes instead of 13). It needs SUBSAMPLE_CASES_PER_COLUMN rows of the rarer
# outcome per column. Where that outcome is too common for s to reach SUBSAMPLE_MIN_STRIDE,
# the subsample is every s-th row, s such that SUBSAMPLE_EVENTS_PER_COLUMN of the rarer
# outcome per column remain.
SUBSAMPLE_STRIDE = 32
SUBSAMPLE_MIN_STRIDE = 4
SUBSAMPLE_CONTROLS_PER_CASE = 16
SUBSAMPLE_CASES_PER_COLUMN = 8
SUBSAMPLE_EVENTS_PER_COLUMN = 16
ESTIMATORS = ("logit", "firth_logit")
# The engine's modules: a fit depends on these (and on its caller's code), nothing else here.
ENGINE_MODULES = (
    "logit.py",
    "firth.py",
    "covariance.py",
    "indicators.py",
    "blocks.py",
    "separation.py",
    "wald.py",
)


class CollinearDesign(Exception):
    """X'WX is singular: some regressors are linear combinations of others in the sample."""


@dataclass(frozen=True)
class LogitFit:
    params: np.ndarray
    # name -> k x k, one per kind asked for (COVARIANCE_ESTIMATORS); empty when not converged
    covariances: dict[str, np.ndarray]
    converged: bool
    iterations: int
    # passes over the data, halved steps included; a pass over a subsample counts as its share of one
    passes: float
    n_clusters: int
    perfect_prediction: bool  # every row's outcome predicted to within PERFECT_PREDICTION
    loglik: float | None = None  # the ordinary log-likelihood, when asked for
    messages: list[str] = field(default_factory=list)

    def standard_errors(self, kind: str = DEFAULT_COVARIANCE) -> np.ndarray:
        return np.sqrt(np.diag(self.covariances[kind]))


def cold_start(outcome: np.ndarray, n_columns: int) -> np.ndarray:
    """Intercept at the log-odds of the outcome's mean, everything else zero."""
    start = np.zeros(n_columns)
    rate = float(np.clip(outcome.mean(), 1e-12, 1.0 - 1e-12))
    start[0] = np.log(rate / (1.0 - rate))
    return start


def firth_start_after(
    maximum_likelihood: LogitFit | None,
    related: np.ndarray | None,
    outcome: np.ndarray,
    n_columns: int,
    binary_columns: list[int],
) -> np.ndarray:
    """Where Firth's iterations start, for the battery and the curve alike.

    From the maximum-likelihood estimates where they are finite (converged, no perfect
    prediction, no 0/1 coefficient run off): they differ from Firth's by O(1/n). Never from
    estimates that ran off, though Newton "converged" there (a coefficient of 10^12 in a real
    specification): X'WX is flat in that direction and the refit can stop short of the
    penalised maximum. Then from a related Firth fit's estimates when the caller has one
    (`related`, the curve's warm starts), else cold (cold_start).
    """
    ml = maximum_likelihood
    if (
        ml is not None
        and ml.converged
        and not ml.perfect_prediction
        and not large_binary_coefficients(ml.params, binary_columns)
    ):
        return ml.params
    return related if related is not None else cold_start(outcome, n_columns)


def fit(
    design: np.ndarray,
    outcome: np.ndarray,
    groups: ClusterGroups,
    *,
    estimator: str = "logit",
    start: np.ndarray | None = None,
    covariances: tuple[str, ...] = (DEFAULT_COVARIANCE,),
    with_loglik: bool = False,
    indicators: Indicators | None = None,
) -> LogitFit:
    """Fit a logit of `outcome` on `design` (n x k, intercept first) and its covariances.

    Raises CollinearDesign when X'WX is singular. A fit that did not converge carries no
    covariance. `groups` says which rows form a cluster. `start` is where the iterations
    start: for maximum likelihood a cold start (cold_start) when None; for Firth's logit,
    when None, where firth_start_after puts it after a maximum-likelihood fit (a caller that already
    knows maximum likelihood has no finite estimate passes firth_start_after's start and saves that fit).
    `indicators` (period effects: 0/1 regressors of which at most one is 1 in a row) come
    after the design's columns, held as each row's category (indicators.py): maximum
    likelihood forms their part of X'WX, and the covariances their part of the clusters'
    score sums, from sums by category (see _Layout) instead of from mostly zero columns;
    Firth's fit takes them written out.
    """
    if estimator not in ESTIMATORS:
        raise ValueError(f"unknown estimator {estimator!r} (known: {', '.join(ESTIMATORS)})")
    unknown = [kind for kind in covariances if kind not in COVARIANCE_ESTIMATORS]
    if unknown:
        raise ValueError(f"unknown covariance {unknown[0]!r} (known: {', '.join(COVARIANCE_ESTIMATORS)})")
    design = np.asarray(design, dtype=np.float64)
    outcome = np.asarray(outcome, dtype=np.float64)
    if indicators is not None and len(indicators) != len(outcome):
        raise ValueError(f"{len(indicators)} rows of indicators for {len(outcome)} rows of the design")
    if estimator == "firth_logit":
        if indicators is not None:
            design = np.column_stack([design, indicators.columns()])
        return _fit_firth(design, outcome, groups, start, covariances)
    layout = (
        None
        if indicators is None
        else _Layout(np.asfortranarray(design), indicators.category, indicators.count)
    )
    return _fit_maximum_likelihood(design, outcome, groups, start, covariances, with_loglik, layout)


def _fit_maximum_likelihood(design, outcome, groups, start, kinds, with_loglik, layout=None) -> LogitFit:
    """Newton-Raphson from `start` (a cold start when None).

    The log-likelihood is concave, so along a step it rises while its slope (the score at
    the new point times the step) stays positive. A step after which that slope has fallen
    below minus half its value at the start has overshot the maximum (for a quadratic it
    would have lowered the likelihood) and is halved. This needs no log-likelihood, whose
    logarithms would cost a third of every pass.
    """
    passes = 0
    if start is None:
        start, passes = _subsample_start(design, outcome, layout)
    newton = _newton(design, outcome, start, layout)
    indicators = None if layout is None else Indicators(layout.category, layout.m)
    named = (
        estimate_covariances(
            kinds, newton.information, design, outcome - newton.probabilities, groups, indicators
        )
        if newton.converged
        else {}
    )
    if with_loglik and indicators is not None:
        design = np.column_stack([design, indicators.columns()])
    loglik = log_likelihood(design, outcome, newton.params) if with_loglik else None
    return LogitFit(
        newton.params,
        named,
        newton.converged,
        newton.iterations,
        passes + newton.passes,
        groups.count,
        _perfectly_predicted(outcome, newton.probabilities),
        loglik,
    )


@dataclass(frozen=True)
class _NewtonResult:
    params: np.ndarray
    information: np.ndarray  # X'WX at the last pass
    probabilities: np.ndarray  # p at the last pass
    converged: bool
    iterations: int
    passes: int


def _subsample_start(design, outcome, layout) -> tuple[np.ndarray, float]:
    """Where a cold fit starts (see SUBSAMPLE_CONTROLS_PER_CASE), and what getting there cost
    in passes over all rows: the estimates on a subsample when the sample is large enough and
    they are finite and no sign of separation, else the outcome's mean (cold_start)."""
    n, k = design.shape
    k += 0 if layout is None else layout.m
    cold = cold_start(outcome, k)
    rows, intercept_shift = subsample_rows(outcome, k)
    if rows is None:
        return cold, 0
    sub_outcome = np.ascontiguousarray(outcome[rows])
    sub_events = float(sub_outcome.sum())
    if sub_events == 0 or sub_events == len(sub_outcome):
        return cold, 0
    if layout is None:
        sub_design, sub_layout = np.asfortranarray(design[rows]), None
    else:
        sub_design = None
        sub_layout = _Layout(np.asfortranarray(layout.dense[rows]), layout.category[rows], layout.m)
    try:
        sub = _newton(sub_design, sub_outcome, cold_start(sub_outcome, k), sub_layout)
    except CollinearDesign:  # a column constant in the subsample
        return cold, 0
    cost = sub.passes * len(sub_outcome) / n
    if layout is None:
        binary = [j for j in range(1, k) if is_binary(sub_design[:, j])]
    else:  # the dense columns that are 0/1, and the indicators
        kd = layout.dense.shape[1]
        binary = [j for j in range(1, kd) if is_binary(sub_layout.dense[:, j])] + list(range(kd, k))
    if (
        not sub.converged
        or not np.all(np.isfinite(sub.params))
        or _perfectly_predicted(sub_outcome, sub.probabilities)
        or large_binary_coefficients(sub.params, binary)
    ):
        return cold, cost
    start = sub.params.copy()
    start[0] += intercept_shift
    return start, cost


def subsample_rows(outcome: np.ndarray, n_columns: int) -> tuple[slice | np.ndarray | None, float]:
    """The rows of a cold fit's subsample (see SUBSAMPLE_CONTROLS_PER_CASE), None where none
    keeps enough of the rarer outcome; and what to add to the subsample's intercept to make it
    a start for all rows."""
    n = len(outcome)
    events = float(outcome.sum())
    rare = min(events, n - events)
    if rare < SUBSAMPLE_CASES_PER_COLUMN * n_columns:
        return None, 0.0
    stride = min(SUBSAMPLE_STRIDE, int((n - rare) // (SUBSAMPLE_CONTROLS_PER_CASE * rare)))
    if stride >= SUBSAMPLE_MIN_STRIDE:
        rare_value = 1.0 if events <= n - events else 0.0
        keep = outcome == rare_value
        keep[np.flatnonzero(~keep)[::stride]] = True
        # The commoner outcome's odds in the subsample are 1/stride of those in all rows: the
        # events' log-odds, the intercept's part, are log(stride) too high where they are the
        # rarer outcome, too low where the non-events are.
        shift = float(np.log(stride))
        return np.flatnonzero(keep), -shift if rare_value == 1.0 else shift
    stride = min(SUBSAMPLE_STRIDE, int(rare // (SUBSAMPLE_EVENTS_PER_COLUMN * n_columns)))
    if stride < SUBSAMPLE_MIN_STRIDE:
        return None, 0.0
    return slice(0, n, stride), 0.0


def _newton(design, outcome, start, layout) -> _NewtonResult:
    """Newton-Raphson from `start` (see _fit_maximum_likelihood)."""
    params = np.array(start, dtype=np.float64)
    probabilities = np.empty(len(outcome))
    information, gradient = _newton_pass(design, outcome, params, probabilities, layout)
    _require_full_rank(information)
    passes = 1
    converged = False
    iterations = 0
    while iterations < MAX_ITERATIONS:
        iterations += 1
        try:
            step = equilibrated_solve(information, gradient)
        except np.linalg.LinAlgError:
            if _perfectly_predicted(outcome, probabilities):
                break
            raise CollinearDesign() from None
        if not np.all(np.isfinite(step)):
            break
        if step @ gradient < DECREMENT_TOLERANCE:
            # The last step is taken without another pass: X'WX and p at params differ from
            # those at params + step by far less than the digits kept, so the sandwich uses them.
            params = params + step
            converged = True
            break
        for _ in range(MAX_HALVINGS):
            candidate = params + step
            result = _newton_pass(design, outcome, candidate, probabilities, layout)
            passes += 1
            if np.all(np.isfinite(result[1])) and step @ result[1] >= -0.5 * (step @ gradient):
                break
            step = step / 2.0
        else:
            break
        params = candidate
        information, gradient = result
    return _NewtonResult(params, information, probabilities, converged, iterations, passes)


def _fit_firth(design, outcome, groups, start, kinds) -> LogitFit:
    """Firth's logit from `start`, or when None from where firth_start_after puts it after a
    maximum-likelihood fit (a few penalised iterations instead of a dozen where that is finite)."""
    if start is None:
        ml = _fit_maximum_likelihood(design, outcome, groups, None, (), with_loglik=False)
        binary = [j for j in range(1, design.shape[1]) if is_binary(design[:, j])]
        start = firth_start_after(ml, None, outcome, design.shape[1], binary)
    try:
        firth = fit_firth_logit(outcome, design, start=start)
    except np.linalg.LinAlgError:
        raise CollinearDesign() from None
    named = estimate_covariances(kinds, firth.information, design, firth.residuals, groups)
    messages = (
        [] if firth.converged else [f"the Firth iterations did not converge in {firth.iterations} steps"]
    )
    return LogitFit(
        firth.params,
        named,
        firth.converged,
        firth.iterations,
        firth.iterations + 1,
        groups.count,
        perfect_prediction=False,
        loglik=firth.loglik,
        messages=messages,
    )


def log_likelihood(design: np.ndarray, outcome: np.ndarray, params: np.ndarray) -> float:
    """sum y log p + (1 - y) log(1 - p), stable for large |x'b|, block by block."""
    total = 0.0
    for rows in row_blocks(len(outcome)):
        eta = design[rows] @ params
        # y log p + (1 - y) log(1 - p) = y eta - log(1 + e^eta), and log(1 + e^eta) =
        # max(eta, 0) + log1p(e^-|eta|): one logarithm a row where logaddexp twice takes two
        softplus = np.maximum(eta, 0.0) + np.log1p(np.exp(-np.abs(eta)))
        total += float(outcome[rows] @ eta - np.sum(softplus))
    return total


def inverse_logit(eta: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-eta))


def _newton_pass(
    design: np.ndarray,
    outcome: np.ndarray,
    params: np.ndarray,
    probabilities: np.ndarray,
    layout: _Layout | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """X'WX and the score X'(y - p) at params; leaves p in `probabilities`."""
    if layout is not None:
        return layout.newton_pass(outcome, params, probabilities)
    k = design.shape[1]
    products = _BlockProducts(k)
    totals = np.zeros((k + 1, k))
    for rows in row_blocks(len(outcome)):
        totals += products.of(design[rows], outcome[rows], params, probabilities[rows])
    # (X * w)'X is symmetric but for rounding in the last bit; the Newton step and the
    # covariances take it exactly symmetric.
    information = totals[:k]
    return (information + information.T) / 2.0, totals[k].copy()


class _BlockProducts:
    """A block's part of X'WX and of the score, from one product: [X * w, y - p]'X, whose last
    row is the score (one matrix product where a second would read the block again).

    X'WX is formed as (X * w)'X, not as (X * sqrt(w))'(X * sqrt(w)): one square root a row
    fewer. The block's linear predictor, weights and weighted columns are written into
    arrays kept for the whole pass instead of new ones for every block.
    """

    def __init__(self, k: int) -> None:
        self.k = k
        self.eta = np.empty(BLOCK_ROWS)
        # columns: X * w (k), the residuals y - p, the weights w
        self.left = np.empty((BLOCK_ROWS, k + 2), order="F")
        self.product = np.empty((k + 1, k))

    def of(
        self,
        block: np.ndarray,
        outcome: np.ndarray,
        params: np.ndarray,
        probabilities: np.ndarray,
        offset: np.ndarray | float | None = None,
    ) -> np.ndarray:
        """(k + 1) x k: the block's X'WX, then its score; p (from X b plus `offset`) left in
        `probabilities`, w and y - p in weights() and residuals() until the next block."""
        m, k = block.shape[0], self.k
        eta, left = self.eta[:m], self.left[:m]
        np.matmul(block, params, out=eta)
        if offset is not None:
            eta += offset
        # p = 1 / (1 + e^-eta); e^-eta overflows to inf for eta below -709: p = 0, as it should
        np.negative(eta, out=eta)
        with np.errstate(over="ignore"):
            np.exp(eta, out=eta)
        eta += 1.0
        np.divide(1.0, eta, out=probabilities)
        weights = left[:, k + 1]
        np.subtract(1.0, probabilities, out=weights)
        weights *= probabilities
        np.multiply(block, weights[:, None], out=left[:, :k])
        np.subtract(outcome, probabilities, out=left[:, k])
        np.matmul(left[:, : k + 1].T, block, out=self.product)
        return self.product

    def weighted(self, m: int) -> np.ndarray:
        return self.left[:m, : self.k]

    def residuals(self, m: int) -> np.ndarray:
        return self.left[:m, self.k]

    def weights(self, m: int) -> np.ndarray:
        return self.left[:m, self.k + 1]


class _Layout:
    """A design whose last m columns are indicators of m categories (at most one is 1 in a
    row), held as each row's category: their block of X'WX is diagonal (the sum of the
    weights in each category), their products with the other columns are sums of w x by
    category, and their part of x'b is the category's coefficient. A pass then costs what
    it costs on the other columns alone, where a decade's indicator among twenty would
    otherwise cost as much as any column, and the products of all of them (k^2) most.

    Rows sorted by category cost least: a block of one category adds its totals to that
    category's sums (category_blocks), where a block of several sums every column by category.
    """

    def __init__(self, dense: np.ndarray, category: np.ndarray, m: int) -> None:
        self.dense = dense  # n x (k - m): the other columns, intercept first
        self.category = category  # n: 0 .. m - 1 the indicator that is 1, m where none is
        self.m = m
        self.blocks = category_blocks(category)

    def newton_pass(
        self, outcome: np.ndarray, params: np.ndarray, probabilities: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        kd, m = self.dense.shape[1], self.m
        dense_params = params[:kd]
        category_params = np.append(params[kd:], 0.0)  # no indicator: no term
        dense_totals = np.zeros((kd + 1, kd))  # X'WX of the dense columns, then their score
        cross = np.zeros((m + 1, kd))  # category x dense column: sums of w x
        weights = np.zeros(m + 1)
        gradient = np.zeros(kd + m + 1)
        products = _BlockProducts(kd)
        for rows, single in self.blocks:
            block = self.dense[rows]
            n_rows = block.shape[0]
            category = self.category[rows] if single is None else single
            offset = category_params[category]
            dense_totals += products.of(block, outcome[rows], dense_params, probabilities[rows], offset)
            w, residuals = products.weights(n_rows), products.residuals(n_rows)
            if single is None:
                weighted = products.weighted(n_rows)
                for j in range(kd):
                    cross[:, j] += np.bincount(category, weights=weighted[:, j], minlength=m + 1)
                weights += np.bincount(category, weights=w, minlength=m + 1)
                gradient[kd:] += np.bincount(category, weights=residuals, minlength=m + 1)
            else:
                cross[single] += w @ block
                weights[single] += w.sum()
                gradient[kd + single] += residuals.sum()
        dense_information = dense_totals[:kd]
        gradient[:kd] = dense_totals[kd]
        information = np.empty((kd + m, kd + m))
        information[:kd, :kd] = (dense_information + dense_information.T) / 2.0
        information[kd:, :kd] = cross[:m]
        information[:kd, kd:] = cross[:m].T
        information[kd:, kd:] = np.diag(weights[:m])
        return information, gradient[: kd + m]


def equilibrated_solve(information: np.ndarray, gradient: np.ndarray) -> np.ndarray:
    """The Newton step, solved with X'WX scaled to unit diagonal (see equilibrated_inverse)."""
    diagonal = np.diag(information)
    if not np.all(diagonal > 0):
        return np.linalg.solve(information, gradient)
    scale = 1.0 / np.sqrt(diagonal)
    return scale * np.linalg.solve(information * np.outer(scale, scale), gradient * scale)


def _require_full_rank(information: np.ndarray) -> None:
    """Collinear regressors make X'WX singular at any point; scaled to unit diagonal, its
    smallest eigenvalue shows it whatever the regressors' units (peace_years_cu runs to 10^7)."""
    diagonal = np.diag(information)
    if np.any(diagonal <= 0) or not np.all(np.isfinite(information)):
        raise CollinearDesign()
    scale = 1.0 / np.sqrt(diagonal)
    if np.linalg.eigvalsh(information * np.outer(scale, scale))[0] < COLLINEARITY_EIGENVALUE:
        raise CollinearDesign()


def _perfectly_predicted(outcome: np.ndarray, probabilities: np.ndarray) -> bool:
    # Where any row is not predicted, the first few usually show it without a pass over all.
    head = slice(0, 64)
    if not np.all(np.abs(outcome[head] - probabilities[head]) < PERFECT_PREDICTION):
        return False
    return bool(np.all(np.abs(outcome - probabilities) < PERFECT_PREDICTION))

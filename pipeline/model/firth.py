"""Firth's penalised-likelihood logit (Firth 1993), by scoring steps with Anderson acceleration.

Maximises l(b) + 1/2 log|X'WX|. The penalty removes the O(1/n) bias of maximum
likelihood, which matters for rare events, and keeps the estimates finite when the
data are separated (where maximum likelihood runs off to infinity).

The iterations run on the regressors divided by their largest absolute value, and the
results are mapped back to the columns as given: Firth's estimates are equivariant under
such a rescaling (the penalty changes by a constant), but unscaled columns such as peace
years cubed (up to 10^7 beside an intercept of 1) make X'WX so ill-conditioned that its
Cholesky factor fails or the steps drown in rounding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dpeace.model.blocks import row_blocks

MAX_STEP_HALVINGS = 30
# A step to where X'WX is numerically singular is first cut so that no coefficient of the
# scaled columns moves by more than this (after logistf's maxstep), then halved: where X'WX is nearly singular in one direction
# (a start out where maximum likelihood ran off) the full step there is astronomically
# long, and halving alone would not bring it back within thirty tries.
MAX_STEP = 5.0
ROUNDING_TOLERANCE = 1e-8
# Converged when the scoring decrement U' (X'WX)^-1 U falls below this: the scoring step is
# then a ten-billionth of a standard error long, and the accelerated iterations leave the
# estimates within about that of the maximum (a plain scoring iteration, converging
# linearly, would leave them up to 1/(1 - rate) times as far).
DECREMENT_TOLERANCE = 1e-20
# Below ROUNDING_TOLERANCE: iterations without a new low of the decrement (by half) after
# which what is left is rounding.
ROUNDING_STALLS = 3
# The scoring steps Anderson acceleration combines.
ANDERSON_DEPTH = 5
# A cold fit of rare events first fits every event and every s-th non-event, s at most
# CASE_CONTROL_STRIDE and such that CASE_CONTROL_RATIO non-events remain for each event, to
# this looser tolerance (see _case_control_start).
CASE_CONTROL_STRIDE = 16
CASE_CONTROL_RATIO = 50
CASE_CONTROL_TOLERANCE = 1e-8


@dataclass(frozen=True)
class FirthFit:
    params: np.ndarray
    information: np.ndarray  # X'WX at the estimates; its inverse is the model-based covariance
    # each row's residual in the penalised score (y - p + h (1/2 - p)) at the estimates:
    # the score contributions are design * residuals[:, None]
    residuals: np.ndarray
    loglik: float  # ordinary log-likelihood at the penalised estimates
    penalized_loglik: float
    converged: bool
    iterations: int


@dataclass(frozen=True)
class PenalisedPoint:
    params: np.ndarray
    probabilities: np.ndarray
    information: np.ndarray
    cholesky: np.ndarray  # lower-triangular L with L L' = information
    loglik: float
    penalized_loglik: float


def fit_firth_logit(
    outcome: np.ndarray,
    design: np.ndarray,
    max_iterations: int = 100,
    tolerance: float = DECREMENT_TOLERANCE,
    start: np.ndarray | None = None,
    case_control: bool = True,
) -> FirthFit:
    """Penalised estimates for a design whose first column is the intercept.

    Each iteration takes the scoring step I^-1 U (I = X'WX, U the penalised score), which
    alone converges only linearly: I is the curvature of the likelihood, not of the
    penalised likelihood, whose penalty bends it most in the separated directions where
    the likelihood is flat. Anderson acceleration (Walker and Ni 2011) combines the last
    ANDERSON_DEPTH steps into one that cancels those slow directions, as a multisecant
    quasi-Newton step, at no cost in passes; a combined step that lowers the penalised
    likelihood is replaced by the plain step, halved until it rises.

    Converged means the scoring decrement U' I^-1 U fell below `tolerance` (a criterion
    that does not depend on the scale of the regressors: peace_years_cu runs to 10^7).
    Where the decrement stops falling below ROUNDING_TOLERANCE, rounding rather than the
    estimates is what is left, and that counts as converged too. Below
    ROUNDING_TOLERANCE the steps are taken without the line search: so close to the
    maximum the penalised likelihood cannot tell the points apart. `start` (the
    maximum-likelihood estimates, which differ by O(1/n)) saves most iterations; by
    default the intercept starts at the log-odds of the outcome's mean.
    """
    y = np.asarray(outcome, dtype=float)
    scale = column_scales(np.asarray(design, dtype=float))
    X = np.asarray(design, dtype=float) / scale
    cold = np.zeros(X.shape[1])
    mean = np.clip(y.mean(), 1e-6, 1 - 1e-6)
    cold[0] = np.log(mean / (1 - mean))
    point = evaluate(cold, y, X)
    if start is not None:
        # A start from maximum likelihood on separated data sits far out (a coefficient of
        # -50, where X'WX is nearly singular and the penalty near minus infinity): it is
        # taken only if it beats the cold start.
        warm = _evaluated_or_none(np.asarray(start, dtype=float) * scale, y, X)
        if warm is not None and warm.penalized_loglik > point.penalized_loglik:
            point = warm
    if case_control and np.array_equal(point.params, cold):
        subsampled = _case_control_start(y, X)
        if subsampled is not None and subsampled.penalized_loglik > point.penalized_loglik:
            point = subsampled
    history = _AndersonHistory()
    smallest, stalled = np.inf, 0

    for iteration in range(1, max_iterations + 1):
        hat, score = hat_and_score(point, X, y)
        step = _cholesky_solve(point.cholesky, score)
        decrement = score @ step
        if decrement < tolerance:
            return _result(point, y, X, scale, hat, converged=True, iterations=iteration - 1)
        if decrement < ROUNDING_TOLERANCE:
            # Accelerated steps need not lower the decrement every time; rounding shows as a
            # decrement that has not reached a new low in ROUNDING_STALLS iterations.
            stalled = 0 if decrement < smallest / 2 else stalled + 1
            smallest = min(smallest, decrement)
            if stalled >= ROUNDING_STALLS:
                return _result(point, y, X, scale, hat, converged=True, iterations=iteration - 1)
        close = decrement < ROUNDING_TOLERANCE
        combined = history.combined(point.params, step, point.cholesky)
        candidate = None
        if combined is not None:
            candidate = _evaluated_or_none(combined, y, X)
            if candidate is None or not (close or candidate.penalized_loglik >= point.penalized_loglik):
                candidate = None
                history.clear()
        if candidate is None:
            candidate, halved = _scoring_step(point, step, y, X, close)
            if candidate is None:
                return _result(
                    point,
                    y,
                    X,
                    scale,
                    hat,
                    converged=bool(decrement < ROUNDING_TOLERANCE),
                    iterations=iteration,
                )
            if halved:
                history.clear()
        point = candidate

    hat, _ = hat_and_score(point, X, y)
    return _result(point, y, X, scale, hat, converged=False, iterations=max_iterations)


def _case_control_start(y: np.ndarray, X: np.ndarray) -> PenalisedPoint | None:
    """A start for rare events: the penalised fit to every event and every s-th non-event
    (CASE_CONTROL_STRIDE), its intercept lowered by log s, evaluated on all rows.

    Dropping non-events at random leaves a logit's slopes and raises its intercept by
    log s (Prentice and Pyke 1979); the penalty, stronger on fewer rows, moves the
    estimates a little, so this is a start, not the answer. None when the events are not rare
    enough for it to pay, or its fit fails."""
    events = int(y.sum())
    stride = min(CASE_CONTROL_STRIDE, (len(y) - events) // max(events * CASE_CONTROL_RATIO, 1))
    if events == 0 or stride < 4:
        return None
    non_events = np.flatnonzero(y == 0)
    rows = np.sort(np.concatenate([np.flatnonzero(y == 1), non_events[::stride]]))
    try:
        sub = fit_firth_logit(y[rows], X[rows], tolerance=CASE_CONTROL_TOLERANCE, case_control=False)
    except np.linalg.LinAlgError:
        return None
    if not sub.converged or not np.all(np.isfinite(sub.params)):
        return None
    params = sub.params.copy()  # X is scaled: its columns' largest values are 1, so no rescaling
    params[0] -= np.log(stride)
    return _evaluated_or_none(params, y, X)


def _scoring_step(
    point: PenalisedPoint, step: np.ndarray, y: np.ndarray, X: np.ndarray, close: bool
) -> tuple[PenalisedPoint | None, bool]:
    """The point after the scoring step, halved (or first cut to MAX_STEP) until the
    penalised likelihood rises (at once when `close`); None if no halving does; and
    whether it was halved."""
    for halving in range(MAX_STEP_HALVINGS):
        candidate = _evaluated_or_none(point.params + step, y, X)
        if candidate is not None and (close or candidate.penalized_loglik >= point.penalized_loglik):
            return candidate, halving > 0
        longest = float(np.max(np.abs(step)))
        if candidate is None and longest > 2 * MAX_STEP:
            step = step * (MAX_STEP / longest)
        else:
            step = step / 2
    return None, True


class _AndersonHistory:
    """The last ANDERSON_DEPTH scoring steps f_t and the points g_t = b_t + f_t they lead to.

    The combined point is g_t - dG gamma, gamma minimising |f_t - dF gamma| in the metric
    of X'WX (so that it does not depend on the regressors' units), dF and dG the
    differences of successive f and g (type-II Anderson acceleration)."""

    def __init__(self) -> None:
        self.steps: list[np.ndarray] = []
        self.points: list[np.ndarray] = []

    def clear(self) -> None:
        self.steps.clear()
        self.points.clear()

    def combined(self, params: np.ndarray, step: np.ndarray, cholesky: np.ndarray) -> np.ndarray | None:
        self.steps.append(step)
        self.points.append(params + step)
        if len(self.steps) > ANDERSON_DEPTH + 1:
            self.steps.pop(0)
            self.points.pop(0)
        if len(self.steps) < 2:
            return None
        step_changes = np.diff(np.column_stack(self.steps), axis=1)
        point_changes = np.diff(np.column_stack(self.points), axis=1)
        metric = cholesky.T  # |v| in the metric of X'WX = L L' is |L' v|
        gamma, *_ = np.linalg.lstsq(metric @ step_changes, metric @ step, rcond=None)
        combined = self.points[-1] - point_changes @ gamma
        return combined if np.all(np.isfinite(combined)) else None


def column_scales(X: np.ndarray) -> np.ndarray:
    """Each column's largest absolute value (1 for the intercept and for all-zero columns)."""
    scale = np.max(np.abs(X), axis=0) if len(X) else np.ones(X.shape[1])
    scale[0] = 1.0
    scale[~(scale > 0) | ~np.isfinite(scale)] = 1.0
    return scale


def _evaluated_or_none(params: np.ndarray, y: np.ndarray, X: np.ndarray) -> PenalisedPoint | None:
    """The point, or None where X'WX is numerically singular there (a step too far out,
    where the weights of nearly every row underflow): the step is halved like one that
    lowers the penalised likelihood."""
    try:
        return evaluate(params, y, X)
    except np.linalg.LinAlgError:
        return None


def evaluate(params: np.ndarray, y: np.ndarray, X: np.ndarray) -> PenalisedPoint:
    """Probabilities, information and (penalised) log-likelihood at `params`, in one pass
    over X by blocks of rows (blocks.py)."""
    n, k = X.shape
    probabilities = np.empty(n)
    information = np.zeros((k, k))
    loglik = 0.0
    with np.errstate(over="ignore"):  # e^-eta overflows to inf for eta below -709: p = 0
        for rows in row_blocks(n):
            block = X[rows]
            eta = block @ params
            p = 1.0 / (1.0 + np.exp(-eta))
            probabilities[rows] = p
            information += (block * (p * (1.0 - p))[:, None]).T @ block
            # y log p + (1 - y) log(1 - p) = y eta - log(1 + e^eta), and log(1 + e^eta) =
            # max(eta, 0) + log1p(e^-|eta|), stable for large |eta| (four times as fast as logaddexp)
            softplus = np.maximum(eta, 0.0) + np.log1p(np.exp(-np.abs(eta)))
            loglik += float(y[rows] @ eta - np.sum(softplus))
    information = (information + information.T) / 2.0
    cholesky = np.linalg.cholesky(information)
    log_determinant = 2.0 * float(np.sum(np.log(np.diag(cholesky))))
    return PenalisedPoint(
        params, probabilities, information, cholesky, loglik, loglik + 0.5 * log_determinant
    )


def hat_and_score(point: PenalisedPoint, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hat diagonal (hat_diagonal) and the penalised score X'(y - p + h (1/2 - p)), in
    one pass over X."""
    weights = point.probabilities * (1.0 - point.probabilities)
    inverse_transposed = np.linalg.inv(point.cholesky).T
    ones = np.ones(X.shape[1])
    hat = np.empty(len(weights))
    score = np.zeros(X.shape[1])
    for rows in row_blocks(len(hat)):
        block = X[rows]
        solved = block @ inverse_transposed
        np.multiply(solved, solved, out=solved)
        hat[rows] = weights[rows] * (solved @ ones)
        p = point.probabilities[rows]
        score += block.T @ (y[rows] - p + hat[rows] * (0.5 - p))
    return hat, score


def hat_diagonal(point: PenalisedPoint, X: np.ndarray) -> np.ndarray:
    """Diagonal of W^1/2 X (X'WX)^-1 X' W^1/2, in O(n k^2) without forming the n x n matrix:
    h_i = w_i x_i' (X'WX)^-1 x_i, block by block."""
    weights = point.probabilities * (1.0 - point.probabilities)
    # h_i = w_i x_i' (L L')^-1 x_i = w_i |L^-1 x_i|^2: with M = L^-1 (k x k, once), the rows
    # of X M' squared and summed, times the weights, block by block
    inverse_transposed = np.linalg.inv(point.cholesky).T
    ones = np.ones(X.shape[1])
    hat = np.empty(len(weights))
    for rows in row_blocks(len(hat)):
        solved = X[rows] @ inverse_transposed
        np.multiply(solved, solved, out=solved)
        hat[rows] = weights[rows] * (solved @ ones)
    return hat


def _cholesky_solve(lower: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.linalg.solve(lower.T, np.linalg.solve(lower, right))


def _result(
    point: PenalisedPoint,
    y: np.ndarray,
    X: np.ndarray,
    scale: np.ndarray,
    hat: np.ndarray,
    converged: bool,
    iterations: int,
) -> FirthFit:
    """The fit for the columns as given: X = design / scale, so b = b_scaled / scale,
    X'WX = D (X_scaled' W X_scaled) D with D = diag(scale), and the penalty's log-determinant
    grows by 2 sum log(scale); probabilities, residuals and the log-likelihood are unchanged."""
    residuals = y - point.probabilities + hat * (0.5 - point.probabilities)
    return FirthFit(
        params=point.params / scale,
        information=point.information * np.outer(scale, scale),
        residuals=residuals,
        loglik=point.loglik,
        penalized_loglik=point.penalized_loglik + float(np.sum(np.log(scale))),
        converged=converged,
        iterations=iterations,
    )

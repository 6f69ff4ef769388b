"""Firth's penalised-likelihood logit (Firth 1993), by Newton-Raphson.

Maximises l(b) + 1/2 log|X'WX|. The penalty removes the O(1/n) bias of maximum
likelihood, which matters for rare events, and keeps the estimates finite when the
data are separated (where maximum likelihood runs off to infinity).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dpeace.model.blocks import row_blocks

MAX_STEP_HALVINGS = 30
ROUNDING_TOLERANCE = 1e-8


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
    tolerance: float = 1e-16,
    start: np.ndarray | None = None,
) -> FirthFit:
    """Penalised estimates for a design whose first column is the intercept.

    Converged means the Newton decrement U' I^-1 U fell below `tolerance`: a criterion
    that does not depend on the scale of the regressors (peace_years_cu runs to 10^7).
    When rounding stops any step from raising the penalised likelihood first, a
    decrement below ROUNDING_TOLERANCE also counts as converged. Once the decrement is
    that small the steps are taken without the line search, while the decrement keeps
    falling: so close to the maximum the penalised likelihood cannot tell the points
    apart, and halving a step it cannot see rise would cost thirty passes for nothing. `start` (the maximum-likelihood
    estimates, which differ by O(1/n)) saves most iterations; by default the intercept
    starts at the log-odds of the outcome's mean.
    """
    y = np.asarray(outcome, dtype=float)
    X = np.asarray(design, dtype=float)
    if start is None:
        start = np.zeros(X.shape[1])
        mean = np.clip(y.mean(), 1e-6, 1 - 1e-6)
        start[0] = np.log(mean / (1 - mean))
    point = evaluate(np.asarray(start, dtype=float), y, X)
    previous_decrement = np.inf

    for iteration in range(1, max_iterations + 1):
        hat = hat_diagonal(point, X)
        score = X.T @ (y - point.probabilities + hat * (0.5 - point.probabilities))
        step = _cholesky_solve(point.cholesky, score)
        decrement = score @ step
        if decrement < tolerance:
            return _result(point, y, X, hat, converged=True, iterations=iteration - 1)
        if decrement < ROUNDING_TOLERANCE:
            if decrement >= previous_decrement:  # rounding, not the estimates, is what is left
                return _result(point, y, X, hat, converged=True, iterations=iteration - 1)
            previous_decrement = decrement
            point = evaluate(point.params + step, y, X)
            continue
        candidate = evaluate(point.params + step, y, X)
        for _ in range(MAX_STEP_HALVINGS):
            if candidate.penalized_loglik >= point.penalized_loglik:
                break
            step = step / 2
            candidate = evaluate(point.params + step, y, X)
        else:
            return _result(
                point, y, X, hat, converged=bool(decrement < ROUNDING_TOLERANCE), iterations=iteration
            )
        point = candidate

    hat = hat_diagonal(point, X)
    return _result(point, y, X, hat, converged=False, iterations=max_iterations)


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
    point: PenalisedPoint, y: np.ndarray, X: np.ndarray, hat: np.ndarray, converged: bool, iterations: int
) -> FirthFit:
    residuals = y - point.probabilities + hat * (0.5 - point.probabilities)
    return FirthFit(
        params=point.params,
        information=point.information,
        residuals=residuals,
        loglik=point.loglik,
        penalized_loglik=point.penalized_loglik,
        converged=converged,
        iterations=iterations,
    )

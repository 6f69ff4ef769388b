"""Maximum-likelihood logit by Newton-Raphson in numpy, with a dyad-clustered sandwich.

Written for speed over a million rows: each Newton step is one pass over the design in
blocks that stay in cache (X'WX by BLAS on each block), so a fit costs a few passes; the
caller passes a warm start from a related fit. Blocks are summed in a fixed order, so
the same inputs give the same bits on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit

BLOCK_ROWS = 8192
MAX_ITERATIONS = 50
MAX_HALVINGS = 30
# statsmodels' tolerance. Newton converges quadratically, so after a step this small the
# estimates are exact to far more digits than the results keep.
STEP_TOLERANCE = 1e-8


@dataclass(frozen=True)
class LogitFit:
    params: np.ndarray
    covariance: np.ndarray | None  # clustered by dyad; None when not converged
    converged: bool
    iterations: int
    passes: int  # passes over the data, halved steps included
    n_clusters: int


class CollinearDesign(Exception):
    """X'WX is singular: some regressors are linear combinations of others in the sample."""


def cold_start(outcome: np.ndarray, n_columns: int) -> np.ndarray:
    """Intercept at the log-odds of the outcome's mean, everything else zero."""
    start = np.zeros(n_columns)
    rate = outcome.mean()
    start[0] = np.log(rate / (1.0 - rate))
    return start


def fit_logit(
    design: np.ndarray, outcome: np.ndarray, cluster_starts: np.ndarray, start: np.ndarray
) -> LogitFit:
    """Newton-Raphson from `start`; design is n x k (intercept first), Fortran order.

    The log-likelihood is concave, so along a step it rises while its slope (the score at
    the new point times the step) stays positive. A step after which that slope has fallen
    below minus half its value at the start has overshot the maximum (for a quadratic it
    would have lowered the likelihood) and is halved. This needs no log-likelihood, whose
    logarithms would cost a third of every pass. cluster_starts are the first row of each
    dyad (rows are grouped by dyad).
    """
    params = np.array(start, dtype=np.float64)
    probabilities = np.empty(len(outcome))
    information, gradient = _newton_pass(design, outcome, params, probabilities)
    passes = 1
    for iteration in range(1, MAX_ITERATIONS + 1):
        try:
            step = np.linalg.solve(information, gradient)
        except np.linalg.LinAlgError:
            raise CollinearDesign() from None
        if not np.all(np.isfinite(step)):
            break
        if np.max(np.abs(step)) < STEP_TOLERANCE:
            # The last step is taken without another pass: X'WX and p at params differ from
            # those at params + step by far less than the digits kept, so the sandwich uses them.
            covariance = _clustered_covariance(design, outcome - probabilities, information, cluster_starts)
            return LogitFit(params + step, covariance, True, iteration, passes, len(cluster_starts))
        for _ in range(MAX_HALVINGS):
            candidate = params + step
            result = _newton_pass(design, outcome, candidate, probabilities)
            passes += 1
            if np.all(np.isfinite(result[1])) and step @ result[1] >= -0.5 * (step @ gradient):
                break
            step = step / 2.0
        else:
            break
        params = candidate
        information, gradient = result
    return LogitFit(params, None, False, iteration, passes, len(cluster_starts))


def _newton_pass(
    design: np.ndarray, outcome: np.ndarray, params: np.ndarray, probabilities: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """X'WX and the score X'(y - p) at params; leaves p in `probabilities`."""
    k = design.shape[1]
    information = np.zeros((k, k))
    gradient = np.zeros(k)
    for first in range(0, len(outcome), BLOCK_ROWS):
        block = design[first : first + BLOCK_ROWS]
        p = expit(block @ params)
        probabilities[first : first + BLOCK_ROWS] = p
        weighted = block * np.sqrt(p * (1.0 - p))[:, None]
        information += weighted.T @ weighted
        gradient += block.T @ (outcome[first : first + BLOCK_ROWS] - p)
    return information, gradient


def _clustered_covariance(
    design: np.ndarray, residuals: np.ndarray, information: np.ndarray, cluster_starts: np.ndarray
) -> np.ndarray:
    """bread^-1 (sum over dyads of s_g s_g') bread^-1 with statsmodels' cluster correction.

    The same estimator as dpeace.model.cluster.cluster_robust_covariance (factor
    G/(G-1) * (n-1)/(n-k)), with the per-dyad score sums taken by reduceat over rows
    already grouped by dyad instead of a sort of a million cluster ids.
    """
    n, k = design.shape
    n_clusters = len(cluster_starts)
    if n_clusters < 2:
        raise ValueError("clustered standard errors need at least two dyads")
    cluster_scores = np.column_stack(
        [np.add.reduceat(design[:, j] * residuals, cluster_starts) for j in range(k)]
    )
    bread_inverse = np.linalg.inv(information)
    meat = cluster_scores.T @ cluster_scores
    correction = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    return correction * bread_inverse @ meat @ bread_inverse

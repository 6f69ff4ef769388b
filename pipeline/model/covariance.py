"""The dyadic-robust covariance of Aronow, Samii and Assenova (2015).

"Cluster-robust variance estimation for dyadic data", Political Analysis 23(4): 564-577.
Clustering by dyad lets the rows of one dyad be correlated; the dyadic-robust estimator
also lets any two rows be correlated whose dyads share at least one state, in any years
(France-Germany 1900 and France-Italy 1950 included), so that a state's shocks may touch
every pair it belongs to. It is bread^-1 meat bread^-1, with bread the information X'WX
(or its penalised analogue) at the estimates and the meat the sum of s_r s_q' over every
ordered pair of rows (r, q) whose dyads share a state, r = q included, where s_r is row
r's contribution to the estimating equations.

Finite-sample handling. The factor is statsmodels' cluster correction
N/(N-1) * (n-1)/(n-k) with N the number of states in the sample, the units whose
independence the estimator assumes, so that it reads beside the dyad-clustered errors
(which carry the same factor with the number of dyads). Aronow, Samii and Assenova's own
estimator (and the dyadRobust R package built on their replication code) applies none:
ours is larger by that factor, about 1.005 for the 200 states of the real data. The meat
is a sum of cross-products minus others and, unlike a clustered meat, need not be positive
semi-definite in small samples: a non-positive variance is returned as it is, and
`standard_errors` reports its standard error as missing (NaN) rather than as a number.
"""

from __future__ import annotations

import numpy as np


def dyadic_robust_covariance(
    bread_inverse: np.ndarray, scores: np.ndarray, state1: np.ndarray, state2: np.ndarray
) -> np.ndarray:
    """The covariance from each row's scores (n x k) and the two states of its dyad.

    A row's dyad is {state1, state2} in either order: a directed dyad-year and its reverse
    belong to the same dyad.
    """
    state1 = np.asarray(state1)
    state2 = np.asarray(state2)
    if len(state1) != len(scores) or len(state2) != len(scores):
        raise ValueError("every row of the scores needs the two states of its dyad")
    if np.any(state1 == state2):
        raise ValueError("a dyad joins two different states; some rows name the same state twice")
    n, k = scores.shape
    low, high = np.minimum(state1, state2), np.maximum(state1, state2)
    pairs, dyad_index = np.unique(np.column_stack([low, high]), axis=0, return_inverse=True)
    dyad_sums = np.column_stack(
        [np.bincount(dyad_index.ravel(), weights=scores[:, j], minlength=len(pairs)) for j in range(k)]
    )
    meat, n_states = dyadic_robust_meat(dyad_sums, pairs[:, 0], pairs[:, 1])
    return finite_sample_factor(n_states, n, k) * bread_inverse @ meat @ bread_inverse


def dyadic_robust_meat(
    dyad_sums: np.ndarray, dyad_state1: np.ndarray, dyad_state2: np.ndarray
) -> tuple[np.ndarray, int]:
    """The meat and the number of states, from each dyad's score sum (G x k) and its two states.

    Computed without the n^2 pairs of rows: two rows of one dyad share two states, rows of
    dyads that meet in one state share one, so summing over states the outer product of
    each state's score sum (the sum over the dyads it belongs to) counts every pair of rows
    by the number of states its dyads share; the pairs within a dyad, counted twice there,
    are taken off once (the dyad-clustered meat). With S_i the score sum of state i and D_d
    that of dyad d: meat = sum_i S_i S_i' - sum_d D_d D_d'. The dyads must be distinct.
    """
    states, index = np.unique(np.concatenate([dyad_state1, dyad_state2]), return_inverse=True)
    n_states = len(states)
    if n_states < 3:
        raise ValueError("dyadic-robust standard errors need at least three states")
    n_dyads = len(dyad_sums)
    state_sums = np.zeros((n_states, dyad_sums.shape[1]))
    np.add.at(state_sums, index[:n_dyads], dyad_sums)
    np.add.at(state_sums, index[n_dyads:], dyad_sums)
    return state_sums.T @ state_sums - dyad_sums.T @ dyad_sums, n_states


def finite_sample_factor(n_units: int, n: int, k: int) -> float:
    """statsmodels' cluster correction G/(G-1) * (n-1)/(n-k), here with G the states."""
    return n_units / (n_units - 1) * (n - 1) / (n - k)


def standard_errors(covariance: np.ndarray) -> np.ndarray:
    """Square roots of the variances; NaN where a variance is not positive (see the module)."""
    variances = np.diag(covariance).copy()
    variances[~(variances > 0)] = np.nan
    return np.sqrt(variances)

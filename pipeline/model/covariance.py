"""Every covariance estimator of the estimation engine, in one place.

A covariance is computed from what the fit leaves behind: the information X'WX at the
estimates (the bread), the design, and each row's residual in the estimating equations
(y - p for maximum likelihood, Firth's modified residual for the penalised fit). Each
estimator is registered under the name the results carry (`COVARIANCE_ESTIMATORS`), so
that a fit can hold several named covariances side by side and the results store a
standard error of each kind.

The kinds:
- `clustered`: rows of one cluster may be correlated (clusters are dyads in the dyad
  tables, states in state_years);
- `dyadic_robust` (Aronow, Samii and Assenova 2015, "Cluster-robust variance estimation
  for dyadic data", Political Analysis 23(4): 564-577): any two rows may be correlated
  whose dyads share at least one state, in any years (France-Germany 1900 and
  France-Italy 1950 included), so that a state's shocks may touch every pair it belongs
  to. The meat is the sum of s_r s_q' over every ordered pair of rows (r, q) whose dyads
  share a state, r = q included.

Finite-sample handling. Both take statsmodels' cluster factor G/(G-1) * (n-1)/(n-k): G
clusters for `clustered` (so that it equals statsmodels' own), and for `dyadic_robust` G
the number of states in the sample, the units whose independence it assumes, so that it
reads beside the clustered errors. Aronow, Samii and Assenova's own estimator (and the
dyadRobust R package built on their replication code) applies none: ours is larger by that
factor, about 1.005 for the 200 states of the real data. The dyadic meat is a sum of
cross-products minus others and, unlike a clustered meat, need not be positive
semi-definite in small samples; as Cameron, Gelbach and Miller (2011, "Robust Inference
with Multiway Clustering", JBES 29(2), section 2.3) do for multiway clustering, the
covariance's negative eigenvalues are then set to zero, so that every variance is a
variance. `standard_errors` reports a standard error as missing (NaN) where a variance is
still not positive, never as a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from dpeace.model.indicators import Indicators

# The covariance the results report as `se` unless another kind is asked for.
DEFAULT_COVARIANCE = "clustered"


@dataclass(frozen=True)
class ClusterGroups:
    """Which rows form one cluster (a dyad, or a state), in a form that sums fast.

    Rows of one cluster need not be adjacent: `order` (None when they are) puts them
    together, and `starts` are the first positions of each cluster in that order. Or, with
    `run_cluster`, a cluster's rows form several runs (the curve's rows sorted by period
    and by dyad within a period): `starts` are the runs' first rows, `run_cluster` each
    run's cluster, and a cluster's sum is the sum of its runs'.
    """

    starts: np.ndarray
    order: np.ndarray | None = None
    # G x 2: the two states of each cluster when the clusters are dyads (for the dyadic-robust
    # covariance); None when they are not.
    states: np.ndarray | None = None
    # G x 2: the same states numbered 0 .. n_states - 1, so that the dyadic meat sums by state
    # without sorting the states again for every fit that shares these clusters.
    state_index: np.ndarray | None = None
    n_states: int = 0
    # each run's cluster, 0 .. G - 1 (every number present); None when each run is a cluster
    run_cluster: np.ndarray | None = None

    @classmethod
    def from_starts(cls, starts: np.ndarray) -> ClusterGroups:
        """Rows already grouped by cluster; `starts` holds each cluster's first row."""
        return cls(np.asarray(starts, dtype=np.int64))

    @classmethod
    def from_runs(cls, starts: np.ndarray, run_cluster: np.ndarray) -> ClusterGroups:
        """Rows in runs of one cluster each, a cluster's runs not necessarily adjacent:
        `starts` holds each run's first row, `run_cluster` its cluster numbered from 0."""
        starts, run_cluster = np.asarray(starts, dtype=np.int64), np.asarray(run_cluster, dtype=np.intp)
        if len(starts) != len(run_cluster):
            raise ValueError(f"{len(run_cluster)} clusters given for {len(starts)} runs")
        present = np.bincount(run_cluster, minlength=1)
        if len(run_cluster) and (run_cluster.min() < 0 or not np.all(present > 0)):
            raise ValueError("the runs' clusters must be numbered 0, 1, ... without a gap")
        return cls(starts, run_cluster=run_cluster)

    @classmethod
    def from_ids(cls, ids: np.ndarray) -> ClusterGroups:
        """One cluster id per row, in any order."""
        ids = np.asarray(ids)
        if len(ids) == 0:
            return cls(np.zeros(0, dtype=np.int64))
        if np.all(ids[1:] >= ids[:-1]):
            return cls(np.flatnonzero(np.concatenate([[True], ids[1:] != ids[:-1]])))
        order = np.argsort(ids, kind="stable")
        ordered = ids[order]
        return cls(np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]])), order)

    @classmethod
    def from_dyads(cls, state1: np.ndarray, state2: np.ndarray) -> ClusterGroups:
        """One cluster per dyad {state1, state2}, in either order (a directed dyad-year and its
        reverse are one dyad), the clusters knowing their states."""
        state1, state2 = np.asarray(state1), np.asarray(state2)
        if np.any(state1 == state2):
            raise ValueError("a dyad joins two different states; some rows name the same state twice")
        low, high = np.minimum(state1, state2), np.maximum(state1, state2)
        return cls.from_ids(low * (int(high.max(initial=0)) + 1) + high).with_states(low, high)

    def with_states(self, state1: np.ndarray, state2: np.ndarray) -> ClusterGroups:
        """The same clusters (dyads), knowing each one's two states from its rows' state1, state2."""
        first_runs = (
            slice(None) if self.run_cluster is None else np.unique(self.run_cluster, return_index=True)[1]
        )
        first_rows = (self.starts if self.order is None else self.order[self.starts])[first_runs]
        return self.with_cluster_states(np.asarray(state1)[first_rows], np.asarray(state2)[first_rows])

    def with_cluster_states(self, state1: np.ndarray, state2: np.ndarray) -> ClusterGroups:
        """The same clusters (dyads), knowing each one's two states (one of each per cluster)."""
        states = np.column_stack([state1, state2])
        numbers, index = np.unique(states, return_inverse=True)
        return replace(self, states=states, state_index=index.reshape(states.shape), n_states=len(numbers))

    @property
    def count(self) -> int:
        if self.run_cluster is None:
            return len(self.starts)
        return int(self.run_cluster.max(initial=-1)) + 1

    def sums(
        self, design: np.ndarray, residuals: np.ndarray, indicators: Indicators | None = None
    ) -> np.ndarray:
        """G x k: each cluster's score sum, sum over its rows of x_i * residual_i; the columns
        of `indicators` (after the design's) summed by category, without writing them out."""
        if self.order is not None:
            design, residuals = design[self.order], residuals[self.order]
            indicators = None if indicators is None else indicators.rows(self.order)
        # Column by column: on a million rows this beats one reduceat over the n x k product.
        sums = np.column_stack(
            [np.add.reduceat(design[:, j] * residuals, self.starts) for j in range(design.shape[1])]
        )
        count = self.count
        if self.run_cluster is not None:  # the runs' sums added up by cluster
            sums = np.column_stack(
                [
                    np.bincount(self.run_cluster, weights=sums[:, j], minlength=count)
                    for j in range(sums.shape[1])
                ]
            )
        if indicators is None:
            return sums
        # an indicator's score in a cluster: the residuals of the cluster's rows in its category
        width = indicators.count + 1
        lengths = np.diff(np.append(self.starts, len(residuals)))
        cluster_of_run = np.arange(len(self.starts)) if self.run_cluster is None else self.run_cluster
        cell = np.repeat(cluster_of_run * width, lengths) + indicators.category
        by_category = np.bincount(cell, weights=residuals, minlength=count * width)
        return np.hstack([sums, by_category.reshape(count, width)[:, : indicators.count]])


def estimate_covariances(
    kinds: tuple[str, ...],
    information: np.ndarray,
    design: np.ndarray,
    residuals: np.ndarray,
    groups: ClusterGroups,
    indicators: Indicators | None = None,
) -> dict[str, np.ndarray]:
    """Every kind asked for, each as its own estimator gives it, sharing what they have in
    common (the inverse of the bread, the clusters' score sums) instead of computing it once a
    kind. `indicators`, if given, are regressors after the design's columns (indicators.py)."""
    shared = _SharedParts(information, design, residuals, groups, indicators)
    return {kind: _FROM_SHARED_PARTS[kind](shared) for kind in kinds}


class _SharedParts:
    """The inputs of a covariance and what several kinds compute from them, each at most once."""

    def __init__(self, information, design, residuals, groups, indicators=None) -> None:
        self.information, self.design, self.residuals, self.groups = information, design, residuals, groups
        self.indicators = indicators
        # rows, and regressors (the indicators' included)
        self.n, self.k = design.shape[0], information.shape[0]
        self._bread_inverse: np.ndarray | None = None
        self._cluster_sums: np.ndarray | None = None

    @property
    def bread_inverse(self) -> np.ndarray:
        if self._bread_inverse is None:
            self._bread_inverse = equilibrated_inverse(self.information)
        return self._bread_inverse

    @property
    def cluster_sums(self) -> np.ndarray:
        if self._cluster_sums is None:
            self._cluster_sums = self.groups.sums(self.design, self.residuals, self.indicators)
        return self._cluster_sums


def clustered_covariance(
    information: np.ndarray, design: np.ndarray, residuals: np.ndarray, groups: ClusterGroups
) -> np.ndarray:
    """bread^-1 (sum over clusters of s_g s_g') bread^-1, with statsmodels' correction.

    The small-sample factor G/(G-1) * (n-1)/(n-k) is the one statsmodels applies for
    cov_type='cluster', so that these standard errors equal its own.
    """
    return _clustered(_SharedParts(information, design, residuals, groups))


def _clustered(shared: _SharedParts) -> np.ndarray:
    n, k = shared.n, shared.k
    groups = shared.groups
    if groups.count < 2:
        raise ValueError("clustered standard errors need at least two clusters")
    cluster_scores = shared.cluster_sums
    meat = cluster_scores.T @ cluster_scores
    correction = groups.count / (groups.count - 1) * (n - 1) / (n - k)
    return correction * shared.bread_inverse @ meat @ shared.bread_inverse


def dyadic_robust_covariance(
    information: np.ndarray, design: np.ndarray, residuals: np.ndarray, groups: ClusterGroups
) -> np.ndarray:
    """bread^-1 meat bread^-1 with the dyadic meat (see the module), clusters being dyads."""
    return _dyadic_robust(_SharedParts(information, design, residuals, groups))


def _dyadic_robust(shared: _SharedParts) -> np.ndarray:
    groups = shared.groups
    if groups.states is None:
        raise ValueError(
            "the dyadic-robust covariance needs each dyad's two states (ClusterGroups.from_dyads)"
        )
    n, k = shared.n, shared.k
    meat = dyadic_robust_meat(shared.cluster_sums, groups.state_index, groups.n_states)
    correction = groups.n_states / (groups.n_states - 1) * (n - 1) / (n - k)
    return positive_semidefinite(correction * shared.bread_inverse @ meat @ shared.bread_inverse)


def positive_semidefinite(covariance: np.ndarray) -> np.ndarray:
    """The covariance itself when positive semi-definite, else with its negative eigenvalues set to zero."""
    covariance = (covariance + covariance.T) / 2.0
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    if eigenvalues.min() >= 0:
        return covariance
    return (eigenvectors * np.maximum(eigenvalues, 0.0)) @ eigenvectors.T


def dyadic_robust_meat(dyad_sums: np.ndarray, state_index: np.ndarray, n_states: int) -> np.ndarray:
    """The meat, from each dyad's score sum (G x k) and its two states numbered 0 .. n_states - 1 (G x 2).

    Computed without the n^2 pairs of rows: two rows of one dyad share two states, rows of
    dyads that meet in one state share one, so summing over states the outer product of
    each state's score sum (over the dyads it belongs to) counts every pair of rows by the
    number of states its dyads share; the pairs within a dyad, counted twice there, are
    taken off once (the dyad-clustered meat). With S_i the score sum of state i and D_d
    that of dyad d: meat = sum_i S_i S_i' - sum_d D_d D_d'. The dyads must be distinct.
    """
    if n_states < 3:
        raise ValueError("dyadic-robust standard errors need at least three states")
    both = np.concatenate([state_index[:, 0], state_index[:, 1]])
    state_sums = np.column_stack(
        [
            np.bincount(both, weights=np.tile(dyad_sums[:, j], 2), minlength=n_states)
            for j in range(dyad_sums.shape[1])
        ]
    )
    return state_sums.T @ state_sums - dyad_sums.T @ dyad_sums


def standard_errors(covariance: np.ndarray) -> np.ndarray:
    """Square roots of the variances; NaN where a variance is not positive (see the module)."""
    variances = np.diag(np.asarray(covariance, dtype=np.float64)).copy()
    variances[~(variances > 0)] = np.nan
    return np.sqrt(variances)


def conventional_covariance(
    information: np.ndarray, design: np.ndarray, residuals: np.ndarray, groups: ClusterGroups
) -> np.ndarray:
    """The inverse of the information at the estimates: the model-based ("conventional")
    covariance that treats every row as independent, which designs in the manner of Bremer
    (1992) report beside the clustered one."""
    return equilibrated_inverse(information)


def equilibrated_inverse(information: np.ndarray) -> np.ndarray:
    """The inverse of a positive definite X'WX, taken after scaling it to unit diagonal: the
    regressors' units (peace years cubed up to 10^7 beside an intercept of 1) make X'WX as
    given so ill-conditioned that its plain inverse keeps only a few digits more than the
    covariances show, and moves with the last bits of the estimates."""
    diagonal = np.diag(information)
    if not np.all(diagonal > 0):
        return np.linalg.inv(information)
    scale = 1.0 / np.sqrt(diagonal)
    return np.linalg.inv(information * np.outer(scale, scale)) * np.outer(scale, scale)


CovarianceEstimator = Callable[[np.ndarray, np.ndarray, np.ndarray, ClusterGroups], np.ndarray]
COVARIANCE_ESTIMATORS: dict[str, CovarianceEstimator] = {
    DEFAULT_COVARIANCE: clustered_covariance,
    "dyadic_robust": dyadic_robust_covariance,
    "conventional": conventional_covariance,
}
_FROM_SHARED_PARTS: dict[str, Callable[[_SharedParts], np.ndarray]] = {
    DEFAULT_COVARIANCE: _clustered,
    "dyadic_robust": _dyadic_robust,
    "conventional": lambda shared: shared.bread_inverse.copy(),
}

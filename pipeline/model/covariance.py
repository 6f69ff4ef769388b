"""Every covariance estimator of the estimation engine, in one place.

A covariance is computed from what the fit leaves behind: the information X'WX at the
estimates (the bread), the design, and each row's residual in the estimating equations
(y - p for maximum likelihood, Firth's modified residual for the penalised fit). Each
estimator is registered under the name the results carry (`COVARIANCE_ESTIMATORS`), so
that a fit can hold several named covariances side by side and the results store a
standard error of each kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# The covariance the results report as `se` unless another kind is asked for.
DEFAULT_COVARIANCE = "clustered"


@dataclass(frozen=True)
class ClusterGroups:
    """Which rows form one cluster (a dyad, or a state), in a form that sums fast.

    Rows of one cluster need not be adjacent: `order` (None when they are) puts them
    together, and `starts` are the first positions of each cluster in that order.
    """

    starts: np.ndarray
    order: np.ndarray | None = None

    @classmethod
    def from_starts(cls, starts: np.ndarray) -> ClusterGroups:
        """Rows already grouped by cluster; `starts` holds each cluster's first row."""
        return cls(np.asarray(starts, dtype=np.int64))

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

    @property
    def count(self) -> int:
        return len(self.starts)

    def sums(self, design: np.ndarray, residuals: np.ndarray) -> np.ndarray:
        """G x k: each cluster's score sum, sum over its rows of x_i * residual_i."""
        if self.order is not None:
            design, residuals = design[self.order], residuals[self.order]
        return np.column_stack(
            [np.add.reduceat(design[:, j] * residuals, self.starts) for j in range(design.shape[1])]
        )


def clustered_covariance(
    information: np.ndarray, design: np.ndarray, residuals: np.ndarray, groups: ClusterGroups
) -> np.ndarray:
    """bread^-1 (sum over clusters of s_g s_g') bread^-1, with statsmodels' correction.

    The small-sample factor G/(G-1) * (n-1)/(n-k) is the one statsmodels applies for
    cov_type='cluster', so that these standard errors equal its own.
    """
    n, k = design.shape
    if groups.count < 2:
        raise ValueError("clustered standard errors need at least two clusters")
    cluster_scores = groups.sums(design, residuals)
    bread_inverse = np.linalg.inv(information)
    meat = cluster_scores.T @ cluster_scores
    correction = groups.count / (groups.count - 1) * (n - 1) / (n - k)
    return correction * bread_inverse @ meat @ bread_inverse


def conventional_covariance(
    information: np.ndarray, design: np.ndarray, residuals: np.ndarray, groups: ClusterGroups
) -> np.ndarray:
    """The inverse of the information at the estimates: the model-based ("conventional")
    covariance that treats every row as independent, which designs in the manner of Bremer
    (1992) report beside the clustered one."""
    return np.linalg.inv(information)


CovarianceEstimator = Callable[[np.ndarray, np.ndarray, np.ndarray, ClusterGroups], np.ndarray]
COVARIANCE_ESTIMATORS: dict[str, CovarianceEstimator] = {
    DEFAULT_COVARIANCE: clustered_covariance,
    "conventional": conventional_covariance,
}

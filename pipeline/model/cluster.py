"""Cluster-robust (sandwich) covariance, for estimators statsmodels does not provide."""

from __future__ import annotations

import numpy as np


def cluster_robust_covariance(
    bread_inverse: np.ndarray, scores: np.ndarray, clusters: np.ndarray
) -> np.ndarray:
    """bread^-1 (sum over clusters of s_g s_g') bread^-1, with statsmodels' correction.

    `scores` holds each row's contribution to the estimating equations at the estimates
    (n x k). The small-sample factor G/(G-1) * (n-1)/(n-k) is the one statsmodels applies
    for cov_type='cluster', so that Firth and ordinary logit standard errors compare.
    """
    n, k = scores.shape
    _, cluster_index = np.unique(clusters, return_inverse=True)
    n_clusters = int(cluster_index.max()) + 1
    if n_clusters < 2:
        raise ValueError("clustered standard errors need at least two clusters")
    cluster_sums = np.column_stack(
        [np.bincount(cluster_index, weights=scores[:, j], minlength=n_clusters) for j in range(k)]
    )
    meat = cluster_sums.T @ cluster_sums
    correction = n_clusters / (n_clusters - 1) * (n - 1) / (n - k)
    return correction * bread_inverse @ meat @ bread_inverse

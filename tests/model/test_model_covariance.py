"""The covariance estimators: a hand-worked dyadic example and two independent implementations."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import statsmodels.api as sm

from dpeace.model.covariance import (
    COVARIANCE_ESTIMATORS,
    ClusterGroups,
    clustered_covariance,
    dyadic_robust_covariance,
    standard_errors,
)


def dyadic(bread_inverse, scores, state1, state2):
    """The registered estimator, from given scores (design = scores, residuals = 1)."""
    groups = ClusterGroups.from_dyads(state1, state2)
    return dyadic_robust_covariance(np.linalg.inv(bread_inverse), scores, np.ones(len(scores)), groups)


SCORES_S = [1, 2, -1, 3, -2, 1]
STATE1 = np.array([1, 1, 2, 3, 4, 1])
STATE2 = np.array([2, 2, 3, 4, 5, 5])


def test_dyadic_robust_covariance_of_a_five_state_example_worked_by_hand():
    # Six dyad-years among states 1..5, two score columns s and t:
    #   row  dyad   s   t
    #   a    1-2    1  -1
    #   b    1-2    2  -1     (the same dyad in another year)
    #   c    2-3   -1   0
    #   d    3-4    3  -1
    #   e    4-5   -2   1
    #   f    1-5    1   1
    # State sums (rows naming the state):
    #   s: S1 = a+b+f = 4, S2 = a+b+c = 2, S3 = c+d = 2, S4 = d+e = 1, S5 = e+f = -1
    #   t: T1 = -1-1+1 = -1, T2 = -1-1+0 = -2, T3 = 0-1 = -1, T4 = -1+1 = 0, T5 = 1+1 = 2
    # Dyad sums (1-2, 2-3, 3-4, 4-5, 1-5): s: 3, -1, 3, -2, 1; t: -2, 0, -1, 1, 1
    # meat_ss = (16+4+4+1+1) - (9+1+9+4+1) = 26 - 24 = 2
    #   (check by pairs: own products 1+4+1+9+4+1 = 20; pairs sharing a state, each twice:
    #    ab 2, ac -1, af 1, bc -2, bf 2, cd -3, de -6, ef -2, sum -9, so 20 - 18 = 2)
    # meat_tt = (1+4+1+0+4) - (4+0+1+1+1) = 10 - 7 = 3
    # meat_st = (4*-1 + 2*-2 + 2*-1 + 1*0 + -1*2) - (3*-2 + -1*0 + 3*-1 + -2*1 + 1*1) = -12 + 10 = -2
    # bread^-1 = diag(0.5, 2): (B M B)_ij = b_i b_j M_ij = [[0.5, -2], [-2, 12]]
    # factor: 5 states, 6 rows, 2 columns: 5/4 * 5/4 = 1.5625
    # covariance = [[0.78125, -3.125], [-3.125, 18.75]] (positive definite: 0.78125 * 18.75 > 3.125^2)
    scores = np.column_stack([SCORES_S, [-1, -1, 0, -1, 1, 1]]).astype(float)
    bread_inverse = np.diag([0.5, 2.0])
    covariance = dyadic(bread_inverse, scores, STATE1, STATE2)
    np.testing.assert_allclose(covariance, [[0.78125, -3.125], [-3.125, 18.75]], rtol=1e-12)
    # A directed dyad-year and its reverse are one dyad: swapping the order of any rows changes nothing.
    swap = np.array([1, 0, 1, 0, 0, 1], dtype=bool)
    swapped = dyadic(bread_inverse, scores, np.where(swap, STATE2, STATE1), np.where(swap, STATE1, STATE2))
    np.testing.assert_allclose(swapped, covariance, rtol=1e-12)


def test_a_dyadic_covariance_that_is_not_positive_semidefinite_loses_its_negative_eigenvalue():
    # The same rows with t = 0, 1, 1, -1, 0, 2: T = (3, 2, 0, -1, 2), dyad sums (1, 1, -1, 0, 2),
    # meat_tt = 18 - 7 = 11, meat_st = 13 - 1 = 12: meat [[2, 12], [12, 11]], and the
    # covariance 1.5625 * [[0.5, 12], [12, 44]] = [[0.78125, 18.75], [18.75, 68.75]] has
    # determinant 53.7109375 - 351.5625 = -297.8515625 < 0. Its positive eigenvalue,
    # (trace + sqrt(trace^2 - 4 det)) / 2 with trace 69.53125, is all that is kept: the
    # result has rank one, that trace, and the same eigenvector.
    scores = np.column_stack([SCORES_S, [0, 1, 1, -1, 0, 2]]).astype(float)
    covariance = dyadic(np.diag([0.5, 2.0]), scores, STATE1, STATE2)
    trace, determinant = 69.53125, 0.78125 * 68.75 - 18.75**2
    positive = (trace + np.sqrt(trace**2 - 4 * determinant)) / 2
    assert np.trace(covariance) == pytest.approx(positive, rel=1e-12)
    assert np.linalg.det(covariance) == pytest.approx(0.0, abs=1e-9)
    # the eigenvector of [[a, b], [b, d]] for eigenvalue l is proportional to (b, l - a)
    vector = np.array([18.75, positive - 0.78125])
    np.testing.assert_allclose(covariance @ vector, positive * vector, rtol=1e-10)
    np.testing.assert_allclose(standard_errors(covariance), np.sqrt(np.diag(covariance)))


def _dyadic_panel(seed: int, n_states: int = 9, years: int = 4):
    """Every pair of n_states in each of `years` years, with a shared state shock in x and y."""
    rng = np.random.default_rng(seed)
    pairs = list(itertools.combinations(range(10, 10 + n_states), 2))
    state1 = np.array([a for a, _ in pairs] * years)
    state2 = np.array([b for _, b in pairs] * years)
    shock = rng.normal(size=200)
    x = rng.normal(size=len(state1)) + shock[state1 - 10] + shock[state2 - 10]
    latent = -0.5 + 0.8 * x + shock[state1 - 10] + rng.logistic(size=len(state1))
    y = (latent > 0).astype(float)
    return np.column_stack([np.ones_like(x), x]), y, state1, state2


def test_dyadic_robust_covariance_equals_an_explicit_double_loop_over_rows():
    design, y, state1, state2 = _dyadic_panel(seed=3)
    rng = np.random.default_rng(4)
    scores = design * rng.normal(size=len(y))[:, None]
    bread_inverse = np.linalg.inv(design.T @ design)
    n, k = scores.shape
    meat = np.zeros((k, k))
    for r in range(n):  # every ordered pair of rows whose dyads share a state, r = q included
        for q in range(n):
            if {state1[r], state2[r]} & {state1[q], state2[q]}:
                meat += np.outer(scores[r], scores[q])
    n_states = len(set(state1) | set(state2))
    expected = n_states / (n_states - 1) * (n - 1) / (n - k) * bread_inverse @ meat @ bread_inverse
    np.testing.assert_allclose(dyadic(bread_inverse, scores, state1, state2), expected, rtol=1e-10)


def test_dyadic_robust_covariance_equals_aronow_samii_assenova_decomposition_by_statsmodels():
    # Their decomposition, computed from statsmodels' own uncorrected sandwiches of one logit:
    # V = sum over states i of V_i - V_dyad - (N - 2) V_HC0, where V_i clusters the rows of
    # state i together and leaves every other row on its own.
    design, y, state1, state2 = _dyadic_panel(seed=5)
    model = sm.Logit(y, design)
    fitted = model.fit(disp=0)
    n, k = design.shape
    states = sorted(set(state1) | set(state2))
    singletons = np.arange(n) + 1000

    def clustered(groups):
        return model.fit(
            disp=0,
            start_params=fitted.params,
            cov_type="cluster",
            cov_kwds={"groups": groups, "use_correction": False},
        ).cov_params()

    by_state = sum(clustered(np.where((state1 == i) | (state2 == i), 0, singletons)) for i in states)
    dyads = np.unique(state1 * 1000 + state2, return_inverse=True)[1]
    hc0 = model.fit(disp=0, start_params=fitted.params, cov_type="HC0").cov_params()
    decomposition = by_state - clustered(dyads) - (len(states) - 2) * hc0

    p = fitted.predict(design)
    information = design.T @ (design * (p * (1 - p))[:, None])
    ours = COVARIANCE_ESTIMATORS["dyadic_robust"](
        information, design, y - p, ClusterGroups.from_dyads(state1, state2)
    )
    factor = len(states) / (len(states) - 1) * (n - 1) / (n - k)
    np.testing.assert_allclose(ours / factor, decomposition, rtol=1e-6)


def test_state_clustered_covariance_of_a_monadic_logit_equals_statsmodels():
    rng = np.random.default_rng(6)
    states = np.repeat(np.arange(2, 32), 7)  # 30 states, 7 years each, rows in any order
    order = rng.permutation(len(states))
    states = states[order]
    x = rng.normal(size=len(states)) + rng.normal(size=30)[states - 2]
    y = (rng.logistic(size=len(states)) < 0.3 + 0.7 * x).astype(float)
    design = np.column_stack([np.ones_like(x), x])
    reference = sm.Logit(y, design).fit(disp=0, cov_type="cluster", cov_kwds={"groups": states})
    p = reference.predict(design)
    information = design.T @ (design * (p * (1 - p))[:, None])
    ours = clustered_covariance(information, design, y - p, ClusterGroups.from_ids(states))
    np.testing.assert_allclose(ours, reference.cov_params(), rtol=1e-6)


def test_a_row_naming_one_state_twice_is_refused_and_a_negative_variance_has_no_standard_error():
    with pytest.raises(ValueError, match="two different states"):
        ClusterGroups.from_dyads(np.array([1, 2, 3]), np.array([2, 2, 4]))
    with pytest.raises(ValueError, match="each dyad's two states"):
        dyadic_robust_covariance(
            np.eye(1), np.ones((3, 1)), np.ones(3), ClusterGroups.from_ids(np.array([1, 2, 3]))
        )
    np.testing.assert_equal(standard_errors(np.array([[4.0, 0.0], [0.0, -1.0]])), [2.0, np.nan])


def test_clusters_whose_rows_form_several_runs_sum_by_cluster():
    # Six rows in runs [0, 1], [2], [3, 4], [5] of clusters 1, 0, 1, 0, as rows sorted by
    # period leave a dyad; by hand: cluster 0 holds rows 2 and 5, cluster 1 rows 0, 1, 3, 4.
    from dpeace.model.indicators import Indicators

    groups = ClusterGroups.from_runs(np.array([0, 2, 3, 5]), np.array([1, 0, 1, 0]))
    assert groups.count == 2
    design = np.column_stack([np.ones(6), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]])
    residuals = np.array([0.5, -1.0, 2.0, 0.25, -0.5, 1.0])
    expected = [[2.0 + 1.0, 6.0 + 6.0], [0.5 - 1.0 + 0.25 - 0.5, 0.5 - 2.0 + 1.0 - 2.5]]
    np.testing.assert_allclose(groups.sums(design, residuals), expected)
    # one indicator, 1 in rows 1 and 5 (its reference: the other rows)
    indicators = Indicators(np.array([1, 0, 1, 1, 1, 0]), 1)
    np.testing.assert_allclose(
        groups.sums(design, residuals, indicators), np.column_stack([expected, [1.0, -1.0]])
    )
    # the states of each cluster, given by cluster or read from its first row
    by_cluster = groups.with_cluster_states(np.array([2, 1]), np.array([3, 2]))
    from_rows = groups.with_states(np.array([1, 1, 2, 1, 1, 2]), np.array([2, 2, 3, 2, 2, 3]))
    for clusters in (by_cluster, from_rows):
        np.testing.assert_array_equal(clusters.states, [[2, 3], [1, 2]])
        np.testing.assert_array_equal(clusters.state_index, [[1, 2], [0, 1]])
        assert clusters.n_states == 3 and clusters.count == 2
    with pytest.raises(ValueError, match="numbered 0, 1, ... without a gap"):
        ClusterGroups.from_runs(np.array([0, 2]), np.array([0, 2]))
    with pytest.raises(ValueError, match="2 clusters given for 3 runs"):
        ClusterGroups.from_runs(np.array([0, 2, 4]), np.array([0, 1]))

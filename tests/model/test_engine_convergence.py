"""Where the maximum-likelihood iterations start and when they stop: the estimates do not depend on it."""

from __future__ import annotations

import numpy as np
import statsmodels.api as sm

from dpeace.model.covariance import ClusterGroups
from dpeace.model.indicators import Indicators
from dpeace.model.logit import cold_start, fit
from dpeace.model.separation import is_binary


def _dyad_years_with_cubic_peace_years(seed: int = 11, n: int = 60_000):
    """Rows sorted by dyad, a 0/1 democracy term, a capability ratio, peace years to 199 with
    their square and cube unscaled (the cube up to 7.9 million beside an intercept of 1)."""
    rng = np.random.default_rng(seed)
    dyad = np.sort(rng.integers(0, 2_000, n))
    state1 = dyad // 40 + 1
    state2 = state1 + 1 + dyad % 40
    peace = rng.integers(0, 200, n).astype(float)
    democracy = (rng.random(n) < 0.2).astype(float)
    capability = rng.normal(size=n)
    eta = -1.0 - 0.9 * democracy + 0.3 * capability - 0.06 * peace + 4e-4 * peace**2 - 9e-7 * peace**3
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    design = np.asfortranarray(
        np.column_stack([np.ones(n), democracy, capability, peace, peace**2, peace**3])
    )
    groups = ClusterGroups.from_dyads(state1, state2)
    return design, y, groups


def test_a_cold_fit_starts_from_a_subsample_and_ends_where_a_start_at_the_mean_ends():
    design, y, groups = _dyad_years_with_cubic_peace_years()
    kinds = ("dyadic_robust", "clustered", "conventional")
    from_subsample = fit(design, y, groups, covariances=kinds)  # no start: the subsample's estimates
    from_mean = fit(design, y, groups, start=cold_start(y, design.shape[1]), covariances=kinds)
    assert from_subsample.converged and from_mean.converged
    # the subsample's passes count as their share of one: fewer passes over all rows
    assert from_subsample.passes < from_mean.passes
    np.testing.assert_allclose(from_subsample.params, from_mean.params, rtol=1e-12)
    for kind in kinds:
        np.testing.assert_allclose(from_subsample.covariances[kind], from_mean.covariances[kind], rtol=1e-10)
    reference = sm.Logit(y, design).fit(method="newton", maxiter=100, tol=1e-12, disp=0)
    np.testing.assert_allclose(from_subsample.params, reference.params, rtol=1e-9)


def test_the_criterion_holds_a_tiny_coefficient_of_peace_years_cubed_to_its_last_digits():
    # A start far off converges to the same estimates and standard errors, to 1e-10: the
    # criterion is the Newton decrement, not a step bound that a coefficient of 1e-6 meets
    # while still wrong in its fourth digit.
    design, y, groups = _dyad_years_with_cubic_peace_years(seed=12)
    near = fit(design, y, groups, covariances=("dyadic_robust",))
    far_start = near.params * np.array([1.5, 0.5, 1.5, 0.5, 1.5, 0.5])
    far = fit(design, y, groups, start=far_start, covariances=("dyadic_robust",))
    assert abs(near.params[5]) < 1e-5
    np.testing.assert_allclose(far.params, near.params, rtol=1e-12)
    np.testing.assert_allclose(
        far.standard_errors("dyadic_robust"), near.standard_errors("dyadic_robust"), rtol=1e-10
    )


def test_a_subsample_too_small_to_estimate_leaves_the_start_at_the_mean():
    # 30 events among 60,000 rows: no subsample keeps enough of them, the fit starts cold.
    design, y, groups = _dyad_years_with_cubic_peace_years(seed=13)
    rare = np.zeros_like(y)
    rare[np.flatnonzero(y)[:30]] = 1.0
    default = fit(design, rare, groups)
    cold = fit(design, rare, groups, start=cold_start(rare, design.shape[1]))
    assert default.passes == cold.passes and default.iterations == cold.iterations
    np.testing.assert_array_equal(default.params, cold.params)


def test_period_indicators_take_the_same_subsample_start():
    design, y, groups = _dyad_years_with_cubic_peace_years(seed=14)
    decade = (np.arange(len(y)) * 7 // len(y)).astype(int)  # rows are in dyad order: any split will do
    indicators = (decade[:, None] == np.arange(1, 7)).astype(float)
    with_periods = np.asfortranarray(np.column_stack([design, indicators]))
    dense = fit(with_periods, y, groups)
    held = fit(design, y, groups, indicators=Indicators.from_columns(indicators))
    assert dense.converged and held.converged and dense.passes == held.passes
    np.testing.assert_allclose(held.params, dense.params, rtol=1e-10, atol=1e-12)


def test_a_column_is_binary_only_if_every_row_is_zero_or_one():
    values = np.zeros(10_000)
    values[:5] = 1.0
    assert is_binary(values)
    values[9_000] = 0.5  # past the first rows looked at
    assert not is_binary(values)
    values[9_000] = 1.0
    values[3] = 2.0
    assert not is_binary(values)

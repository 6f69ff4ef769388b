"""A cold fit of a rare outcome starts from a case-control subsample (logit.SUBSAMPLE_CONTROLS_PER_CASE)."""

from __future__ import annotations

import math

import numpy as np

from dpeace.model.covariance import ClusterGroups
from dpeace.model.indicators import Indicators
from dpeace.model.logit import _subsample_start, cold_start, fit, subsample_rows


def _rare_onsets(seed: int = 21, n: int = 64_000):
    """Dyad-years sorted by dyad with about 1% events: an intercept, a 0/1 democracy term, a
    capability ratio and peace years with their square."""
    rng = np.random.default_rng(seed)
    dyad = np.sort(rng.integers(0, 3_000, n))
    state1 = dyad // 50 + 1
    state2 = state1 + 1 + dyad % 50
    democracy = (rng.random(n) < 0.25).astype(float)
    capability = rng.normal(size=n)
    peace = rng.integers(0, 100, n).astype(float)
    eta = -3.6 - 1.1 * democracy + 0.4 * capability - 0.03 * peace + 1e-4 * peace**2
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    design = np.asfortranarray(np.column_stack([np.ones(n), democracy, capability, peace, peace**2]))
    return design, y, ClusterGroups.from_dyads(state1, state2)


def test_the_subsample_keeps_every_event_and_every_sth_non_event_and_moves_the_intercept_by_log_s():
    y = np.zeros(64_000)
    y[np.arange(500) * 128] = 1.0  # 500 events, 63,500 non-events
    rows, shift = subsample_rows(y, 5)
    # s = 63,500 // (16 controls per case x 500 events) = 7
    non_events = np.flatnonzero(y == 0)
    assert np.array_equal(rows, np.sort(np.concatenate([np.flatnonzero(y == 1), non_events[::7]])))
    assert len(rows) == 500 + 9_072 and shift == -math.log(7)
    # the non-events rare: every non-event kept, every 7th event, the intercept moved up
    rows, shift = subsample_rows(1.0 - y, 5)
    assert len(rows) == 500 + 9_072 and shift == math.log(7)


def test_a_common_outcome_takes_every_sth_row_and_too_few_events_no_subsample():
    y = np.zeros(64_000)
    y[::5] = 1.0  # 12,800 events: 16 controls a case would need s < 1
    rows, shift = subsample_rows(y, 5)
    # every s-th row, s = min(32, 12,800 // (16 events a column x 5 columns)) = 32
    assert rows == slice(0, 64_000, 32) and shift == 0.0
    few = np.zeros(64_000)
    few[:39] = 1.0  # fewer than 8 events a column for 5 columns
    assert subsample_rows(few, 5) == (None, 0.0)


def test_the_case_control_start_lies_near_the_estimates_and_the_fit_ends_where_a_cold_one_ends():
    design, y, groups = _rare_onsets()
    assert 0.005 < y.mean() < 0.03
    kinds = ("dyadic_robust", "clustered")
    from_mean = fit(design, y, groups, start=cold_start(y, design.shape[1]), covariances=kinds)
    start, cost = _subsample_start(design, y, None)
    assert 0 < cost < 2
    # within a few standard errors of the estimates, the intercept's included: without the
    # log(s) shift it would be log(s) (about 1.8 here, some 20 standard errors) too high
    se = from_mean.standard_errors("clustered")
    assert np.all(np.abs(start - from_mean.params) < 3 * se)
    from_subsample = fit(design, y, groups, covariances=kinds)
    assert from_subsample.converged and from_subsample.passes < from_mean.passes - 2
    np.testing.assert_allclose(from_subsample.params, from_mean.params, rtol=1e-12)
    for kind in kinds:
        np.testing.assert_allclose(from_subsample.covariances[kind], from_mean.covariances[kind], rtol=1e-10)


def test_period_indicators_take_the_same_case_control_start():
    design, y, groups = _rare_onsets(seed=22)
    decade = (np.arange(len(y)) * 4 // len(y)).astype(int)
    indicators = (decade[:, None] == np.arange(1, 4)).astype(float)
    dense = fit(np.asfortranarray(np.column_stack([design, indicators])), y, groups)
    held = fit(design, y, groups, indicators=Indicators.from_columns(indicators))
    assert dense.converged and held.converged and dense.passes == held.passes
    np.testing.assert_allclose(held.params, dense.params, rtol=1e-10, atol=1e-12)

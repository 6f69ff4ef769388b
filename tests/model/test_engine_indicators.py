"""Indicator columns (period effects) held as categories in the Newton passes: the same fit."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.model.covariance import ClusterGroups
from dpeace.model.indicators import Indicators
from dpeace.model.logit import _Layout, _newton_pass, fit
from dpeace.model.separation import separated_levels


def _panel_with_decades(seed: int = 5, n: int = 6000, decades: int = 7):
    """Rows grouped by dyad, three regressors and indicators of decades 2..7 (decade 1 the baseline)."""
    rng = np.random.default_rng(seed)
    dyad = np.sort(rng.integers(0, 300, n))
    state1 = dyad // 20 + 1
    state2 = state1 + 1 + dyad % 20
    decade = rng.integers(0, decades, n)
    x = np.column_stack([np.ones(n), rng.normal(size=n), rng.random(n) < 0.3, rng.normal(size=n) * 50])
    indicators = (decade[:, None] == np.arange(1, decades)).astype(float)
    eta = (
        -2.0
        + 0.5 * x[:, 1]
        - 0.7 * x[:, 2]
        + 0.004 * x[:, 3]
        + np.r_[0, rng.normal(size=decades - 1)][decade]
    )
    y = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
    starts = np.flatnonzero(np.r_[True, dyad[1:] != dyad[:-1]])
    groups = ClusterGroups.from_starts(starts).with_states(state1, state2)
    return np.asfortranarray(np.column_stack([x, indicators])), y, groups, decades - 1


def test_indicators_held_as_categories_give_the_same_pass_and_fit():
    design, y, groups, m = _panel_with_decades()
    indicators = Indicators.from_columns(design[:, -m:])
    plain_columns = np.asfortranarray(design[:, :-m])
    layout = _Layout(plain_columns, indicators.category, m)
    params = np.linspace(-1.0, 1.0, design.shape[1]) / 10
    dense_p, category_p = np.empty(len(y)), np.empty(len(y))
    dense = _newton_pass(design, y, params, dense_p)
    by_category = _newton_pass(design, y, params, category_p, layout)
    np.testing.assert_allclose(by_category[0], dense[0], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(by_category[1], dense[1], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(category_p, dense_p, rtol=1e-14)

    kinds = ("clustered", "dyadic_robust")
    plain = fit(design, y, groups, covariances=kinds)
    held = fit(plain_columns, y, groups, covariances=kinds, indicators=indicators)
    assert plain.converged and held.converged and held.iterations == plain.iterations
    np.testing.assert_allclose(held.params, plain.params, rtol=1e-10, atol=1e-12)
    for kind in kinds:
        np.testing.assert_allclose(held.covariances[kind], plain.covariances[kind], rtol=1e-8, atol=1e-14)
    # Firth's fit writes them out: the same as given written out
    firth_plain = fit(design, y, groups, estimator="firth_logit", covariances=kinds)
    firth_held = fit(
        plain_columns, y, groups, estimator="firth_logit", covariances=kinds, indicators=indicators
    )
    np.testing.assert_array_equal(firth_held.params, firth_plain.params)
    for kind in kinds:
        np.testing.assert_array_equal(firth_held.covariances[kind], firth_plain.covariances[kind])


def test_indicators_written_out_are_the_columns_they_came_from():
    design, _, _, m = _panel_with_decades()
    indicators = Indicators.from_columns(design[:, -m:])
    np.testing.assert_array_equal(indicators.columns(), design[:, -m:])
    numbers = np.where(indicators.category < m, indicators.category, -1)
    np.testing.assert_array_equal(Indicators.of_rows(numbers, m).category, indicators.category)
    with pytest.raises(ValueError, match="indicator numbers must lie in -1 .. 5"):
        Indicators.of_rows(np.array([0, 6, -1]), m)


def test_a_separated_indicator_level_is_found_by_category():
    design, y, _, m = _panel_with_decades()
    y = y.copy()
    third = design[:, -m + 2] == 1.0  # every row of the third indicator's decade without an event
    y[third] = 0.0
    indicators = Indicators.from_columns(design[:, -m:])
    binary = [2, *range(design.shape[1] - m, design.shape[1])]
    written_out = separated_levels(design, y, binary)
    by_category = separated_levels(design[:, :-m], y, binary, indicators)
    assert by_category == written_out
    assert [(found.column, found.level, found.outcome, found.rows) for found in by_category] == [
        (design.shape[1] - m + 2, 1, 0, int(third.sum()))
    ]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda block: block.__setitem__((0, slice(0, 2)), 1.0),  # two indicators in one row
        lambda block: block.__setitem__((3, 0), 0.5),  # not 0/1
        lambda block: block.__setitem__((5, slice(0, 2)), [1.5, -0.5]),  # sums to 1, not 0/1
    ],
)
def test_columns_declared_indicators_that_are_not_are_refused(spoil):
    design, y, groups, m = _panel_with_decades()
    design = design.copy(order="F")
    block = design[:, -m:]
    spoil(block)
    design[:, -m:] = block
    with pytest.raises(ValueError, match=f"the last {m} columns are not 0/1 indicators"):
        Indicators.from_columns(design[:, -m:])

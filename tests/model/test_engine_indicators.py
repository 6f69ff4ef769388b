"""Indicator columns (period effects) held as categories in the Newton passes: the same fit."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.model.blocks import category_blocks
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


def test_blocks_of_one_category_are_cut_from_long_runs_and_short_runs_pass_together():
    # worked by hand: a run of 3,000 rows of category 2, 400 rows alternating 1 and 0, 2,000
    # of 1, 500 of 3 (shorter than MIN_CATEGORY_RUN = 1,024: passed with the others), then
    # 20,000 of 0 (cut at BLOCK_ROWS = 8,192)
    category = np.concatenate(
        [np.full(3000, 2), np.tile([1, 0], 200), np.full(2000, 1), np.full(500, 3), np.zeros(20_000, int)]
    )
    blocks = [(rows.start, rows.stop, single) for rows, single in category_blocks(category)]
    assert blocks == [
        (0, 3000, 2),
        (3000, 3400, None),
        (3400, 5400, 1),
        (5400, 5900, None),
        (5900, 14092, 0),
        (14092, 22284, 0),
        (22284, 25900, 0),
    ]
    assert category_blocks(np.zeros(0, int)) == []
    # rows in table order (runs of a few rows): every block mixed, as before
    assert {single for _, single in category_blocks(np.repeat(np.arange(40) % 7, 8))} == {None}


def _in_layout(design, m, layout):
    """An order of the panel's rows by decade, and the clusters (dyads) as runs in that order.

    "sorted": by decade, the reference (decade 1) last, dyad order kept within a decade;
    "reversed": the decades in the opposite order; "half": only the first half of the rows
    sorted, the rest left in dyad order (blocks of several decades follow those of one).
    """
    category = Indicators.from_columns(design[:, -m:]).category
    n = len(category)
    if layout == "half":
        order = np.r_[np.argsort(category[: n // 2], kind="stable"), np.arange(n // 2, n)]
    else:
        order = np.argsort(category if layout == "sorted" else m - category, kind="stable")
    # every dyad of 0 .. 299 is drawn: the clusters are numbered in dyad order
    _, dyad_number = np.unique(_panel_dyads()[order], return_inverse=True)
    category = category[order]
    run_starts = np.flatnonzero(
        np.r_[True, (dyad_number[1:] != dyad_number[:-1]) | (category[1:] != category[:-1])]
    )
    return order, run_starts, dyad_number[run_starts]


def _panel_dyads(n: int = 6000, seed: int = 5) -> np.ndarray:
    """The dyad of each row of _panel_with_decades(), drawn as it draws them."""
    return np.sort(np.random.default_rng(seed).integers(0, 300, n))


@pytest.mark.parametrize("layout", ["sorted", "reversed", "half"])
def test_rows_sorted_by_decade_give_the_fit_of_rows_in_dyad_order(layout, monkeypatch):
    # Smaller blocks, so that the sorted decades (about 860 rows each, 395 to 452 in "half") are
    # passed as blocks of one category, and cut where longer than a block.
    monkeypatch.setattr("dpeace.model.blocks.MIN_CATEGORY_RUN", 350)
    monkeypatch.setattr("dpeace.model.blocks.BLOCK_ROWS", 700)
    design, y, groups, m = _panel_with_decades()
    order, run_starts, run_cluster = _in_layout(design, m, layout)
    states = groups.states  # each dyad's two states, in dyad order
    sorted_groups = ClusterGroups.from_runs(run_starts, run_cluster).with_cluster_states(*states.T)
    assert sorted_groups.count == groups.count == 300
    indicators = Indicators.from_columns(design[:, -m:])
    plain = np.asfortranarray(design[:, :-m])
    sorted_plain = np.asfortranarray(plain[order])
    held = _Layout(sorted_plain, indicators.category[order], m)
    kinds_of_block = {single for _, single in held.blocks}
    assert kinds_of_block == (set(range(m + 1)) | ({None} if layout == "half" else set()))
    params = np.linspace(-1.0, 1.0, design.shape[1]) / 10
    dense_p, category_p = np.empty(len(y)), np.empty(len(y))
    dense = _newton_pass(np.asfortranarray(design[order]), y[order], params, dense_p)
    by_category = _newton_pass(sorted_plain, y[order], params, category_p, held)
    np.testing.assert_allclose(by_category[0], dense[0], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(by_category[1], dense[1], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(category_p, dense_p, rtol=1e-14)

    kinds = ("clustered", "dyadic_robust")
    in_dyad_order = fit(design, y, groups, covariances=kinds)
    by_decade = fit(
        sorted_plain, y[order], sorted_groups, covariances=kinds, indicators=indicators.rows(order)
    )
    assert by_decade.converged and by_decade.n_clusters == 300
    np.testing.assert_allclose(by_decade.params, in_dyad_order.params, rtol=1e-10, atol=1e-12)
    for kind in kinds:
        np.testing.assert_allclose(
            by_decade.covariances[kind], in_dyad_order.covariances[kind], rtol=1e-8, atol=1e-14
        )

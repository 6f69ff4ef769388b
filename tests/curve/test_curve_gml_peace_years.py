"""A GML outcome's peace-year terms count GML's own peace years (the grid's [records.gml]
peace_years), on a hand-made dyad_years of two dyads over six years whose MID and GML peace
years differ; the expected designs are written out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.curve.fit import _DesignsOfBatch, _UnitDesign
from dpeace.curve.frame import frame_from_columns
from dpeace.curve.grid import load_grid

# 1 democracy x 2 outcomes x 3 peace-year terms = 6
GRID = """
specifications = 6

[main]
democracy = "weak_link"
outcome = "mid_onset"
sample = "all"
controls = "none"
temporal = "cubic"
ongoing = "keep"

[records.mid]
label = "MID"
coverage = "mid_onset"
ongoing = "mid_ongoing"

[records.gml]
label = "GML"
coverage = "gml_onset"
ongoing = "gml_ongoing"
peace_years = { peace_years = "gml_peace_years", peace_years_sq = "gml_peace_years_sq", peace_years_cu = "gml_peace_years_cu" }

[[democracy]]
id = "weak_link"
label = "Weak link"
column = "polity2_low"

[[outcome]]
id = "mid_onset"
label = "MID onset"
column = "mid_onset"

[[outcome]]
id = "gml_onset"
label = "GML onset"
column = "gml_onset"
record = "gml"

[[sample]]
id = "all"
label = "All dyads"

[[controls]]
id = "none"
label = "None"
columns = []

[[temporal]]
id = "cubic"
label = "Cubic"
columns = ["peace_years", "peace_years_sq", "peace_years_cu"]

[[temporal]]
id = "spline"
label = "Spline"
spline = "peace_years"
interior_knots = 3

[[temporal]]
id = "since_onset"
label = "Cubic since onset"
cubic = "peace_years_since_onset"

[[ongoing]]
id = "keep"
label = "Kept"
"""

NAN = np.nan
# Dyad (2, 20) in 1900-1905, then dyad (20, 200). GML does not cover 1905 (NULL there).
MID_PEACE_YEARS = [3, 4, 5, 0, 1, 2, 7, 8, 0, 1, 2, 3]
GML_PEACE_YEARS = [0, 1, 2, 3, 4, NAN, 10, 11, 12, 13, 14, NAN]
SINCE_ONSET = [6, 7, 8, 0, 1, 2, 9, 10, 0, 1, 2, 3]


def _columns(gml_covers_1905: bool) -> dict[str, np.ndarray]:
    gml_peace_years = np.array(GML_PEACE_YEARS, dtype=float)
    gml_onset = np.array([0, 1, 0, 0, 1, NAN, 0, 0, 1, 0, 0, NAN])
    if gml_covers_1905:
        gml_peace_years[[5, 11]] = [5, 15]
        gml_onset[[5, 11]] = [0, 1]
    mid_peace_years = np.array(MID_PEACE_YEARS, dtype=float)
    columns = {
        "ccode1": np.array([2.0] * 6 + [20.0] * 6),
        "ccode2": np.array([20.0] * 6 + [200.0] * 6),
        "year": np.array([1900.0 + year for year in range(6)] * 2),
        "mid_onset": np.array([0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0], dtype=float),
        "mid_ongoing": np.zeros(12),
        "gml_onset": gml_onset,
        "gml_ongoing": np.zeros(12),
        "polity2_low": np.array([-5, 7, 8, 2, 6, -1, 10, 3, -7, 9, 4, 0], dtype=float),
        "peace_years": mid_peace_years,
        "peace_years_sq": mid_peace_years**2,
        "peace_years_cu": mid_peace_years**3,
        "gml_peace_years": gml_peace_years,
        "gml_peace_years_sq": gml_peace_years**2,
        "gml_peace_years_cu": gml_peace_years**3,
        "peace_years_since_onset": np.array(SINCE_ONSET, dtype=float),
    }
    return columns


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    path = tmp_path_factory.mktemp("gml_peace_years") / "grid.toml"
    path.write_text(GRID, encoding="utf-8")
    return load_grid(path)


def _spec(grid, outcome: str, temporal: str):
    return next(s for s in grid.specifications if s.outcome.id == outcome and s.temporal.id == temporal)


def _design(grid, outcome: str, temporal: str, gml_covers_1905: bool = False) -> _UnitDesign:
    frame = frame_from_columns(_columns(gml_covers_1905), grid)
    return _UnitDesign(frame, _spec(grid, outcome, temporal))


def test_the_grid_loads_every_column_of_the_records_peace_years(grid):
    assert {"gml_peace_years", "gml_peace_years_sq", "gml_peace_years_cu"} <= set(grid.columns())


def test_a_gml_outcomes_cubic_counts_gmls_peace_years_over_gmls_years(grid):
    design = _design(grid, "gml_onset", "cubic")
    assert design.names[-3:] == ("gml_peace_years", "gml_peace_years_sq", "gml_peace_years_cu")
    # 1905 is outside GML: ten rows, GML's counts 0-4 and 10-14
    expected = np.array(
        [
            [0, 0, 0],
            [1, 1, 1],
            [2, 4, 8],
            [3, 9, 27],
            [4, 16, 64],
            [10, 100, 1000],
            [11, 121, 1331],
            [12, 144, 1728],
            [13, 169, 2197],
            [14, 196, 2744],
        ],
        dtype=float,
    )
    np.testing.assert_array_equal(design.matrix[:, -3:], expected)
    np.testing.assert_array_equal(design.outcome, [0, 1, 0, 0, 1, 0, 0, 1, 0, 0])


def test_a_mid_outcomes_cubic_keeps_mids_peace_years(grid):
    design = _design(grid, "mid_onset", "cubic")
    assert design.names[-3:] == ("peace_years", "peace_years_sq", "peace_years_cu")
    np.testing.assert_array_equal(design.matrix[:, -3], MID_PEACE_YEARS)
    np.testing.assert_array_equal(design.matrix[:, -1], np.array(MID_PEACE_YEARS, dtype=float) ** 3)


def test_a_gml_outcomes_spline_is_built_on_gmls_peace_years_with_knots_over_gmls_years(grid):
    frame = frame_from_columns(_columns(False), grid)
    # GML's ten covered values 0 1 2 3 4 10 11 12 13 14: boundary knots 0 and 14, interior
    # knots at the quartiles (numpy's linear rule: positions 2.25, 4.5 and 6.75 of 9)
    assert frame.spline_knots["spline@gml"] == pytest.approx((0.0, 2.25, 7.0, 11.75, 14.0))
    # MID's twelve values 0 0 1 1 2 2 3 3 4 5 7 8: quartiles at positions 2.75, 5.5 and 8.25
    assert frame.spline_knots["spline"] == pytest.approx((0.0, 1.0, 2.5, 4.25, 8.0))
    design = _UnitDesign(frame, _spec(grid, "gml_onset", "spline"))
    assert design.names[2:] == tuple(f"gml_peace_years_spline_{j}" for j in range(1, 5))
    np.testing.assert_array_equal(design.matrix[:, 2], [0, 1, 2, 3, 4, 10, 11, 12, 13, 14])
    # the last basis column at x = 14 (beyond the interior knots, at the upper boundary):
    # (d_3(14) - d_4(14)) / (14 - 0)^2 with d_j(x) = ((x - t_j)^3 - (x - 14)+^3) / (14 - t_j)
    # and d_4 (the penultimate, t = 11.75) = 2.25^3 / 2.25 = 5.0625; d_3 (t = 7) = 7^3 / 7 = 49
    assert design.matrix[-1, -1] == pytest.approx((49 - 5.0625) / 196)
    mid = _UnitDesign(frame, _spec(grid, "mid_onset", "spline"))
    assert mid.names[2:] == tuple(f"peace_years_spline_{j}" for j in range(1, 5))


def test_the_count_since_the_last_onset_has_no_gml_form_and_stays_mids(grid):
    design = _design(grid, "gml_onset", "since_onset")
    assert design.names[-3:] == (
        "peace_years_since_onset",
        "peace_years_since_onset_squared",
        "peace_years_since_onset_cubed",
    )
    np.testing.assert_array_equal(design.matrix[:, -3], [6, 7, 8, 0, 1, 9, 10, 0, 1, 2])


def test_a_design_is_not_reused_across_records_even_on_the_same_rows(grid):
    # With GML covering every year both outcomes have the same twelve rows; the GML outcome
    # still gets its own design, with GML's peace years.
    frame = frame_from_columns(_columns(True), grid)
    designs = _DesignsOfBatch(frame)
    mid = designs.for_unit(_spec(grid, "mid_onset", "cubic"))
    gml = designs.for_unit(_spec(grid, "gml_onset", "cubic"))
    np.testing.assert_array_equal(mid.rows, gml.rows)
    np.testing.assert_array_equal(mid.matrix[:, -3], MID_PEACE_YEARS)
    np.testing.assert_array_equal(gml.matrix[:, -3], [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15])

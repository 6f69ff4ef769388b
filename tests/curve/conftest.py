"""Fixtures of the curve tests: the simulated dyad_years database and a small grid."""

from __future__ import annotations

import pandas as pd
import pytest
from synthetic_curve import simulate_curve_dyad_years, write_dyad_years

# 4 democracy levels x 2 outcomes x 2 samples x 2 control sets x 3 temporal x 2 ongoing = 192
SMALL_GRID = """
specifications = 192

[main]
democracy = "polity2_ge_6"
outcome = "mid_onset"
sample = "all"
controls = "extended"
temporal = "cubic"
ongoing = "drop"

[[democracy]]
id = "polity2_ge"
label = "Polity2 both >= {k}"
column = "polity2_low"
thresholds = [5, 6]

[[democracy]]
id = "weak_link"
label = "Weak link"
column = "polity2_low"

[[democracy]]
id = "joint_bmr"
label = "Both BMR democracies"
column = "joint_democracy_bmr"

[[outcome]]
id = "mid_onset"
label = "Any dispute onset"
column = "mid_onset"

[[outcome]]
id = "war_onset"
label = "War"
column = "war_onset"

[[sample]]
id = "all"
label = "All dyads"

[[sample]]
id = "politically_relevant"
label = "Politically relevant"
column = "politically_relevant"

[[controls]]
id = "base"
label = "Base"
columns = ["contiguous", "any_major_power", "log_cap_ratio"]

[[controls]]
id = "extended"
label = "Extended"
columns = ["contiguous", "any_major_power", "log_cap_ratio", "defense_pact", "log_capital_distance"]

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
id = "none"
label = "None"
columns = []

[[ongoing]]
id = "drop"
label = "Dropped"

[[ongoing]]
id = "keep"
label = "Kept"
"""


@pytest.fixture(scope="session")
def curve_dyad_years() -> pd.DataFrame:
    return simulate_curve_dyad_years()


@pytest.fixture(scope="session")
def curve_database(tmp_path_factory, curve_dyad_years):
    path = tmp_path_factory.mktemp("curve") / "peace.duckdb"
    write_dyad_years(path, curve_dyad_years)
    return path


@pytest.fixture(scope="session")
def small_grid_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("grid") / "small_grid.toml"
    path.write_text(SMALL_GRID, encoding="utf-8")
    return path

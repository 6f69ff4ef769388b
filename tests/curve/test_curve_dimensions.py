"""The curve's dimensions beyond the measure and the outcome: each changes the sample or the
design as curve_grid.toml declares, on the simulated dyad_years (tests/curve/synthetic_curve.py)."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.formula.api as smf

from dpeace.curve.fit import _UnitDesign, fit_batch
from dpeace.curve.frame import load_frame
from dpeace.curve.grid import load_grid

# 3 democracy levels x 2 timings x 3 reference groups x 2 outcomes x 2 control sets
# x 2 peace-year terms x 2 period effects x 2 ongoing rules = 576
DIMENSIONS_GRID = """
specifications = 576

[main]
democracy = "polity2_ge_6"
timing = "same_year"
reference = "all"
outcome = "mid_onset"
sample = "all"
controls = "base"
temporal = "cubic"
time_effects = "none"
ongoing = "drop"

[records.mid]
label = "MID"
coverage = "mid_onset"
ongoing = "mid_ongoing"

[records.gml]
label = "GML"
coverage = "gml_onset"
ongoing = "gml_ongoing"

[[democracy]]
id = "polity2_ge"
label = "Polity2 both >= {k}"
column = "polity2_low"
thresholds = [6, 8]
lag_column = "polity2_lag_low"
pair = ["polity2_1", "polity2_2"]

[[democracy]]
id = "weak_link"
label = "Weak link"
column = "polity2_low"
lag_column = "polity2_lag_low"
pair = ["polity2_low", "polity2_high"]
pair_threshold = 6

[[timing]]
id = "same_year"
label = "Same year"

[[timing]]
id = "lagged"
label = "Year before"

[[reference]]
id = "all"
label = "All other pairs"

[[reference]]
id = "autocracies"
label = "Pairs of non-democracies"
compared = [0]

[[reference]]
id = "mixed"
label = "Mixed pairs"
compared = [1]

[[outcome]]
id = "mid_onset"
label = "Any dispute onset"
column = "mid_onset"

[[outcome]]
id = "gml_onset"
label = "Any dispute onset (GML)"
column = "gml_onset"
record = "gml"

[[sample]]
id = "all"
label = "All dyads"

[[controls]]
id = "base"
label = "Base"
columns = ["contiguous", "any_major_power", "log_cap_ratio"]

[[controls]]
id = "kantian"
label = "+ Kantian"
columns = ["contiguous", "any_major_power", "log_cap_ratio", "trade_dependence_low", "shared_igos"]

[[temporal]]
id = "cubic"
label = "Cubic"
columns = ["peace_years", "peace_years_sq", "peace_years_cu"]

[[temporal]]
id = "cubic_since_onset"
label = "Cubic since onset"
cubic = "peace_years_since_onset"

[[time_effects]]
id = "none"
label = "None"

[[time_effects]]
id = "decade"
label = "Decades"
period = 10

[[ongoing]]
id = "drop"
label = "Dropped"

[[ongoing]]
id = "keep"
label = "Kept"
"""


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    path = tmp_path_factory.mktemp("dimensions") / "grid.toml"
    path.write_text(DIMENSIONS_GRID, encoding="utf-8")
    return load_grid(path)


@pytest.fixture(scope="module")
def frame(grid, curve_database):
    return load_frame(curve_database, grid)


@pytest.fixture(scope="module")
def table(curve_dyad_years):
    frame = curve_dyad_years.sort_values(["ccode1", "ccode2", "year"], ignore_index=True).copy()
    for column in frame.columns:
        if str(frame[column].dtype) in ("boolean", "bool"):
            frame[column] = frame[column].astype("float64")
    return frame


def _spec(grid, **levels):
    """The main specification with the given dimensions moved."""
    return next(
        spec
        for spec in grid.specifications
        if all(spec.level(d).id == levels.get(d, grid.main[d]) for d in grid.main)
    )


def _design(grid, frame, **levels):
    spec = _spec(grid, **levels)
    design = _UnitDesign(frame, spec)
    design.set_democracy(spec)
    return design


def _main_rows(table, democracy="polity2_low"):
    """The main specification's rows by hand: MID years, ongoing years dropped, complete cases."""
    keep = table["mid_onset"].notna() & ~((table["mid_ongoing"] == 1) & (table["mid_onset"] == 0))
    for column in [democracy, "contiguous", "any_major_power", "log_cap_ratio", "peace_years"]:
        keep &= table[column].notna()
    return keep


def test_the_grid_crosses_every_dimension(grid):
    assert len(grid.specifications) == grid.declared_count == 576
    assert {spec.outcome.record for spec in grid.specifications} == {"mid", "gml"}


def test_the_lagged_timing_enters_the_year_befores_democracy(grid, frame, table):
    same = _design(grid, frame)
    lagged = _design(grid, frame, timing="lagged")
    assert same.names[1] == "polity2_low" and lagged.names[1] == "polity2_lag_low"
    expected = _main_rows(table, "polity2_lag_low")
    assert len(lagged.rows) == int(expected.sum()) != len(same.rows)
    np.testing.assert_array_equal(
        lagged.matrix[:, 1], (table.loc[expected, "polity2_lag_low"] >= 6).to_numpy()
    )


@pytest.mark.parametrize(("reference", "kept"), [("autocracies", {0, 2}), ("mixed", {1, 2})])
@pytest.mark.parametrize(("democracy", "cut"), [("polity2_ge_6", 6), ("polity2_ge_8", 8), ("weak_link", 6)])
def test_a_reference_group_keeps_joint_democracies_and_the_pairs_compared(
    grid, frame, table, reference, kept, democracy, cut
):
    design = _design(grid, frame, reference=reference, democracy=democracy)
    democracies = (table["polity2_1"] >= cut).astype(int) + (table["polity2_2"] >= cut).astype(int)
    expected = _main_rows(table) & table["polity2_1"].notna() & table["polity2_2"].notna()
    expected &= democracies.isin(kept)
    assert len(design.rows) == int(expected.sum())
    assert len(design.rows) < len(_design(grid, frame, democracy=democracy).rows)
    if democracy != "weak_link":  # 1 exactly for the jointly democratic pairs, 0 for the others kept
        np.testing.assert_array_equal(design.matrix[:, 1], (democracies[expected] == 2).to_numpy())


def test_a_gml_outcome_takes_gmls_coverage_and_ongoing_years(grid, frame, table):
    design = _design(grid, frame, outcome="gml_onset")
    keep = table["gml_onset"].notna() & ~((table["gml_ongoing"] == 1) & (table["gml_onset"] == 0))
    for column in ["polity2_low", "contiguous", "any_major_power", "log_cap_ratio", "peace_years"]:
        keep &= table[column].notna()
    assert len(design.rows) == int(keep.sum())
    assert design.outcome.sum() == table.loc[keep, "gml_onset"].sum()
    kept = _design(grid, frame, outcome="gml_onset", ongoing="keep")
    assert len(kept.rows) > len(design.rows)


def test_the_kantian_controls_enter_and_their_missing_years_leave(grid, frame, table):
    design = _design(grid, frame, controls="kantian")
    assert design.names[-5:] == (
        "trade_dependence_low",
        "shared_igos",
        "peace_years",
        "peace_years_sq",
        "peace_years_cu",
    )
    expected = _main_rows(table) & table["trade_dependence_low"].notna() & table["shared_igos"].notna()
    assert len(design.rows) == int(expected.sum()) < int(_main_rows(table).sum())


def test_peace_years_since_onset_enter_as_a_cubic(grid, frame, table):
    design = _design(grid, frame, temporal="cubic_since_onset")
    x = table.loc[
        _main_rows(table) & table["peace_years_since_onset"].notna(), "peace_years_since_onset"
    ].to_numpy()
    np.testing.assert_array_equal(design.matrix[:, -3:], np.column_stack([x, x**2, x**3]))


def test_decade_effects_match_statsmodels_with_one_indicator_per_decade(grid, frame, table):
    # The simulated years are 1920-1969 (MID to 1969): five decades, every one with onsets,
    # so four indicators and no rows dropped.
    spec = _spec(grid, time_effects="decade", timing="lagged", reference="autocracies")
    design = _UnitDesign(frame, spec)
    assert design.names[-4:] == ("period_1930", "period_1940", "period_1950", "period_1960")
    assert design.indicators.count == 4  # held as one category per row (model/indicators.py)
    assert design.matrix.shape[1] == len(design.names) - 4
    [row] = fit_batch(frame, (spec,))
    democracies = (table["polity2_1"] >= 6).astype(int) + (table["polity2_2"] >= 6).astype(int)
    scored = table["polity2_1"].notna() & table["polity2_2"].notna()
    sample = table[_main_rows(table, "polity2_lag_low") & scored & democracies.isin({0, 2})].copy()
    sample["democracy"] = (sample["polity2_lag_low"] >= 6).astype(float)
    sample["decade"] = (sample["year"] // 10 * 10).astype(int).astype(str)
    reference = smf.logit(
        "mid_onset ~ democracy + contiguous + any_major_power + log_cap_ratio + peace_years + peace_years_sq"
        " + peace_years_cu + C(decade)",
        data=sample,
    ).fit(
        method="newton",
        maxiter=100,
        disp=0,
        cov_type="cluster",
        cov_kwds={"groups": (sample["ccode1"] * 1000 + sample["ccode2"]).to_numpy()},
    )
    assert row["n"] == len(sample) and row["estimator"] == "logit"
    assert row["estimate"] == pytest.approx(reference.params["democracy"], rel=1e-6, abs=1e-6)
    assert row["se_dyad_clustered"] == pytest.approx(reference.bse["democracy"], rel=1e-6, abs=1e-6)


def test_a_decade_without_events_leaves_with_its_rows(grid, frame):
    # The 1940s to the 1960s with every onset of the 1950s removed: the 1950s have no finite
    # effect, so their rows leave; the 1940s are the reference, the 1960s get an indicator.
    from dpeace.curve.fit import _period_indicators, _rows_of_varying_periods

    years = frame.columns["year"]
    outcome = frame.columns["mid_onset"].copy()
    rows = np.flatnonzero(~np.isnan(outcome) & (years >= 1940))
    outcome[(years >= 1950) & (years < 1960)] = 0.0
    kept = _rows_of_varying_periods(rows, years, outcome, 10)
    names, indicator_of_row = _period_indicators(kept, years, 10)
    assert names == ("period_1960",)
    assert set(years[kept]) == set(range(1940, 1950)) | set(range(1960, 1970))
    assert len(kept) == int(np.sum(~((years[rows] >= 1950) & (years[rows] < 1960))))
    np.testing.assert_array_equal(indicator_of_row, np.where(years[kept] >= 1960, 0, -1))


def _rows_by_hand(frame, spec, names):
    """A specification's rows straight from the whole table: every condition tested on every
    row (the batch's shared rows must give exactly these)."""
    columns = frame.columns
    outcome = columns[spec.outcome.columns[0]]
    covered, continuing = frame.record(spec.outcome.record)
    keep = covered & ~np.isnan(outcome)
    if spec.sample.columns:
        keep &= columns[spec.sample.columns[0]] == 1
    if spec.ongoing.id == "drop":
        keep &= ~continuing
    if spec.era.years is not None:
        keep &= (columns["year"] >= spec.era.years[0]) & (columns["year"] <= spec.era.years[1])
    if spec.reference.compared is not None:
        keep &= np.isin(frame.democrats(spec.democracy), (*spec.reference.compared, 2))
    for name in names:
        keep &= ~np.isnan(columns[name])
    rows = np.flatnonzero(keep)
    period = spec.time_effects.period
    if period and 0 < outcome[rows].sum() < len(rows):
        decade = columns["year"][rows] // period
        varying = {d for d in set(decade) if 0 < outcome[rows][decade == d].sum() < np.sum(decade == d)}
        rows = rows[np.isin(decade, list(varying))]
    return rows


def test_every_design_taken_from_the_batch_rows_equals_one_built_from_the_whole_table(grid, frame):
    # Each batch finds its shared rows once and builds its units' designs from them; every
    # design must have exactly the rows, columns, periods and clusters of one built row by
    # row from the whole table: every reference group, record, period rule and ongoing rule.
    # The table is edited so that every rule removes rows: peace years missing here and
    # there (the time terms of some batches only), and no MID onset in the 1950s (a decade
    # whose rows leave the decade-effects specifications).
    from dpeace.curve.fit import _DesignsOfBatch
    from dpeace.curve.frame import frame_from_columns

    columns = {name: values.copy() for name, values in frame.columns.items()}
    rows = np.arange(frame.n_rows)
    columns["peace_years"][rows % 11 == 3] = np.nan
    columns["peace_years_since_onset"][rows % 13 == 5] = np.nan
    fifties = (columns["year"] >= 1950) & (columns["year"] < 1960) & ~np.isnan(columns["mid_onset"])
    columns["mid_onset"][fifties] = 0.0
    # nor in the first decade: the MID designs' reference is then a later decade than the batch's first
    first_decade = columns["year"] < np.nanmin(columns["year"]) // 10 * 10 + 10
    columns["mid_onset"][first_decade & ~np.isnan(columns["mid_onset"])] = 0.0
    frame = frame_from_columns(columns, grid)
    columns = frame.columns
    dropped_periods = 0
    later_reference = 0
    checked = 0
    for batch in grid.batches():
        designs = _DesignsOfBatch(frame)
        for spec in batch:
            design = designs.for_unit(spec)
            design.set_democracy(spec)
            periods = 0 if design.indicators is None else design.indicators.count
            plain = design.names[1 : len(design.names) - periods]
            rows = _rows_by_hand(frame, spec, plain)
            dropped_periods += bool(periods) and not np.any(columns["year"][rows] // 10 == 195)
            np.testing.assert_array_equal(np.sort(design.rows), rows)
            if periods:
                # the design's rows: sorted by decade, the first (the reference) last, in
                # table order within a decade
                decade = columns["year"][rows] // 10
                category = np.where(decade == decade.min(), 10_000, decade)
                rows = rows[np.argsort(category, kind="stable")]
            np.testing.assert_array_equal(design.rows, rows)
            if periods:
                # the batch holds its rows sorted by decade once; where the unit lacks the batch's
                # first decade its reference is a later one, moved behind the others
                batch_first = columns["year"][design.batch_rows.rows].min() // 10
                later_reference += bool(columns["year"][rows[-1]] // 10 != batch_first)
            assert design.names[1] == spec.democracy_column
            np.testing.assert_array_equal(design.matrix[:, 0], 1.0)
            source = columns[spec.democracy_column][rows]
            expected = source if spec.democracy.threshold is None else source >= spec.democracy.threshold
            np.testing.assert_array_equal(design.matrix[:, 1], expected)
            for j, name in enumerate(plain[1:], start=2):
                np.testing.assert_array_equal(design.matrix[:, j], columns[name][rows])
            np.testing.assert_array_equal(design.outcome, columns[spec.outcome.columns[0]][rows])
            # Firth's inputs: the rows in table order, the indicators written out, dyads as clusters
            table_rows = np.sort(rows)
            firth_matrix, firth_outcome, firth_groups = design.firth_inputs()
            np.testing.assert_array_equal(firth_outcome, columns[spec.outcome.columns[0]][table_rows])
            for j, name in enumerate(plain[1:], start=2):
                np.testing.assert_array_equal(firth_matrix[:, j], columns[name][table_rows])
            table_pairs = columns["ccode1"][table_rows] * 1000 + columns["ccode2"][table_rows]
            np.testing.assert_array_equal(
                firth_groups.starts, np.flatnonzero(np.r_[True, table_pairs[1:] != table_pairs[:-1]])
            )
            assert firth_groups.run_cluster is None
            if periods:
                decades = sorted({int(year) // 10 * 10 for year in columns["year"][rows]})
                assert design.names[-periods:] == tuple(f"period_{start}" for start in decades[1:])
                for j, start in enumerate(decades[1:], start=len(design.names) - periods):
                    np.testing.assert_array_equal(
                        firth_matrix[:, j], columns["year"][table_rows] // 10 * 10 == start
                    )
            # each row's cluster is its dyad, the clusters numbered in table order
            pairs = columns["ccode1"][rows] * 1000 + columns["ccode2"][rows]
            run_lengths = np.diff(np.append(design.groups.starts, len(rows)))
            runs = np.arange(len(run_lengths))
            run_cluster = runs if design.groups.run_cluster is None else design.groups.run_cluster
            dyads, first_of_dyad, dyad_of_row = np.unique(pairs, return_index=True, return_inverse=True)
            np.testing.assert_array_equal(np.repeat(run_cluster, run_lengths), dyad_of_row)
            assert design.groups.count == len(dyads)
            starts = first_of_dyad
            first = rows[starts]
            np.testing.assert_array_equal(
                design.groups.states, np.column_stack([columns["ccode1"][first], columns["ccode2"][first]])
            )
            states = np.unique(design.groups.states)
            assert design.groups.n_states == len(states)
            np.testing.assert_array_equal(states[design.groups.state_index], design.groups.states)
            checked += 1
    assert checked == len(grid.specifications) == 576
    assert dropped_periods > 0
    assert later_reference > 0

"""Cutting each model's sample: coverage, ongoing years, filters, incomplete cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dpeace.database import write_atomically
from dpeace.errors import ModelError
from dpeace.model.sample import load_dyad_years, load_table, select_sample
from dpeace.model.specification import ModelSpec

# Two dyads by hand. Rows 2 and 7 continue a dispute begun the year before; row 4 lacks
# joint_democracy (a polity2 is missing); rows 5 and 10 lie beyond MID coverage.
TINY_ROWS = [
    # ccode1 ccode2 year  onset  ongoing joint  contiguous major relevant
    (2, 20, 1900, True, True, False, True, True, True),
    (2, 20, 1901, False, True, False, True, True, True),
    (2, 20, 1902, False, False, True, True, True, True),
    (2, 20, 1903, True, True, None, True, True, True),
    (2, 20, 2015, None, None, True, True, True, True),
    (20, 200, 1900, False, False, True, False, False, False),
    (20, 200, 1901, False, True, False, False, False, False),
    (20, 200, 1950, True, True, False, False, False, False),
    (20, 200, 1951, False, False, True, False, False, False),
    (20, 200, 2016, None, None, False, False, False, False),
]
COLUMNS = [
    "ccode1",
    "ccode2",
    "year",
    "mid_onset",
    "mid_ongoing",
    "joint_democracy",
    "contiguous",
    "any_major_power",
    "politically_relevant",
]


def bivariate(**changes) -> ModelSpec:
    fields = dict(
        id="tiny",
        label="tiny",
        description="tiny",
        estimator="logit",
        outcome="mid_onset",
        democracy_term="joint_democracy",
        controls=(),
        sample="all",
        ongoing="drop",
    )
    return ModelSpec(**{**fields, **changes})


@pytest.fixture()
def tiny_database(tmp_path):
    frame = pd.DataFrame(TINY_ROWS, columns=COLUMNS)
    for column in COLUMNS[3:]:
        frame[column] = frame[column].astype("boolean")
    path = tmp_path / "tiny.duckdb"
    with write_atomically(path) as con:
        con.register("tiny", frame)
        con.execute("CREATE TABLE dyad_years AS SELECT * FROM tiny")
    return path


def sample_of(database, spec):
    return select_sample(load_dyad_years(database, [spec]), spec)


@pytest.mark.parametrize(
    ("changes", "n_sample", "n_dropped_missing", "n", "n_events"),
    [
        ({"ongoing": "drop"}, 6, 1, 5, 2),  # rows 1 3 4 6 8 9 in the sample; row 4 incomplete
        ({"ongoing": "keep"}, 8, 1, 7, 2),  # rows 2 and 7 come back, coded as no onset
        ({"sample": "politically_relevant"}, 3, 1, 2, 1),  # dyad 2-20 only: rows 1 3 4
        ({"years": (1900, 1949)}, 4, 1, 3, 1),  # rows 1 3 4 6
    ],
)
def test_sample_sizes_on_a_hand_made_table(tiny_database, changes, n_sample, n_dropped_missing, n, n_events):
    sample = sample_of(tiny_database, bivariate(**changes))
    assert (sample.n_sample, sample.n_dropped_missing, sample.n) == (n_sample, n_dropped_missing, n)
    assert sample.outcome.sum() == n_events


def test_an_unknown_outcome_inside_mid_coverage_is_missing_data_not_outside_the_sample(tiny_database):
    # fatal_onset is NULL when an onset's fatalities are unknown (row 1 here), as well as
    # beyond MID coverage (rows 5 and 10): only the first is an incomplete case.
    with write_atomically(tiny_database, start_from_existing=True) as con:
        con.execute(
            "ALTER TABLE dyad_years ADD COLUMN fatal_onset BOOLEAN;"
            "UPDATE dyad_years SET fatal_onset = CASE WHEN year = 1900 AND ccode2 = 20 THEN NULL "
            "ELSE mid_onset AND year = 1950 END"
        )
    sample = sample_of(tiny_database, bivariate(outcome="fatal_onset"))
    # rows 1 3 4 6 8 9 in the sample; row 1 lacks the outcome, row 4 joint_democracy
    assert (sample.n_sample, sample.n_dropped_missing, sample.n) == (6, 2, 4)
    np.testing.assert_array_equal(sample.outcome, [0, 0, 1, 0])
    np.testing.assert_array_equal(sample.years, [1902, 1900, 1950, 1951])


def test_a_gml_outcome_takes_gml_coverage_and_gml_ongoing_years(tiny_database):
    # GML by hand: it covers to 1950 (NULL in 1951, 2015, 2016); it has no dispute for 2-20
    # in 1900-1901, an onset in 1902 going on in 1903, and MID's 20-200 1950 onset.
    gml = {
        (20, 1900): (False, False),
        (20, 1901): (False, False),
        (20, 1902): (True, True),
        (20, 1903): (False, True),
        (200, 1900): (False, False),
        (200, 1901): (False, False),
        (200, 1950): (True, True),
    }
    with write_atomically(tiny_database, start_from_existing=True) as con:
        con.execute(
            "ALTER TABLE dyad_years ADD COLUMN gml_onset BOOLEAN; ALTER TABLE dyad_years ADD COLUMN gml_ongoing BOOLEAN"
        )
        for (ccode2, year), (onset, ongoing) in gml.items():
            con.execute(
                "UPDATE dyad_years SET gml_onset = ?, gml_ongoing = ? WHERE ccode2 = ? AND year = ?",
                [onset, ongoing, ccode2, year],
            )
    sample = sample_of(tiny_database, bivariate(outcome="gml_onset"))
    # In GML's years: rows 1 2 3 4 6 7 8; row 4 continues GML's 1902 dispute (dropped, though
    # MID has an onset there); row 2 is no continuing year in GML (kept, though MID's is).
    # Of rows 1 2 3 6 7 8, none lacks joint_democracy.
    assert (sample.n_sample, sample.n_dropped_missing, sample.n) == (6, 0, 6)
    np.testing.assert_array_equal(sample.outcome, [0, 0, 1, 0, 0, 1])
    np.testing.assert_array_equal(sample.years, [1900, 1901, 1902, 1900, 1901, 1950])


def test_the_design_is_intercept_then_regressors_as_floats_clustered_by_dyad(tiny_database):
    sample = sample_of(tiny_database, bivariate(controls=("contiguous",)))
    assert list(sample.design.columns) == ["const", "joint_democracy", "contiguous"]
    assert sample.design.dtypes.eq(float).all()
    # rows 1 3 6 8 9, in key order
    np.testing.assert_array_equal(sample.design["joint_democracy"], [0, 1, 1, 0, 1])
    np.testing.assert_array_equal(sample.design["contiguous"], [1, 1, 0, 0, 0])
    np.testing.assert_array_equal(sample.outcome, [1, 0, 0, 1, 0])
    np.testing.assert_array_equal(sample.clusters, [2020, 2020, 20200, 20200, 20200])
    np.testing.assert_array_equal(sample.years, [1900, 1902, 1900, 1950, 1951])


def test_a_regressor_constant_in_the_sample_is_refused(tiny_database):
    spec = bivariate(sample="politically_relevant", controls=("contiguous",))
    with pytest.raises(ModelError, match="model 'tiny': column contiguous is constant"):
        sample_of(tiny_database, spec)


def test_an_outcome_without_events_is_refused(tiny_database):
    with pytest.raises(ModelError, match="model 'tiny': the outcome mid_onset is constant"):
        sample_of(tiny_database, bivariate(years=(1901, 1902)))


def test_a_column_missing_from_the_database_names_the_model(tiny_database):
    with write_atomically(tiny_database, start_from_existing=True) as con:
        con.execute("ALTER TABLE dyad_years DROP COLUMN politically_relevant")
    spec = bivariate(id="relevant_only", sample="politically_relevant")
    with pytest.raises(
        ModelError, match="model 'relevant_only' uses column politically_relevant, which dyad_years"
    ):
        load_dyad_years(tiny_database, [spec])


def test_a_database_without_dyad_years_asks_for_a_build(tmp_path):
    path = tmp_path / "empty.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE something_else (x INTEGER)")
    with pytest.raises(ModelError, match="has no dyad_years table: run the build first"):
        load_dyad_years(path, [bivariate()])


def _long_frame(contiguous: np.ndarray) -> pd.DataFrame:
    """10,000 dyad-years of one pair, onsets in every tenth, democracy alternating."""
    n = len(contiguous)
    return pd.DataFrame(
        {
            "ccode1": np.full(n, 2.0),
            "ccode2": np.full(n, 20.0),
            "year": np.arange(n, dtype=float),
            "mid_onset": (np.arange(n) % 10 == 0).astype(float),
            "mid_ongoing": (np.arange(n) % 10 == 0).astype(float),
            "joint_democracy": (np.arange(n) % 2).astype(float),
            "contiguous": contiguous,
        }
    )


def test_a_regressor_that_varies_only_after_its_first_rows_is_kept_and_one_constant_throughout_refused():
    spec = bivariate(controls=("contiguous",))
    late = np.zeros(10_000)
    late[9_500:] = 1.0
    sample = select_sample(_long_frame(late), spec)
    assert sample.design["contiguous"].sum() == 500
    assert sample.design.to_numpy().flags["F_CONTIGUOUS"]  # the engine takes it as it is
    with pytest.raises(ModelError, match="column contiguous is constant"):
        select_sample(_long_frame(np.zeros(10_000)), spec)


@pytest.mark.parametrize(
    ("changes", "years"),
    [
        # The hand-made rows of each sample (test_sample_sizes_on_a_hand_made_table), incomplete ones included.
        ({"ongoing": "drop"}, [1900, 1902, 1903, 1900, 1950, 1951]),  # rows 1 3 4 6 8 9
        ({"ongoing": "keep"}, [1900, 1901, 1902, 1903, 1900, 1901, 1950, 1951]),
        ({"sample": "politically_relevant"}, [1900, 1902, 1903]),  # rows 1 3 4
        ({"years": (1900, 1949)}, [1900, 1902, 1903, 1900]),  # rows 1 3 4 6
    ],
)
def test_a_table_loaded_for_one_model_holds_its_samples_rows_and_the_same_sample(
    tiny_database, changes, years
):
    spec = bivariate(**changes)
    rows = load_table(tiny_database, "dyad_years", [spec], sample_of=spec)
    np.testing.assert_array_equal(rows["year"], years)
    whole, alone = select_sample(load_dyad_years(tiny_database, [spec]), spec), select_sample(rows, spec)
    assert (alone.n_sample, alone.n_dropped_missing, alone.n) == (
        whole.n_sample,
        whole.n_dropped_missing,
        whole.n,
    )
    pd.testing.assert_frame_equal(alone.design, whole.design)
    for field in ("outcome", "clusters", "years", "states"):
        np.testing.assert_array_equal(getattr(alone, field), getattr(whole, field))


def test_a_row_whose_ongoing_flag_is_unknown_is_no_continuing_year(tiny_database):
    # Row 6 (20-200, 1900, no onset) with its ongoing flag NULL: the mask keeps it (NULL is
    # not 1), and so must the rows loaded for the model.
    with write_atomically(tiny_database, start_from_existing=True) as con:
        con.execute("UPDATE dyad_years SET mid_ongoing = NULL WHERE ccode2 = 200 AND year = 1900")
    spec = bivariate()
    rows = load_table(tiny_database, "dyad_years", [spec], sample_of=spec)
    np.testing.assert_array_equal(rows["year"], [1900, 1902, 1903, 1900, 1950, 1951])
    assert np.isnan(rows["mid_ongoing"][3])
    assert select_sample(rows, spec).n_sample == 6


def test_every_column_type_loads_as_the_doubles_a_cast_gives(tmp_path):
    path = tmp_path / "types.duckdb"
    with write_atomically(path) as con:
        con.execute(
            "CREATE TABLE dyad_years AS SELECT * FROM (VALUES "
            "(2, 20, 1900, true, false, true, 3::SMALLINT, 9007199254740993::BIGINT, 1.25::DECIMAL(9, 2), 0.5::FLOAT), "
            "(2, 20, 1901, false, NULL, NULL, NULL, NULL, NULL, NULL), "
            "(2, 20, 1902, NULL, false, false, -7::SMALLINT, -1::BIGINT, -0.5::DECIMAL(9, 2), -2.0::FLOAT)"
            ") AS t(ccode1, ccode2, year, mid_onset, mid_ongoing, joint_democracy, a_small, a_big, a_decimal, a_float)"
        )
        expected = con.execute(
            "SELECT "
            + ", ".join(
                f"CAST({c} AS DOUBLE)"
                for c in ("joint_democracy", "a_small", "a_big", "a_decimal", "a_float")
            )
            + " FROM dyad_years ORDER BY year"
        ).fetchall()
    spec = bivariate(controls=("a_small", "a_big", "a_decimal", "a_float"))
    frame = load_dyad_years(path, [spec])
    assert all(values.dtype == np.float64 for values in frame.values())
    loaded = np.column_stack(
        [frame[c] for c in ("joint_democracy", "a_small", "a_big", "a_decimal", "a_float")]
    )
    np.testing.assert_array_equal(loaded, np.array(expected, dtype=float))  # NULL as NaN
    assert loaded[0].tolist() == [1.0, 3.0, 9007199254740992.0, 1.25, 0.5]
    np.testing.assert_array_equal(frame["mid_onset"], [1.0, 0.0, np.nan])


@pytest.mark.parametrize("wide_keys", [False, True])
def test_rows_stored_out_of_key_order_load_in_key_order(tmp_path, wide_keys):
    # The rows inserted in a scrambled order, each row's values tied to its keys; with wide
    # keys (ranges whose product passes 2**62) the order comes from numpy's lexsort.
    scale = 10**12 if wide_keys else 1
    keys = [(2, 20, 1900), (2, 20, 1901), (2, 200, 1900), (20, 200, 1850), (20, 200, 1900), (31, 40, 1816)]
    scrambled = [keys[i] for i in (4, 0, 5, 2, 1, 3)]
    path = tmp_path / "scrambled.duckdb"
    with write_atomically(path) as con:
        con.execute(
            "CREATE TABLE dyad_years (ccode1 BIGINT, ccode2 BIGINT, year BIGINT, mid_onset BOOLEAN, "
            "mid_ongoing BOOLEAN, joint_democracy DOUBLE)"
        )
        for ccode1, ccode2, year in scrambled:
            con.execute(
                "INSERT INTO dyad_years VALUES (?, ?, ?, ?, false, ?)",
                [ccode1 * scale, ccode2 * scale, year, year == 1900, ccode2 + year / 10000],
            )
    frame = load_dyad_years(path, [bivariate()])
    np.testing.assert_array_equal(frame["ccode1"], [k[0] * scale for k in keys])
    np.testing.assert_array_equal(frame["ccode2"], [k[1] * scale for k in keys])
    np.testing.assert_array_equal(frame["year"], [k[2] for k in keys])
    np.testing.assert_array_equal(frame["joint_democracy"], [k[1] + k[2] / 10000 for k in keys])
    np.testing.assert_array_equal(frame["mid_onset"], [k[2] == 1900 for k in keys])

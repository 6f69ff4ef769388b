"""Exports read back in pandas equal to the query they came from; .dta carries the labels."""

from __future__ import annotations

import pandas as pd
import pytest

from dpeace.database import write_atomically
from dpeace.errors import QueryError
from dpeace.query.export import export_table, stata_variable_names
from dpeace.query.run_sql import open_database

SELECTED = (
    "SELECT ccode1, ccode2, year, mid_onset, mid_onset_count, joint_democracy, cap_ratio FROM dyad_years"
)
COLUMNS = ["ccode1", "ccode2", "year", "mid_onset", "mid_onset_count", "joint_democracy", "cap_ratio"]


def expected_frame(database, where: str) -> pd.DataFrame:
    return open_database(database).execute(f"{SELECTED} WHERE {where}").df()


def test_parquet_round_trip(fixture_database, tmp_path):
    con = open_database(fixture_database)
    path, rows = export_table(
        con, "dyad_years", "parquet", tmp_path / "out.parquet", where="year >= 2001", columns=COLUMNS
    )
    assert (path, rows) == (tmp_path / "out.parquet", 12)
    read_back = pd.read_parquet(path, dtype_backend="numpy_nullable")
    expected = expected_frame(fixture_database, "year >= 2001")
    # Parquet keeps the types: both sides are read as pandas' nullable dtypes to compare them.
    pd.testing.assert_frame_equal(read_back, expected.convert_dtypes())


def test_csv_round_trip(fixture_database, tmp_path):
    con = open_database(fixture_database)
    path, rows = export_table(
        con, "dyad_years", "csv", tmp_path / "out.csv", where="ccode1 = 2", columns=COLUMNS
    )
    assert rows == 8
    read_back = pd.read_csv(path)
    expected = expected_frame(fixture_database, "ccode1 = 2")
    assert list(read_back.columns) == COLUMNS
    # CSV has no types: compare values, with missing values as missing on both sides.
    pd.testing.assert_frame_equal(
        read_back.astype(object).where(read_back.notna(), None),
        expected.astype(object).where(expected.notna(), None),
        check_dtype=False,
    )


def test_stata_round_trip_with_variable_labels(fixture_database, tmp_path, sample_dictionary):
    con = open_database(fixture_database)
    path, rows = export_table(
        con,
        "dyad_years",
        "dta",
        tmp_path / "out.dta",
        where="year <= 2002",
        columns=COLUMNS,
        dictionary=sample_dictionary,
    )
    assert rows == 12
    read_back = pd.read_stata(path)
    expected = expected_frame(fixture_database, "year <= 2002")
    assert list(read_back.columns) == COLUMNS
    # Booleans become 0/1 in Stata, NULL becomes Stata's missing value.
    for column in ["mid_onset", "joint_democracy"]:
        expected[column] = expected[column].astype("Int8")
    pd.testing.assert_frame_equal(read_back, expected, check_dtype=False)

    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        data_label = reader.data_label
    meanings = sample_dictionary["dyad_years"]["columns"]
    assert labels == {
        "ccode1": meanings["ccode1"],
        "ccode2": meanings["ccode2"],
        "year": meanings["year"],
        # 141 characters; without its parenthetical remark still 92, so the clause after
        # " - " goes too: 64 (issue 15: shortened at a boundary, never cut mid-phrase).
        "mid_onset": "A militarized interstate dispute between the two began this year",
        "mid_onset_count": "",
        "joint_democracy": meanings["joint_democracy"],
        "cap_ratio": "",
    }
    assert len(meanings["mid_onset"]) > 80 and len(labels["mid_onset"]) == 64
    assert data_label == sample_dictionary["dyad_years"]["description"]


def test_default_path_is_the_data_folders_exports(fixture_database, data_dir):
    path, rows = export_table(open_database(fixture_database), "state_years", "csv")
    assert path == data_dir / "exports" / "state_years.csv"
    assert rows == 16 and len(pd.read_csv(path)) == 16


def test_a_failed_export_leaves_the_previous_file_and_no_temporary_file(fixture_database, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "out.csv"
    target.write_text("previous\n")
    with pytest.raises(QueryError) as caught:
        export_table(open_database(fixture_database), "dyad_years", "csv", target, where="yeer > 2000")
    assert 'Referenced column "yeer" not found' in str(caught.value)
    assert target.read_text() == "previous\n"
    assert [path.name for path in exports.iterdir()] == ["out.csv"]


def test_unknown_tables_and_columns_are_refused(fixture_database, tmp_path):
    con = open_database(fixture_database)
    with pytest.raises(QueryError, match=r"^no table 'wars' in the database"):
        export_table(con, "wars", "csv", tmp_path / "x.csv")
    with pytest.raises(QueryError, match=r"^no column 'polity3' in state_years \(columns: ccode, year,"):
        export_table(con, "state_years", "csv", tmp_path / "x.csv", columns=["ccode", "polity3"])


def test_stata_names_are_valid_distinct_and_at_most_32_characters():
    long_name = "share_of_dyad_years_with_a_dispute_onset"
    assert stata_variable_names([long_name, long_name + "_b", "in", "2nd", "str80", "mid onset", "year"]) == {
        long_name: "share_of_dyad_years_with_a_dispu",
        long_name + "_b": "share_of_dyad_years_with_a_dis_1",
        "in": "_in",
        "2nd": "_2nd",
        "str80": "_str80",
        "mid onset": "mid_onset",
        "year": "year",
    }


def test_a_text_column_of_only_nulls_exports_to_stata_as_empty_strings(fixture_database, tmp_path):
    # The fixture's war_name is NULL in every 2002 row (no war that year).
    export_table(
        open_database(fixture_database), "dyad_years", "dta", tmp_path / "out.dta", where="year = 2002"
    )
    assert pd.read_stata(tmp_path / "out.dta")["war_name"].tolist() == ["", "", "", ""]


def test_a_column_stata_cannot_hold_is_reported_plainly(tmp_path):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE alliances AS SELECT 2 AS ccode, [200, 220] AS partners")
    with pytest.raises(
        QueryError, match=r"^cannot write alliances as Stata \.dta: Column `partners` cannot be exported"
    ):
        export_table(open_database(path), "alliances", "dta", tmp_path / "alliances.dta")
    assert not (tmp_path / "alliances.dta").exists()


@pytest.mark.parametrize(
    "where",
    [
        # Closes the query and copies the rows to a file of its own choosing.
        "true\n) TO '{elsewhere}' (FORMAT csv); SELECT * FROM dyad_years WHERE (true",
        "true) TO '{elsewhere}' (FORMAT csv) --",
        "true; COPY dyad_years TO '{elsewhere}' (FORMAT csv)",
    ],
)
def test_a_condition_cannot_carry_statements_of_its_own(fixture_database, tmp_path, where):
    elsewhere = tmp_path / "elsewhere.csv"
    target = tmp_path / "out.csv"
    with pytest.raises(QueryError, match="Parser Error"):
        export_table(
            open_database(fixture_database),
            "dyad_years",
            "csv",
            target,
            where=where.format(elsewhere=elsewhere),
        )
    assert not elsewhere.exists() and not target.exists()


def test_a_condition_may_end_in_a_comment_and_use_columns_not_exported(fixture_database, tmp_path):
    path, rows = export_table(
        open_database(fixture_database),
        "dyad_years",
        "csv",
        tmp_path / "out.csv",
        where="joint_democracy AND year < 2015 -- the democratic dyads",
        columns=["ccode1", "ccode2"],
    )
    assert rows == 6
    assert pd.read_csv(path).columns.tolist() == ["ccode1", "ccode2"]


@pytest.fixture()
def database_with_settings(fixture_database, tmp_path):
    """The fixture database with an analysis_settings seed whose threshold is 7, not 6."""
    path = tmp_path / "with_settings.duckdb"
    path.write_bytes(fixture_database.read_bytes())
    with write_atomically(path, start_from_existing=True) as con:
        con.execute(
            "CREATE TABLE analysis_settings AS SELECT * FROM (VALUES ('joint_democracy_threshold', '7', 'x')) "
            "AS t(setting, value, description)"
        )
    return path


def test_stata_value_labels_round_trip_through_pandas(database_with_settings, tmp_path):
    from dpeace.transform.dictionary import load_dictionary

    path, rows = export_table(
        open_database(database_with_settings),
        "dyad_years",
        "dta",
        tmp_path / "dyads.dta",
        columns=["ccode1", "ccode2", "year", "hostlev_max", "joint_democracy"],
        dictionary=load_dictionary(),
    )
    assert rows == 16
    with pd.io.stata.StataReader(path) as reader:
        value_labels = reader.value_labels()
        labels = reader.variable_labels()
    assert value_labels["hostlev_max"] == {
        1: "no militarized action",
        2: "threat to use force",
        3: "display of force",
        4: "use of force",
        5: "war",
    }
    # The label keeps the key fact, with the threshold this database was built with.
    assert labels["joint_democracy"] == "Both states' polity2 >= 7 (NULL if either is missing)"
    # pandas reads a labelled column as its labels: 2-365 in 2000 was a use of force (4).
    read_back = pd.read_stata(path)
    by_dyad = read_back.set_index(["ccode1", "ccode2", "year"])["hostlev_max"]
    assert by_dyad[(2, 365, 2000)] == "use of force"
    assert by_dyad[(200, 365, 2001)] == "display of force"
    assert pd.isna(by_dyad[(200, 220, 2000)])


def test_a_stata_export_writes_the_full_descriptions_as_notes_in_a_do_file(fixture_database, tmp_path):
    dictionary = {
        "dyad_years": {
            "description": "Pairs per year; see `dpeace describe` and $HOME",
            "columns": {"year": "Calendar year", "mid_onset": "A dispute began " + "this year " * 12},
        }
    }
    export_table(
        open_database(fixture_database),
        "dyad_years",
        "dta",
        tmp_path / "dyads.dta",
        columns=["year", "mid_onset", "cap_ratio"],
        dictionary=dictionary,
    )
    notes = (tmp_path / "dyads.do").read_text("utf-8").splitlines()
    assert notes[2:] == [
        # A backquote would open a Stata macro, a dollar sign a global one.
        "notes: Pairs per year; see 'dpeace describe' and \\$HOME",
        "notes year: Calendar year",
        "notes mid_onset: A dispute began " + " ".join(["this year"] * 12),
    ]
    assert notes[0].startswith("* ") and notes[1].startswith("* In Stata: use dyads.dta, clear")


def test_a_refused_stata_export_leaves_no_do_file(tmp_path):
    path = tmp_path / "db.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE alliances AS SELECT [1, 2] AS partners")
    with pytest.raises(QueryError):
        export_table(open_database(path), "alliances", "dta", tmp_path / "alliances.dta")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.duckdb"]


def test_parquet_carries_the_descriptions_as_key_value_metadata(
    fixture_database, tmp_path, sample_dictionary
):
    import json

    import pyarrow.parquet as pq

    path, _ = export_table(
        open_database(fixture_database),
        "dyad_years",
        "parquet",
        tmp_path / "dyads.parquet",
        columns=["ccode1", "year", "joint_democracy", "cap_ratio"],
        dictionary=sample_dictionary,
    )
    metadata = {key.decode(): value.decode() for key, value in pq.read_metadata(path).metadata.items()}
    assert metadata["dpeace.table"] == "dyad_years"
    assert metadata["dpeace.description"] == sample_dictionary["dyad_years"]["description"]
    meanings = sample_dictionary["dyad_years"]["columns"]
    assert json.loads(metadata["dpeace.columns"]) == {
        "ccode1": meanings["ccode1"],
        "year": meanings["year"],
        "joint_democracy": meanings["joint_democracy"],
    }
    assert "dtype_backend='numpy_nullable'" in metadata["dpeace.reading_with_pandas"]
    # What the note says: a boolean with NULLs is object by default, boolean when asked.
    assert pd.read_parquet(path)["joint_democracy"].dtype == object
    assert pd.read_parquet(path, dtype_backend="numpy_nullable")["joint_democracy"].dtype == "boolean"

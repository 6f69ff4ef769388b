"""`describe`: the database decides what exists, the dictionary says what it means."""

from __future__ import annotations

import pytest

from dpeace.database import write_atomically
from dpeace.errors import QueryError
from dpeace.query.describe import NOT_IN_DICTIONARY, describe_table, existing_table, list_tables
from dpeace.query.run_sql import open_database


def test_list_tables_gives_kind_rows_and_description(fixture_database, sample_dictionary):
    result = list_tables(open_database(fixture_database), sample_dictionary)
    assert result.columns == ["layer", "table", "kind", "rows", "description"]
    assert result.rows == [
        ("marts", "dyad_years", "table", 16, "One row per pair of states (ccode1 < ccode2) per year"),
        ("marts", "state_years", "table", 16, "One row per COW member state per year"),
    ]


def test_tables_are_grouped_by_layer_in_the_data_order_then_by_name(tmp_path):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        for name in ("a_result", "b_mart", "c_staging", "d_unplaced", "e_seed"):
            con.execute(f"CREATE TABLE {name} AS SELECT 1 AS a")
    dictionary = {
        "a_result": {"description": "fit", "layer": "results"},
        "b_mart": {"description": "mart", "layer": "marts"},
        "c_staging": {"description": "typed", "layer": "staging"},
        "e_seed": {"description": "seed", "layer": "seeds"},
    }
    result = list_tables(open_database(path), dictionary)
    assert [(layer, table) for layer, table, *_ in result.rows] == [
        ("seeds", "e_seed"),
        ("staging", "c_staging"),
        ("marts", "b_mart"),
        ("results", "a_result"),
        ("other", "d_unplaced"),
    ]


def test_views_and_undocumented_tables_are_listed_too(tmp_path, sample_dictionary):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE scratch AS SELECT 1 AS a")
        con.execute("CREATE VIEW scratch_view AS SELECT a FROM scratch")
    result = list_tables(open_database(path), sample_dictionary)
    assert result.rows == [
        ("other", "scratch", "table", 1, NOT_IN_DICTIONARY),
        ("other", "scratch_view", "view", None, NOT_IN_DICTIONARY),
    ]


def test_describe_table_gives_each_column_its_type_and_meaning(fixture_database, sample_dictionary):
    result = describe_table(open_database(fixture_database), sample_dictionary, "state_years")
    assert result.rows == [
        ("ccode", "INTEGER", "COW country code"),
        ("year", "INTEGER", NOT_IN_DICTIONARY),
        ("stateabb", "VARCHAR", NOT_IN_DICTIONARY),
        ("statenme", "VARCHAR", "State name"),
        ("polity2", "INTEGER", NOT_IN_DICTIONARY),
    ]


def test_table_names_are_matched_without_regard_to_case(fixture_database):
    assert existing_table(open_database(fixture_database), "Dyad_Years") == "dyad_years"


def test_an_unknown_table_lists_the_real_ones(fixture_database, sample_dictionary):
    with pytest.raises(QueryError) as caught:
        describe_table(open_database(fixture_database), sample_dictionary, "dyads; DROP TABLE x")
    assert str(caught.value) == (
        "no table 'dyads; DROP TABLE x' in the database (tables: dyad_years, state_years)"
    )


def test_a_misspelt_table_name_suggests_the_nearest_one(fixture_database, sample_dictionary):
    with pytest.raises(QueryError) as caught:
        describe_table(open_database(fixture_database), sample_dictionary, "dyad_yaers")
    assert str(caught.value) == (
        "no table 'dyad_yaers' in the database; did you mean 'dyad_years'? (tables: dyad_years, state_years)"
    )

"""Frames built verb by verb equal the SQL a user would write over the same database."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dpeace.database import connect_readonly
from dpeace.errors import QueryError


def by_sql(database, sql: str) -> pd.DataFrame:
    with connect_readonly(database) as con:
        return con.execute(sql).df()


def test_a_dyad_year_frame_equals_its_sql(db, api_world):
    _, database, _ = api_world
    frame = (
        db.dyad_years(years=(1900, 1950))
        .add_democracy("polity", "weak_link")
        .add_alliances()
        .add_distance()
        .add_peace_years()
        .filter_prd()
    )
    expected = by_sql(
        database,
        """
        SELECT ccode1, ccode2, year, polity2_low, polity2_high,
               alliance, defense_pact, offense_pact, neutrality_pact, nonaggression_pact, consultation_pact,
               capital_distance_km, log_capital_distance,
               peace_years, peace_years_sq, peace_years_cu, peace_years_since_onset, peace_years_calendar
        FROM dyad_years
        WHERE year BETWEEN 1900 AND 1950 AND politically_relevant
        ORDER BY ccode1, ccode2, year
        """,
    )
    assert len(expected) > 100
    pd.testing.assert_frame_equal(frame.df(), expected)


def test_a_directed_frame_with_the_conflict_record_equals_its_sql(db, api_world):
    _, database, _ = api_world
    frame = db.dyad_years(years=(1816, 1850), directed=True).add_conflict("mid").add_democracy("bmr", "joint")
    expected = by_sql(
        database,
        """
        SELECT ccode1, ccode2, year, mid_onset, mid_ongoing, mid_onset_count, mid_ongoing_count,
               hostlev_max, onset_hostlev_max, force_onset, fatal_onset, orig1, orig2, originator_onset,
               year_hostlev_max, year_fatal, sidea1, ccode1_initiated, joint_democracy_bmr
        FROM dyad_years_directed WHERE year BETWEEN 1816 AND 1850 ORDER BY ccode1, ccode2, year
        """,
    )
    assert expected["mid_onset"].sum() > 0
    pd.testing.assert_frame_equal(frame.df(), expected)


def test_a_state_year_frame_equals_its_sql_and_is_a_relation_too(db, api_world):
    _, database, _ = api_world
    frame = db.state_years().add_democracy("polity").add_capabilities().add_wars().where("major_power")
    expected = by_sql(
        database,
        """
        SELECT ccode, year, stateabb, polity2, polity, polity_special, democ, autoc, cinc,
               war_entered, war_ongoing
        FROM state_years WHERE major_power ORDER BY ccode, year
        """,
    )
    pd.testing.assert_frame_equal(frame.df(), expected)
    relation = frame.relation()
    assert isinstance(relation, duckdb.DuckDBPyRelation)
    assert relation.aggregate("count(*)").fetchall() == [(len(expected),)]


def test_each_verb_returns_a_new_frame_and_columns_come_once(db):
    base = db.dyad_years()
    with_democracy = base.add_democracy()
    assert base.all_columns == ("ccode1", "ccode2", "year")
    assert with_democracy.add_democracy().all_columns == ("ccode1", "ccode2", "year", "joint_democracy")


def test_bad_choices_are_refused_by_name(db, api_world):
    with pytest.raises(QueryError, match=r"the bmr measure has no weak_link form"):
        db.dyad_years().add_democracy("bmr", "weak_link")
    with pytest.raises(QueryError, match=r"unknown covariate group 'trade' \(groups: wars, peace_years"):
        db.dyad_years().add("trade")
    with pytest.raises(QueryError, match=r"no conflict record 'icb' in this version \(records: mid, gml\)"):
        db.dyad_years().add_conflict("icb")
    with pytest.raises(QueryError, match=r"politically relevant dyads need a dyad frame"):
        db.state_years().filter_prd()
    with pytest.raises(QueryError, match=r"years must be \(first, last\)"):
        db.dyad_years(years=(1950, 1900))
    with pytest.raises(QueryError, match=r"dyad_years in this database has no column\(s\) gdp_1"):
        db.dyad_years().add_columns("gdp_1").df()
    with pytest.raises(QueryError, match=r"bad frame condition 'year >'"):
        db.dyad_years().where("year >").df()

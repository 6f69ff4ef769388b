"""The Kantian, development, territorial and leader groups, the GML conflict record and
leader-year frames equal the SQL a user would write over the same database: the synthetic
world for dyad- and state-years, the hand-made world (tests/transform/world.py) for leaders,
whose answers are known by name there."""

from __future__ import annotations

import pandas as pd
import pytest

from dpeace.database import connect_readonly
from dpeace.errors import QueryError


def by_sql(database, sql: str) -> pd.DataFrame:
    with connect_readonly(database) as con:
        return con.execute(sql).df()


def assert_every_column_has_values(frame: pd.DataFrame) -> None:
    """An equality of all-NULL columns would prove nothing."""
    empty = [column for column in frame.columns if frame[column].isna().all()]
    assert empty == []


def test_the_kantian_development_and_territorial_groups_equal_their_sql(db, api_world):
    _, database, _ = api_world
    frame = db.dyad_years(years=(1900, 1980)).add_kantian().add_development().add_territorial()
    expected = by_sql(
        database,
        """
        SELECT ccode1, ccode2, year,
               trade_dependence_low, trade_dependence_1, trade_dependence_2, shared_igos,
               gdppc_1, gdppc_2, gdppc_low, log_gdppc_low,
               terrthreat_1, terrthreat_2, terrthreat_high, td_rivalry, tss_rivalry
        FROM dyad_years WHERE year BETWEEN 1900 AND 1980 ORDER BY ccode1, ccode2, year
        """,
    )
    assert len(expected) > 100 and expected["td_rivalry"].any()
    assert_every_column_has_values(expected)
    pd.testing.assert_frame_equal(frame.df(), expected)


def test_the_gml_conflict_record_of_a_directed_frame_equals_its_sql(db, api_world):
    _, database, _ = api_world
    frame = db.dyad_years(directed=True).add_conflict("gml").filter_prd()
    expected = by_sql(
        database,
        """
        SELECT ccode1, ccode2, year, gml_onset, gml_ongoing, gml_onset_count, gml_ongoing_count,
               gml_hostlev_max, gml_onset_hostlev_max, gml_force_onset, gml_fatal_onset,
               gml_orig1, gml_orig2, gml_originator_onset
        FROM dyad_years_directed WHERE politically_relevant ORDER BY ccode1, ccode2, year
        """,
    )
    assert expected["gml_onset"].sum() > 0
    assert_every_column_has_values(expected)
    pd.testing.assert_frame_equal(frame.df(), expected)
    # Both records side by side, each under its own names.
    both = db.dyad_years().add_conflict("mid").add_conflict("gml").all_columns
    assert {"mid_onset", "gml_onset"} <= set(both)


def test_the_state_year_groups_equal_their_sql(db, api_world):
    _, database, _ = api_world
    frame = db.state_years(years=(1870, 2010)).add_kantian().add_development().add_territorial().add_leaders()
    expected = by_sql(
        database,
        """
        SELECT ccode, year, stateabb, imports, exports, igos_full, gdppc, log_gdppc, terrthreat,
               leader, leader_id, leader_start_date, leader_tenure_years, leaders_in_year
        FROM state_years WHERE year BETWEEN 1870 AND 2010 ORDER BY ccode, year
        """,
    )
    assert_every_column_has_values(expected)
    pd.testing.assert_frame_equal(frame.df(), expected)


def test_a_leader_year_frame_with_its_states_columns_equals_its_sql(hand_db, hand_world):
    frame = hand_db.leader_years().add_leaders().add_democracy("polity").add_kantian().add_capabilities()
    expected = by_sql(
        hand_world,
        """
        SELECT l.ccode, l.year, l.spell_id, l.leader_id, l.leader,
               l.gwcode, l.start_date, l.end_date, l.entry, l.exit, l.days_in_office,
               l.tenure_years, l.at_year_end,
               s.polity2, s.polity, s.polity_special, s.democ, s.autoc,
               s.imports, s.exports, s.igos_full, s.cinc
        FROM leader_years AS l
        LEFT JOIN state_years AS s ON s.ccode = l.ccode AND s.year = l.year
        ORDER BY l.ccode, l.year, l.spell_id, l.leader_id, l.leader
        """,
    )
    got = frame.df()
    pd.testing.assert_frame_equal(got, expected)
    # DDD is COW 345 and Gleditsch-Ward 340 (tests/transform/world.py): its leader Delta
    # comes in on 1 July 1903, the day DDD joins, under COW's code.
    delta = got[got["leader"] == "Delta"]
    assert delta[["ccode", "year", "gwcode"]].values.tolist() == [
        [345, 1903, 340],
        [345, 1904, 340],
        [345, 1905, 340],
    ]
    assert delta["days_in_office"].tolist() == [184, 366, 365]  # July to December; 1904 a leap year
    # AAA's two leaders in 1901, each a row, Beta the one at the year's end.
    aaa_1901 = got[(got["ccode"] == 2) & (got["year"] == 1901)]
    assert aaa_1901[["leader", "at_year_end"]].values.tolist() == [["Alpha", False], ["Beta", True]]


def test_a_leader_year_frame_filters_on_its_states_columns_and_years(hand_db, hand_world):
    frame = hand_db.leader_years(years=(1901, 1904)).where("cinc IS NOT NULL AND leader <> 'Gamma'")
    expected = by_sql(
        hand_world,
        """
        SELECT l.ccode, l.year, l.spell_id, l.leader_id, l.leader
        FROM leader_years AS l JOIN state_years AS s ON s.ccode = l.ccode AND s.year = l.year
        WHERE l.year BETWEEN 1901 AND 1904 AND s.cinc IS NOT NULL AND l.leader <> 'Gamma'
        ORDER BY l.ccode, l.year, l.spell_id, l.leader_id, l.leader
        """,
    )
    assert 0 < len(expected) < len(hand_db.leader_years(years=(1901, 1904)).df())
    pd.testing.assert_frame_equal(frame.df(), expected)


def test_groups_a_frame_cannot_have_are_refused_by_name(db, hand_db):
    with pytest.raises(QueryError, match=r"the gml record has no columns in state_years: use a dyad frame"):
        db.state_years().add_conflict("gml")
    with pytest.raises(QueryError, match=r"the gml record has no columns in state_years"):
        hand_db.leader_years().add_conflict("gml")
    with pytest.raises(QueryError, match=r"the group leaders has no columns in dyad_years"):
        db.dyad_years().add_leaders()
    with pytest.raises(QueryError, match=r"politically relevant dyads need a dyad frame, not leader_years"):
        hand_db.leader_years().filter_prd()
    with pytest.raises(
        QueryError, match=r"leader_years in this database has no column\(s\) trade_dependence_low"
    ):
        hand_db.leader_years().add_columns("trade_dependence_low").df()

"""ATOP alliance dyad-years over the hand-made world of tests/transform/world.py.

The world's docstring lays out its five alliances; each test restates the rule it checks
and the answer worked out by hand.
"""

from __future__ import annotations

import duckdb
import pytest

from dpeace.transform.runner import build_database
from tests.transform.world import write_world

PACTS = (
    "alliance",
    "defense_pact",
    "offense_pact",
    "neutrality_pact",
    "nonaggression_pact",
    "consultation_pact",
)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    data = tmp_path_factory.mktemp("alliance-world") / "data"
    write_world(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        build_database()
    connection = duckdb.connect(str(data / "peace.duckdb"), read_only=True)
    yield connection
    connection.close()


def pacts(con, ccode1, ccode2, table="dyad_years"):
    """{year: (alliance, defense, offense, neutrality, non-aggression, consultation)}."""
    found = con.execute(
        f"SELECT year, {', '.join(PACTS)} FROM {table} WHERE ccode1 = ? AND ccode2 = ? ORDER BY year",
        [ccode1, ccode2],
    ).fetchall()
    return {year: tuple(flags) for year, *flags in found}


T, F = True, False


def test_a_phase_change_keeps_the_pair_allied_and_takes_the_latest_phases_obligations(con):
    # 1001: phase 1 (defence + neutrality) 1 Mar 1900 - 10 May 1902, phase 2 (consultation)
    # from 10 May 1902. Allied every year; in 1902 both phases were in effect, and ATOP's
    # convention gives the year the latest phase's obligations: consultation only.
    #                     alliance def off neu nonagg consul
    assert pacts(con, 2, 20) == {
        1900: (T, T, F, T, F, F),
        1901: (T, T, F, T, F, F),
        1902: (T, F, F, F, F, T),
        1903: (T, F, F, F, F, T),
        1904: (T, F, F, F, F, T),
        1905: (T, F, F, F, F, T),  # yrexit 0: still in effect, runs to the end of the data
    }


def test_a_partner_leaving_on_the_day_the_other_joins_shares_that_one_day(con):
    # 1002: BBB exits 1 Jul 1903, DDD enters 1 Jul 1903. Entry and exit days both count
    # (ATOP's state-year file lists a member's exit year even for a 1 January exit), so
    # the pair is allied in 1903 and in no other year.
    assert pacts(con, 20, 345) == {
        1903: (T, F, F, F, T, F),
        1904: (F, F, F, F, F, F),
        1905: (F, F, F, F, F, F),
    }


def test_a_partner_leaving_the_day_before_the_other_joins_is_no_ally(con):
    # 1005: AAA exits 28 Feb 1904, CCC enters 1 Mar 1904: both members in 1904, never on
    # the same day, so not allied.
    assert {year: flags[0] for year, flags in pacts(con, 2, 255).items()} == {
        1900: F,
        1901: F,
        1904: F,
        1905: F,
    }


def test_an_asymmetric_pact_gives_the_pair_either_members_obligation(con):
    # 1003: CCC promises offence only, DDD defence only; in effect from 1 May 1904.
    assert pacts(con, 255, 345) == {1904: (T, T, T, F, F, F), 1905: (T, T, T, F, F, F)}


def test_both_directions_of_a_pair_have_the_same_alliance_columns(con):
    for ccode1, ccode2 in ((2, 20), (20, 345), (255, 345), (2, 255)):
        assert pacts(con, ccode1, ccode2, "dyad_years_directed") == pacts(
            con, ccode2, ccode1, "dyad_years_directed"
        )


def test_counts_over_the_world(con):
    # Allied: 2-20 six years, 20-345 one, 255-345 two = 9; defence: 2-20 1900-1901 and
    # 255-345 1904-1905 = 4, of the world's 26 dyad-years (EEE, 390, in no alliance).
    # No year is outside ATOP's 1815-2018, so nothing is NULL.
    assert con.execute(
        "SELECT count(*) FILTER (WHERE alliance), count(*) FILTER (WHERE defense_pact),"
        " count(*) FILTER (WHERE alliance IS NULL), count(*) FROM dyad_years"
    ).fetchall() == [(9, 4, 0, 26)]


def test_the_member_that_is_no_cow_state_is_left_out_and_listed(con):
    assert con.execute("SELECT atopid, atop_ccode, reason FROM atop_members_unmatched").fetchall() == [
        (1004, 8152, "code not in COW")
    ]
    assert con.execute(
        "SELECT count(*) FROM int_atop_dyad_years WHERE 8152 IN (ccode1, ccode2)"
    ).fetchall() == [(0,)]


def test_the_rebuilt_state_years_agree_with_the_published_file(con):
    # world.ATOP_STATE_YEARS is ATOP's state-year file for these members, 1900-2018.
    assert con.execute("SELECT * FROM atop_state_year_mismatches").fetchall() == []
    assert con.execute(
        "SELECT atopids, defense, neutral, consul, nonagg FROM int_atop_state_years WHERE ccode = 2 AND year = 1902"
    ).fetchall() == [([1001], F, F, T, F)]


def test_alliance_columns_are_null_outside_atops_years(tmp_path):
    # With ATOP's coverage set to end in 1903 (a copy of sql/ with that setting), the
    # world's 1904-1905 dyad-years have no alliance data: 2 years x 6 pairs = 12 NULL rows,
    # and 2-20 stays allied through 1903 (its spell, in effect, now runs to 1903).
    import shutil

    from dpeace.paths import sql_dir

    sql = tmp_path / "sql"
    shutil.copytree(sql_dir(), sql)
    settings = sql / "seeds" / "analysis_settings.csv"
    settings.write_text(settings.read_text().replace("atop_last_year,2018,", "atop_last_year,1903,"))
    data = tmp_path / "data"
    write_world(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        patch.setenv("DPEACE_SQL", str(sql))
        build_database()
    con = duckdb.connect(str(data / "peace.duckdb"), read_only=True)
    try:
        nulls = con.execute(
            "SELECT year, count(*) FROM dyad_years WHERE alliance IS NULL AND defense_pact IS NULL"
            " AND consultation_pact IS NULL GROUP BY year ORDER BY year"
        ).fetchall()
        assert nulls == [(1904, 6), (1905, 6)]
        assert {year: flags[0] for year, flags in pacts(con, 2, 20).items()} == {
            1900: T,
            1901: T,
            1902: T,
            1903: T,
            1904: None,
            1905: None,
        }
    finally:
        con.close()

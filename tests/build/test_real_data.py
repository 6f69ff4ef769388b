"""The build over the real data fetched from the offline mirror (skipped without it).

Known facts checked: COW lists 23 members in 1816 (system2016); Germany (255) is out of
the system 1946-1989 and the USA-Russia/USSR dyad (2, 365) exists through the Cold War;
the USA's polity2 in 2000 is 10 and the USA-UK dyad (2, 200) is jointly democratic.
"""

from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.mirror


@pytest.fixture(scope="module")
def con(real_database):
    connection = duckdb.connect(str(real_database), read_only=True)
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_dyad_counts_per_year_match_the_system_membership(con):
    # Counted from the raw system file itself, not from the built state_years.
    mismatched = rows(con, """
        with members as (select cast(year as integer) as year, count(*) as n from raw_system group by 1),
             undirected as (select year, count(*) as d from dyad_years group by 1),
             directed as (select year, count(*) as dd from dyad_years_directed group by 1)
        select m.year, m.n, u.d, d.dd
        from members m left join undirected u using (year) left join directed d using (year)
        where coalesce(u.d, 0) <> m.n * (m.n - 1) / 2 or coalesce(d.dd, 0) <> m.n * (m.n - 1)
    """)
    assert mismatched == []
    assert rows(con, "select count(*) from state_years where year = 1816") == [(23,)]
    assert rows(con, "select min(year), max(year) from dyad_years") == [(1816, 2016)]


def test_state_years_agree_with_the_membership_spells(con):
    # Every year of every states2016 spell, and nothing else, is a state-year.
    assert rows(con, """
        select count(*) from (
            (select ccode, unnest(range(start_year, end_year + 1)) as year from stg_states
             except select ccode, year from state_years)
            union all
            (select ccode, year from state_years
             except select ccode, unnest(range(start_year, end_year + 1)) from stg_states))
    """) == [(0,)]
    germany = {y for (y,) in rows(con, "select year from state_years where ccode = 255")}
    assert 1945 in germany and 1990 in germany
    assert not germany & set(range(1946, 1990))


def test_well_known_dyads(con):
    usa_russia = {y for (y,) in rows(con, "select year from dyad_years where ccode1 = 2 and ccode2 = 365")}
    assert set(range(1946, 1992)) <= usa_russia
    assert rows(con, "select polity2 from state_years where ccode = 2 and year = 2000") == [(10,)]
    assert rows(con, """
        select joint_democracy, polity2_low, contiguous, any_major_power
        from dyad_years where ccode1 = 2 and ccode2 = 200 and year = 2000
    """) == [(True, 10, False, True)]
    # USA-Canada: a land border.
    assert rows(con, "select conttype from dyad_years where ccode1 = 2 and ccode2 = 20 and year = 2000") == [(1,)]


def test_polity_code_changes_reach_the_right_cow_states(con):
    # Through the crosswalk: USSR (Polity 364) -> 365; Serbia (342) -> 345; Vietnam (818)
    # -> 816; Montenegro (348) -> 341; Kosovo (341) -> 347; South Sudan (525) -> 626;
    # Sudan-North (626) -> 625.
    for ccode, year, polity_ccode in [
        (365, 1950, 364), (345, 2010, 342), (345, 1900, 342), (345, 1995, 347), (816, 1990, 818),
        (341, 2010, 348), (347, 2010, 341), (626, 2012, 525), (625, 2012, 626), (300, 1900, 305),
        (255, 2000, 255), (260, 1960, 260), (265, 1960, 265),
    ]:
        assert rows(
            con, "select polity_ccode from int_polity_state_years where ccode = ? and year = ?", ccode, year
        ) == [(polity_ccode,)], (ccode, year)
    # No two Polity rows are left colliding on a COW state-year.
    assert rows(con, "select count(*) from polity_unmatched where reason = 'collision'") == [(0,)]
    assert rows(
        con, "select reason from polity_unmatched where polity_ccode = 818 and year = 1976"
    ) == [("excluded by crosswalk",)]


def test_the_directed_dispute_columns_are_symmetric(con):
    # dyad_years takes each pair's ccode1 < ccode2 direction, which is only right if
    # both directions agree on everything but the originator order.
    assert rows(con, """
        select count(*)
        from dyad_years_directed a
        join dyad_years_directed b
          on a.ccode1 = b.ccode2 and a.ccode2 = b.ccode1 and a.year = b.year
        where a.mid_ongoing is distinct from b.mid_ongoing
           or a.mid_onset is distinct from b.mid_onset
           or a.mid_onset_count is distinct from b.mid_onset_count
           or a.mid_ongoing_count is distinct from b.mid_ongoing_count
           or a.hostlev_max is distinct from b.hostlev_max
           or a.onset_hostlev_max is distinct from b.onset_hostlev_max
           or a.force_onset is distinct from b.force_onset
           or a.fatal_onset is distinct from b.fatal_onset
           or a.orig1 is distinct from b.orig2
           or a.peace_years is distinct from b.peace_years
    """) == [(0,)]
    # MID covers 1816-2014: dispute columns are known through 2014 and NULL after.
    assert rows(con, """
        select max(year) filter (where mid_ongoing is not null),
               min(year) filter (where mid_ongoing is null)
        from dyad_years
    """) == [(2014, 2015)]

"""The build over the real data fetched from the offline mirror (skipped without it).

Known facts checked: COW lists 23 members in 1816 (system2016); Germany (255) is out of
the system 1946-1989 and the USA-Russia/USSR dyad (2, 365) exists through the Cold War;
the USA's polity2 in 2000 is 10 and the USA-UK dyad (2, 200) is jointly democratic;
the German Democratic Republic (265) ended on 2 October 1990, the day before united
Germany (255) joined, so the two were never a dyad; Polity does not score Iceland, BMR
does (the UK-Iceland Cod Wars are a dispute between democracies by BMR only).
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
    # Counted from the raw system file itself, not from the built state_years, less the member
    # pairs that never shared a day of the year.
    mismatched = rows(
        con,
        """
        with members as (select cast(year as integer) as year, count(*) as n from raw_system group by 1),
             undirected as (select year, count(*) as d from dyad_years group by 1),
             directed as (select year, count(*) as dd from dyad_years_directed group by 1),
             apart as (select year, count(*) as k from member_pairs_without_common_day group by 1)
        select m.year, m.n, u.d, d.dd
        from members m left join undirected u using (year) left join directed d using (year)
        left join apart a using (year)
        where coalesce(u.d, 0) <> m.n * (m.n - 1) / 2 - coalesce(a.k, 0)
           or coalesce(d.dd, 0) <> m.n * (m.n - 1) - 2 * coalesce(a.k, 0)
    """,
    )
    assert mismatched == []
    assert rows(con, "select count(*) from state_years where year = 1816") == [(23,)]
    assert rows(con, "select min(year), max(year) from dyad_years") == [(1816, 2016)]


def test_state_years_agree_with_the_membership_spells(con):
    # Every year of every states2016 spell, and nothing else, is a state-year.
    assert rows(
        con,
        """
        select count(*) from (
            (select ccode, unnest(range(start_year, end_year + 1)) as year from stg_states
             except select ccode, year from state_years)
            union all
            (select ccode, year from state_years
             except select ccode, unnest(range(start_year, end_year + 1)) from stg_states))
    """,
    ) == [(0,)]
    germany = {y for (y,) in rows(con, "select year from state_years where ccode = 255")}
    assert 1945 in germany and 1990 in germany
    assert not germany & set(range(1946, 1990))


def test_well_known_dyads(con):
    usa_russia = {y for (y,) in rows(con, "select year from dyad_years where ccode1 = 2 and ccode2 = 365")}
    assert set(range(1946, 1992)) <= usa_russia
    assert rows(con, "select polity2 from state_years where ccode = 2 and year = 2000") == [(10,)]
    assert rows(
        con,
        """
        select joint_democracy, polity2_low, contiguous, any_major_power
        from dyad_years where ccode1 = 2 and ccode2 = 200 and year = 2000
    """,
    ) == [(True, 10, False, True)]
    # USA-Canada: a land border.
    assert rows(con, "select conttype from dyad_years where ccode1 = 2 and ccode2 = 20 and year = 2000") == [
        (1,)
    ]


def test_polity_code_changes_reach_the_right_cow_states(con):
    # Through the crosswalk: USSR (Polity 364) -> 365; Serbia (342) -> 345; Vietnam (818)
    # -> 816; Montenegro (348) -> 341; Kosovo (341) -> 347; South Sudan (525) -> 626;
    # Sudan-North (626) -> 625.
    for ccode, year, polity_ccode in [
        (365, 1950, 364),
        (345, 2010, 342),
        (345, 1900, 342),
        (345, 1995, 347),
        (816, 1990, 818),
        (341, 2010, 348),
        (347, 2010, 341),
        (626, 2012, 525),
        (625, 2012, 626),
        (300, 1900, 305),
        (255, 2000, 255),
        (260, 1960, 260),
        (265, 1960, 265),
    ]:
        assert rows(
            con, "select polity_ccode from int_polity_state_years where ccode = ? and year = ?", ccode, year
        ) == [(polity_ccode,)], (ccode, year)
    # No two Polity rows are left colliding on a COW state-year.
    assert rows(con, "select count(*) from polity_unmatched where reason = 'collision'") == [(0,)]
    assert rows(con, "select reason from polity_unmatched where polity_ccode = 818 and year = 1976") == [
        ("excluded by crosswalk",)
    ]


def test_the_directed_dispute_columns_are_symmetric(con):
    # dyad_years takes each pair's ccode1 < ccode2 direction, which is only right if
    # both directions agree on everything but the originator order.
    assert rows(
        con,
        """
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
    """,
    ) == [(0,)]
    # MID covers 1816-2014: dispute columns are known through 2014 and NULL after.
    assert rows(
        con,
        """
        select max(year) filter (where mid_ongoing is not null),
               min(year) filter (where mid_ongoing is null)
        from dyad_years
    """,
    ) == [(2014, 2015)]


def side_pairs(columns: list[str]) -> list[tuple[str, str]]:
    """Each ccode1-side column (suffix 1 or _1) with its ccode2-side twin."""
    return [(name, name[:-1] + "2") for name in columns if name.endswith("1") and name[:-1] + "2" in columns]


def test_every_side_column_of_the_mirror_image_is_the_other_sides(con):
    # The directed view writes each pair's second order by swapping named columns: one
    # missed when a side column is added would give the mirror the wrong side's value.
    columns = [row[0] for row in rows(con, "describe dyad_years_directed")]
    pairs = side_pairs(columns)
    assert ("polity2_1", "polity2_2") in pairs and ("orig1", "orig2") in pairs and len(pairs) >= 16
    mismatches = ",\n".join(f"count(*) filter (where a.{one} is distinct from b.{two})" for one, two in pairs)
    counted = rows(
        con,
        f"""
        select {mismatches}
        from dyad_years_directed a
        join dyad_years_directed b
          on a.ccode1 = b.ccode2 and a.ccode2 = b.ccode1 and a.year = b.year
    """,
    )[0]
    assert dict(zip(pairs, counted)) == {pair: 0 for pair in pairs}


def test_states_that_never_coexisted_in_a_year_are_no_dyad(con):
    assert rows(
        con,
        "select member_days_1, member_days_2 from member_pairs_without_common_day "
        "where ccode1 = 255 and ccode2 = 265 and year = 1990",
    ) == [("1990-10-03 to 1990-12-31", "1990-01-01 to 1990-10-02")]
    assert rows(con, "select count(*) from dyad_years where ccode1 = 255 and ccode2 = 265") == [(0,)]
    # No dispute is lost: no member pair without a common day has a dispute that year.
    assert rows(
        con,
        """
        select count(*) from member_pairs_without_common_day m
        join int_dispute_dyad_years_directed d using (ccode1, ccode2, year)
    """,
    ) == [(0,)]


def test_capital_distances_follow_the_crosswalk(con):
    def capdist(numa, numb):
        return rows(con, "select kmdist from int_capital_distances where numa = ? and numb = ?", numa, numb)[
            0
        ][0]

    # United Germany (COW 255 from 1990, GW 260) is measured from Berlin (capdist 255),
    # not Bonn (capdist 260); unified Yemen (COW 679) from capdist's 678.
    assert rows(con, "select gwcode from state_years where ccode = 255 and year = 2000") == [(260,)]
    assert rows(
        con, "select capital_distance_km from dyad_years where ccode1 = 200 and ccode2 = 255 and year = 2000"
    ) == [(capdist(200, 255),)]
    assert capdist(200, 255) != capdist(200, 260)
    assert rows(
        con, "select capital_distance_km from dyad_years where ccode1 = 2 and ccode2 = 679 and year = 2000"
    ) == [(capdist(2, 678),)]
    # capdist's duplicate pairs agree, every state is found in a GW list, and every
    # dyad-year without a distance lacks it because capdist has no row for a state.
    assert rows(con, "select max(distinct_distances) from int_capital_distances") == [(1,)]
    assert rows(con, "select count(*) from state_years where gwcode is null") == [(0,)]
    assert rows(
        con, "select count(*) from capital_distance_unmatched where reason = 'pair not in capdist'"
    ) == [(0,)]
    assert rows(
        con,
        """
        select count(*) from dyad_years
        where (capital_distance_km is null) <> ((ccode1, ccode2, year) in
              (select (ccode1, ccode2, year) from capital_distance_unmatched))
    """,
    ) == [(0,)]


def test_bmr_scores_through_the_crosswalk(con):
    # COW's 345 is BMR's Serbia (342) before 1921, Yugoslavia (345), the Federal
    # Republic (347) and Serbia (342) again from 2006; COW's 365 is BMR's USSR (364) in 1950.
    codes = rows(
        con,
        "select year, bmr_ccode from int_bmr_state_years where ccode = 345 "
        "and year in (1910, 1950, 2000, 2010) order by year",
    )
    assert codes == [(1910, 342), (1950, 345), (2000, 347), (2010, 342)]
    assert rows(con, "select bmr_ccode from int_bmr_state_years where ccode = 365 and year = 1950") == [
        (364,)
    ]
    assert rows(con, "select bmr_democracy from state_years where ccode = 2 and year = 2000") == [(True,)]
    # UK-Iceland 1972 (the second Cod War began): no Polity verdict, a BMR one.
    assert rows(
        con,
        "select joint_democracy, joint_democracy_bmr, mid_onset from dyad_years "
        "where ccode1 = 200 and ccode2 = 395 and year = 1972",
    ) == [(None, True, True)]
    coverage = {
        m: (total, covered)
        for m, total, covered in rows(con, "select measure, total, covered from measure_coverage")
    }
    assert coverage["joint_democracy_bmr"][1] > coverage["joint_democracy"][1]

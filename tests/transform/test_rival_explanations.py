"""The rival explanations' columns over the hand-made world (tests/transform/world.py):
trade dependence, shared IGOs, GDP per capita, territorial threat, rivalries,
militarisation and leaders, with the right answers worked out here by hand."""

from __future__ import annotations

import math

import duckdb
import pytest

from dpeace.transform.runner import build_database
from tests.transform.world import write_world


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    data = tmp_path_factory.mktemp("rivals") / "data"
    write_world(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        build_database()
    connection = duckdb.connect(str(data / "peace.duckdb"), read_only=True)
    yield connection
    connection.close()


def one(con, sql, *params):
    found = con.execute(sql, list(params)).fetchall()
    assert len(found) == 1, found
    return found[0]


def dyad(con, table, ccode1, ccode2, year, *columns):
    return one(
        con,
        f"SELECT {', '.join(columns)} FROM {table} WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
        ccode1,
        ccode2,
        year,
    )


def test_trade_dependence_is_the_pairs_trade_over_each_states_gdp(con):
    # AAA imports 10 from BBB, BBB 30 from AAA: trade 40 (million dollars). GDP: AAA 1,000
    # million, BBB 200 million. AAA depends 40 / 1000 = 0.04 on BBB, BBB 40 / 200 = 0.2 on
    # AAA; the dyad's lower dependence is AAA's, 0.04.
    columns = ("trade_flow_1", "trade_flow_2", "bilateral_trade", "trade_dependence_1", "trade_dependence_2")
    flow1, flow2, trade, dependence_1, dependence_2 = dyad(con, "dyad_years_directed", 2, 20, 1900, *columns)
    assert (flow1, flow2, trade) == (10.0, 30.0, 40.0)
    assert dependence_1 == pytest.approx(0.04)
    assert dependence_2 == pytest.approx(0.2)
    # The other direction swaps the two states' values.
    reverse = dyad(con, "dyad_years_directed", 20, 2, 1900, *columns)
    assert reverse[:3] == (30.0, 10.0, 40.0)
    assert reverse[3:] == pytest.approx((0.2, 0.04))
    (low,) = dyad(con, "dyad_years", 2, 20, 1900, "trade_dependence_low")
    assert low == pytest.approx(0.04)


def test_an_unknown_flow_or_gdp_leaves_the_dependence_unknown(con):
    # 1901: AAA's imports from BBB unknown, so the pair's trade is; GDP is known only for
    # 1900, so a pair-year absent from the flows file and a year without GDP are unknown too.
    assert dyad(
        con, "dyad_years", 2, 20, 1901, "trade_flow_2", "bilateral_trade", "trade_dependence_low"
    ) == (
        5.0,
        None,
        None,
    )
    assert dyad(con, "dyad_years", 2, 255, 1900, "bilateral_trade", "trade_dependence_low") == (None, None)


def test_shared_igos_from_the_non_directed_counts_in_both_orders(con):
    assert dyad(con, "dyad_years_directed", 2, 20, 1901, "shared_igos") == (4,)
    assert dyad(con, "dyad_years_directed", 20, 2, 1901, "shared_igos") == (4,)
    # Not in the file: unknown, not none.
    assert dyad(con, "dyad_years", 2, 20, 1902, "shared_igos") == (None,)


def test_weak_links_of_gdp_per_capita_militarisation_and_the_higher_threat(con):
    # GDP per capita AAA 4,000, BBB 2,500; threat AAA 0.5, BBB -0.2; military personnel per
    # head AAA 10 / 1000 = 0.01, BBB 30 / 600 = 0.05.
    low, log_low, threat, militarisation = dyad(
        con,
        "dyad_years",
        2,
        20,
        1900,
        "gdppc_low",
        "log_gdppc_low",
        "terrthreat_high",
        "milper_per_capita_low",
    )
    assert low == 2500.0
    assert log_low == pytest.approx(math.log(2500))
    assert threat == 0.5
    assert militarisation == pytest.approx(0.01)
    # One state unknown: no weak link (DuckDB's least() would skip the NULL).
    assert dyad(con, "dyad_years", 2, 255, 1900, "gdppc_low", "terrthreat_high") == (None, None)
    assert one(con, "SELECT milper_per_capita FROM state_years WHERE ccode = 20 AND year = 1900") == (
        pytest.approx(0.05),
    )


def test_bremer_land_contiguity_and_cinc_proportion(con):
    # AAA-BBB 1900: land border (type 1), CINC 0.6 and 0.2: lower over higher 1/3.
    land, proportion = dyad(con, "dyad_years", 2, 20, 1900, "land_contiguous", "cinc_proportion")
    assert land is True
    assert proportion == pytest.approx(1 / 3)
    # BBB-CCC 1900: 400 miles of water (type 5): not contiguous by land; CCC's CINC missing.
    assert dyad(con, "dyad_years", 20, 255, 1900, "land_contiguous", "cinc_proportion") == (False, None)


def test_a_rivalry_that_ends(con):
    # Thompson-Dreyer: Aland-Bland 1850-1901, so rivals in 1900 and 1901, not from 1902;
    # the list's last year is 1904 (Bland-Dland), so 1905 is unknown. Thompson-Sakuwa-Suhas:
    # Aland-Bland to 1902; its list ends in 1905.
    by_year = con.execute(
        "SELECT year, td_rivalry, tss_rivalry FROM dyad_years WHERE ccode1 = 2 AND ccode2 = 20 ORDER BY year"
    ).fetchall()
    assert by_year == [
        (1900, True, True),
        (1901, True, True),
        (1902, False, True),
        (1903, False, False),
        (1904, False, False),
        (1905, None, False),
    ]
    assert dyad(con, "dyad_years", 20, 345, 1903, "td_rivalry") == (True,)
    assert dyad(con, "dyad_years_directed", 345, 20, 1904, "td_rivalry") == (True,)
    assert dyad(con, "dyad_years", 255, 345, 1905, "td_rivalry", "tss_rivalry") == (None, True)


def test_a_gleditsch_ward_coded_leader_is_mapped_to_cow(con):
    # Delta governs GW 340 from 1 July 1903; COW calls that state 345 (the crosswalk maps
    # COW 345 to GW 340 before 1918). Tenure at the end of 1903: 183 days / 365.25.
    found = con.execute(
        "SELECT year, leader, gwcode, days_in_office, tenure_years FROM leader_years WHERE ccode = 345 ORDER BY year"
    ).fetchall()
    assert [row[:4] for row in found] == [
        (1903, "Delta", 340, 184),
        (1904, "Delta", 340, 366),
        (1905, "Delta", 340, 365),
    ]
    assert found[0][4] == pytest.approx(183 / 365.25)
    assert (
        one(con, "SELECT leader, leader_start_date FROM state_years WHERE ccode = 345 AND year = 1903")[0]
        == "Delta"
    )


def test_two_leaders_in_a_year_and_the_one_at_its_end(con):
    # GW 2: Alpha 1890-01-01 to 1901-06-30, Beta from 1901-06-30. In 1901 both served: Alpha
    # 181 days (1 January to 30 June), Beta 185 (30 June to 31 December). Alpha's tenure at
    # 30 June 1901: 4,197 days (11 years of 365 with the leap days of 1892 and 1896, 1900 is
    # none, then 180 days) / 365.25; Beta's at year end 184 / 365.25, and 549 / 365.25 a year on.
    found = con.execute(
        "SELECT leader, days_in_office, tenure_years, at_year_end FROM leader_years "
        "WHERE ccode = 2 AND year = 1901 ORDER BY start_date"
    ).fetchall()
    assert [(name, days, at_end) for name, days, _, at_end in found] == [
        ("Alpha", 181, False),
        ("Beta", 185, True),
    ]
    assert [tenure for _, _, tenure, _ in found] == pytest.approx([4197 / 365.25, 184 / 365.25])
    leader, tenure, count = one(
        con,
        "SELECT leader, leader_tenure_years, leaders_in_year FROM state_years WHERE ccode = 2 AND year = 1901",
    )
    assert (leader, count) == ("Beta", 2)
    assert tenure == pytest.approx(184 / 365.25)
    assert one(con, "SELECT leader_tenure_years FROM state_years WHERE ccode = 2 AND year = 1902") == (
        pytest.approx(549 / 365.25),
    )
    # BBB has no leader in Archigos: NULL, not a guess.
    assert one(con, "SELECT leader, leaders_in_year FROM state_years WHERE ccode = 20 AND year = 1901") == (
        None,
        None,
    )


def test_leader_spell_years_no_cow_state_year_takes_are_listed_with_the_reason(con):
    # Gamma (GW 255) governs through 1902-1903, when CCC was out of the system; Tenzin's GW
    # 711 is no COW state's; Gamma's 1899 is before the world's years and not listed.
    found = con.execute(
        "SELECT gwcode, leader, year, reason FROM leaders_unmatched ORDER BY gwcode, year"
    ).fetchall()
    assert found == [
        (255, "Gamma", 1902, "no COW state-year with this GW number that year"),
        (255, "Gamma", 1903, "no COW state-year with this GW number that year"),
        (711, "Tenzin", 1900, "GW number never a COW state-year"),
    ]
    assert [
        y for (y,) in con.execute("SELECT year FROM leader_years WHERE ccode = 255 ORDER BY year").fetchall()
    ] == [
        1900,
        1901,
        1904,
        1905,
    ]


def test_covariate_rows_no_state_or_dyad_year_takes_are_listed_with_the_reason(con):
    found = con.execute(
        "SELECT source, ccode1, ccode2, reason, first_year, last_year, source_rows FROM covariates_unmatched"
    ).fetchall()
    assert sorted(found, key=str) == sorted(
        [
            # 999 is no COW state; AAA 1899 is before the world's first year.
            ("sdp_gdp", 999, None, "code never a COW state", 1900, 1900, 1),
            ("sdp_gdp", 2, None, "not a COW member that year", 1899, 1899, 1),
            # CCC left on 30 June 1901 and EEE joined on 1 September: never a dyad.
            ("cow_trade_flows", 255, 390, "not a COW dyad that year", 1901, 1901, 1),
            ("cow_trade_flows", 2, 999, "code never a COW state", 1900, 1900, 1),
            # Venice (324) is no COW state (its 1800-1820 rivalry counts from 1816);
            # Aland-Bland's rivalries run from 1850 but the two are a dyad only from 1900.
            ("td_rivalries", 2, 324, "code never a COW state", 1816, 1820, 5),
            ("td_rivalries", 2, 20, "not a COW dyad that year", 1850, 1899, 50),
            ("tss_rivalries", 2, 20, "not a COW dyad that year", 1850, 1899, 50),
        ],
        key=str,
    )

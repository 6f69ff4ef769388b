"""The rival explanations' columns over the real data from the offline mirror (skipped
without it). Prints each measure's coverage (`pytest -s`) and checks facts known from the
sources: the USA-Canada trade of 2000 in COW's flows, Germany's leader across unification
(GW 260 is COW 260 to 2 October 1990 and 255 after), the Cold War rivalry of the USA and
Russia ending in 1989 on Thompson and Dreyer's list, and that no source row is lost silently."""

from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.mirror

MEASURES = (
    "gdp_usd2011_millions",
    "gdppc",
    "igos_full",
    "terrthreat",
    "milper_per_capita",
    "leader",
    "trade_dependence_low",
    "shared_igos",
    "gdppc_low",
    "terrthreat_high",
    "td_rivalry",
    "tss_rivalry",
    "milper_per_capita_low",
)


@pytest.fixture(scope="module")
def con(real_database):
    connection = duckdb.connect(str(real_database), read_only=True)
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_coverage_of_each_rival_explanation(con):
    found = {
        measure: (unit, total, covered, onsets, onsets_covered)
        for measure, unit, total, covered, onsets, onsets_covered in rows(
            con, "select measure, unit, total, covered, onsets, onsets_covered from measure_coverage"
        )
    }
    print("\nmeasure                   unit          covered / total        onsets covered")
    for measure in MEASURES:
        unit, total, covered, onsets, onsets_covered = found[measure]
        onset_text = f"{onsets_covered:,} / {onsets:,}" if onsets is not None else ""
        print(f"{measure:25} {unit:12} {covered:>9,} / {total:<9,} ({covered / total:6.1%})  {onset_text}")
    # Shared IGOs cover every dyad-year to 2014 (COW IGO 3.0's last year) but the pairs, in
    # 1990, of the two German states (325) and of the two Yemens (317), which COW's IGO data
    # end in 1989, the year before each unification.
    unit, total, covered, onsets, onsets_covered = found["shared_igos"]
    uncovered = dict(
        rows(
            con,
            "select case when ccode1 in (260, 265) or ccode2 in (260, 265) then 'Germany' "
            "when ccode1 in (678, 680) or ccode2 in (678, 680) then 'Yemen' else 'other ' || year end, count(*) "
            "from dyad_years where year <= 2014 and shared_igos is null group by all",
        )
    )
    print(f"dyad-years to 2014 without shared IGOs: {uncovered}")
    assert uncovered == {"Germany": 325, "Yemen": 317}
    assert rows(con, "select distinct year from dyad_years where year <= 2014 and shared_igos is null") == [
        (1990,)
    ]
    after_2014 = rows(con, "select count(*) from dyad_years where year > 2014")[0][0]
    assert covered == total - after_2014 - 325 - 317
    assert onsets_covered == onsets
    # The README's figures (measured 2026-12-04): covered, and onsets covered.
    readme = {
        "trade_dependence_low": (610063, 2392),
        "shared_igos": (917673, 3442),
        "gdppc_low": (954305, 3434),
        "terrthreat_high": (842655, 3260),
        "td_rivalry": (842655, 3260),
        "tss_rivalry": (956145, 3442),
        "milper_per_capita_low": (916699, 3237),
        "leader": (13355, None),
        "gdppc": (15908, None),
        "terrthreat": (14781, None),
    }
    assert {m: (found[m][2], found[m][4]) for m in readme} == readme


def test_usa_canada_trade_and_dependence_in_2000(con):
    flow_1, flow_2, dependence_1, dependence_2, low = rows(
        con,
        "select trade_flow_1, trade_flow_2, trade_dependence_1, trade_dependence_2, trade_dependence_low "
        "from dyad_years where ccode1 = 2 and ccode2 = 20 and year = 2000",
    )[0]
    # COW: US imports from Canada 229,191 and Canada's from the US 169,068 (million dollars).
    assert (flow_1, flow_2) == (229191.0, 169068.0)
    gdp_usa, gdp_canada = (
        g
        for (g,) in rows(
            con,
            "select gdp_usd2011_millions from state_years where year = 2000 and ccode in (2, 20) order by ccode",
        )
    )
    assert dependence_1 == pytest.approx(398259.0 / gdp_usa)
    assert dependence_2 == pytest.approx(398259.0 / gdp_canada)
    # Canada depends far more on the USA than the USA on Canada; the weak link is the USA's.
    assert dependence_2 > 10 * dependence_1
    assert low == dependence_1


def test_germanys_leader_across_unification(con):
    found = rows(
        con,
        "select ccode, year, gwcode, leader from state_years "
        "where ccode in (255, 260) and year between 1989 and 1991 order by year, ccode",
    )
    assert found == [
        (260, 1989, 260, "Kohl"),
        (255, 1990, 260, "Kohl"),
        (260, 1990, 260, "Kohl"),
        (255, 1991, 260, "Kohl"),
    ]


def test_usa_russia_rivalry_ends_in_1989_on_thompson_and_dreyers_list(con):
    found = dict(
        rows(
            con,
            "select year, td_rivalry from dyad_years where ccode1 = 2 and ccode2 = 365 and year between 1988 and 1992",
        )
    )
    assert found[1988] is True and found[1989] is True
    assert found[1990] is False


def test_no_source_row_is_lost_silently(con):
    # Every trade-flow row is a dyad-year or listed; so is every IGO, GDP and threat row.
    for staged, key, table in (
        ("stg_cow_trade_flows", "ccode1, ccode2, year", "dyad_years_directed"),
        ("stg_cow_igo_dyad_years", "ccode1, ccode2, year", "dyad_years"),
        ("stg_territorial_threat", "ccode, year", "state_years"),
        ("stg_fariss_gdppop", "ccode, year", "state_years"),
    ):
        taken = rows(con, f"select count(*) from {staged} join {table} using ({key})")[0][0]
        source = staged.removeprefix("stg_")
        listed = rows(
            con, "select coalesce(sum(source_rows), 0) from covariates_unmatched where source = ?", source
        )[0][0]
        total = rows(con, f"select count(*) from {staged}")[0][0]
        print(f"{source}: {total:,} rows, {taken:,} taken, {listed:,} listed as unmatched")
        assert taken + listed == total, source
    reasons = dict(rows(con, "select reason, count(*) from leaders_unmatched group by reason"))
    print(f"leader spell-years not taken: {reasons}")
    assert set(reasons) <= {
        "GW number never a COW state-year",
        "no COW state-year with this GW number that year",
    }

"""The democracy measures and the GML dispute record over the real data (skipped without
the mirror). Run with `pytest -s` to see each measure's coverage and how GML and MID 5.0
compare.

Known facts checked: Panama's polity2 is -8 in 1988 and +8 in 1989, the year of the US
invasion, so its 1989 lag is -8; the USA-UK pair is jointly democratic in 2000 by V-Dem and
by the extended UDS; V-Dem's two units for COW 325 in 1861 (Italy and Piedmont-Sardinia)
collide; UDS codes united Germany 260, Marquez's COW code 255 scores it.
"""

from __future__ import annotations

import datetime

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


def test_lagged_scores_hold_the_regime_before_the_year_it_changed(con):
    assert rows(
        con,
        "select year, polity2, polity2_lag from state_years where ccode = 95 and year in (1989, 1990) order by year",
    ) == [
        (1989, 8, -8),
        (1990, 8, 8),
    ]
    # Germany (255) comes back in 1990 after 1946-1989 out of the system: no lag that year.
    assert rows(
        con,
        "select polity2_lag, v2x_polyarchy_lag, aeuds_lag from state_years where ccode = 255 and year = 1990",
    ) == [(None, None, None)]


def test_each_file_is_matched_on_its_cow_codes(con):
    assert rows(
        con,
        "select joint_democracy_vdem, joint_democracy_uds, regime_pair_vdem from dyad_years "
        "where ccode1 = 2 and ccode2 = 200 and year = 2000",
    ) == [(True, True, "both democracies")]
    assert rows(con, "select uds_mean is not null from state_years where ccode = 255 and year = 1991") == [
        (True,)
    ]
    assert rows(
        con,
        "select source_name, reason from democracy_unmatched where source = 'vdem_simple' "
        "and cow_ccode = 325 and year = 1861 order by source_name",
    ) == [("Italy", "collision"), ("Piedmont-Sardinia", "collision")]
    assert rows(con, "select v2x_libdem from state_years where ccode = 325 and year = 1861") == [(None,)]
    # An R Date column arrives as a DATE, an R double as a DOUBLE.
    assert rows(
        con,
        "select historical_date from raw_vdem_simple where vdem_country_name = 'Mexico' and year = 1789",
    ) == [(datetime.date(1789, 12, 31),)]


def test_gml_and_mid_compared_and_every_gml_row_placed(con):
    onsets = rows(
        con,
        "select count(*) filter (where gml_onset), count(*) filter (where mid_onset), "
        "count(*) filter (where gml_onset and mid_onset) from dyad_years where year <= 2010",
    )[0]
    differing = dict(rows(con, "select disagreement, count(*) from gml_mid_disagreements group by all"))
    print(f"\nonset dyad-years 1816-2010: GML {onsets[0]:,}, MID 5.0 {onsets[1]:,}, both {onsets[2]:,}")
    print(f"dyad-years where they disagree: {differing}")
    # The mart's onset disagreements are exactly the dyad-years with one record's onset only.
    assert differing["onset"] == onsets[0] + onsets[1] - 2 * onsets[2]
    assert rows(con, "select min(year), max(year) from dyad_years where gml_onset is not null") == [
        (1816, 2010)
    ]
    assert rows(con, "select count(*) from gml_unmatched") == [(0,)]


def test_coverage_of_each_measure_is_printed(con):
    print()
    for measure, unit, total, covered, onsets, onsets_covered in rows(
        con, "select measure, unit, total, covered, onsets, onsets_covered from measure_coverage"
    ):
        share = f"{covered / total:.1%}" if total else "-"
        onset_part = f"; onsets {onsets_covered:,} of {onsets:,}" if onsets is not None else ""
        print(f"{measure:52s} {unit:12s} {covered:>9,} of {total:>9,} ({share}){onset_part}")
        assert 0 <= covered <= total
    measures = {m for (m,) in rows(con, "select measure from measure_coverage")}
    assert {
        "joint_democracy_vdem",
        "joint_democracy_uds",
        "xm_qudsest_low",
        "joint_democracy_lag",
        "gml_onset",
    } <= measures


def test_the_shares_of_democracies_behind_the_stated_cut_points(con):
    # README "Other democracy measures": the V-Dem cut-point makes about as many
    # democracies as Polity2 >= 6; QuickUDS above 0 would make far more than aeuds above 0.
    vdem, polity, both = rows(
        con,
        "select avg((v2x_polyarchy >= 0.5)::int), avg((polity2 >= 6)::int), count(*) from state_years "
        "where v2x_polyarchy is not null and polity2 is not null",
    )[0]
    quick, adjusted, scored = rows(
        con,
        "select avg((xm_qudsest > 0)::int), avg((aeuds > 0)::int), count(*) from state_years "
        "where xm_qudsest is not null and aeuds is not null",
    )[0]
    print(
        f"\nV-Dem >= 0.5 {vdem:.1%}, Polity2 >= 6 {polity:.1%} of {both:,}; QuickUDS > 0 {quick:.1%}, aeuds > 0 {adjusted:.1%} of {scored:,}"
    )
    assert (both, f"{vdem:.1%}", f"{polity:.1%}") == (14310, "28.4%", "31.9%")
    assert (scored, f"{quick:.1%}", f"{adjusted:.1%}") == (15894, "57.0%", "35.4%")

"""The whole build over the tiny hand-made world of tests/transform/world.py.

The world's docstring works out the right answers; each test restates the part it checks.
The database is built once for the module (about a second).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dpeace.transform.dictionary import load_dictionary
from dpeace.transform.runner import build_database
from tests.transform.world import write_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    data = tmp_path_factory.mktemp("world") / "data"
    write_world(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        report = build_database()
    return data, report


@pytest.fixture(scope="module")
def con(world):
    data, _ = world
    connection = duckdb.connect(str(data / "peace.duckdb"), read_only=True)
    yield connection
    connection.close()


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def dyad(con, table, ccode1, ccode2, year, *columns):
    found = rows(
        con,
        f"SELECT {', '.join(columns)} FROM {table} WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
        ccode1,
        ccode2,
        year,
    )
    assert len(found) == 1, f"expected one {table} row for {ccode1}-{ccode2} {year}, got {found}"
    return found[0]


def test_a_state_that_leaves_and_comes_back_has_only_its_member_years(con):
    # CCC (255): spells 1900-1901 and 1904-1905.
    years = [y for (y,) in rows(con, "SELECT year FROM state_years WHERE ccode = 255 ORDER BY year")]
    assert years == [1900, 1901, 1904, 1905]
    in_dyads = rows(
        con,
        "SELECT DISTINCT year FROM dyad_years_directed WHERE 255 IN (ccode1, ccode2) ORDER BY year",
    )
    assert [y for (y,) in in_dyads] == [1900, 1901, 1904, 1905]
    assert rows(con, "SELECT count(*) FROM state_years") == [(21,)]


def test_dyad_counts_per_year_are_n_n_minus_one_less_the_pairs_apart(con, world):
    # Members per year 3, 4, 3, 3, 4, 4 -> n(n-1)/2 = 3, 6, 3, 3, 6, 6, less the one pair
    # (255-390) that never shared a day of 1901: 3, 5, 3, 3, 6, 6; twice that directed.
    undirected = dict(rows(con, "SELECT year, count(*) FROM dyad_years GROUP BY year"))
    directed = dict(rows(con, "SELECT year, count(*) FROM dyad_years_directed GROUP BY year"))
    assert undirected == {1900: 3, 1901: 5, 1902: 3, 1903: 3, 1904: 6, 1905: 6}
    assert directed == {1900: 6, 1901: 10, 1902: 6, 1903: 6, 1904: 12, 1905: 12}
    _, report = world
    assert report.rows("dyad_years") == 26
    assert report.rows("dyad_years_directed") == 52
    assert report.rows("int_dyad_panel_directed") == 52
    assert rows(
        con,
        "SELECT member_states, pairs_without_common_day, expected_dyad_years FROM dyad_year_counts WHERE year = 1901",
    ) == [(4, 1, 5)]


def test_the_directed_panel_of_a_three_state_year(con):
    # 1902: AAA (2), BBB (20) and EEE (390) are members, all year long for AAA and BBB.
    assert rows(con, "SELECT ccode1, ccode2 FROM int_dyad_panel_directed WHERE year = 1902 ORDER BY ALL") == [
        (2, 20),
        (2, 390),
        (20, 2),
        (20, 390),
        (390, 2),
        (390, 20),
    ]


def test_a_pair_whose_spells_never_share_a_day_is_no_dyad_that_year(con, world):
    # CCC (255) was a member 1 Jan - 30 Jun 1901 and EEE (390) 1 Sep - 31 Dec 1901: both
    # are in state_years for 1901, but the pair is in neither dyad table, and it is listed.
    assert rows(
        con, "SELECT ccode FROM state_years WHERE year = 1901 AND ccode IN (255, 390) ORDER BY 1"
    ) == [(255,), (390,)]
    for table in ("dyad_years", "dyad_years_directed", "int_dyad_panel_directed"):
        assert rows(
            con, f"SELECT count(*) FROM {table} WHERE 255 IN (ccode1, ccode2) AND 390 IN (ccode1, ccode2)"
        ) == [(0,)]
    assert rows(con, "SELECT * FROM member_pairs_without_common_day") == [
        (255, 390, 1901, "1901-01-01 to 1901-06-30", "1901-09-01 to 1901-12-31")
    ]
    # EEE shares days of 1901 with AAA and BBB, members all year.
    assert dyad(con, "dyad_years", 2, 390, 1901, "year") == (1901,)
    data, report = world
    assert report.pairs_without_common_day == 1
    assert json.loads((data / "build_log.json").read_text())["member_pairs_without_common_day"] == 1


def test_dyad_years_are_the_lower_code_first_rows_of_the_directed_table(con):
    directed = rows(
        con,
        "SELECT * EXCLUDE (sidea1, ccode1_initiated) FROM dyad_years_directed"
        " WHERE ccode1 < ccode2 ORDER BY year, ccode1, ccode2",
    )
    assert rows(con, "SELECT * FROM dyad_years ORDER BY year, ccode1, ccode2") == directed
    columns = [
        c
        for (c,) in rows(
            con, "SELECT column_name FROM information_schema.columns WHERE table_name = 'dyad_years'"
        )
    ]
    assert "sidea1" not in columns
    # The build writes those rows once: dyad_years is a view of the directed table.
    assert rows(con, "SELECT table_type FROM information_schema.tables WHERE table_name = 'dyad_years'") == [
        ("VIEW",)
    ]


def test_polity_special_codes_become_null_and_are_kept_as_codes(con):
    # AAA 1900: polity -88 (transition), polity2 5. BBB 1900: polity -66, polity2 blank.
    assert rows(
        con,
        "SELECT ccode, polity2, polity, polity_special, democ, autoc FROM state_years "
        "WHERE year = 1900 AND ccode IN (2, 20) ORDER BY ccode",
    ) == [(2, 5, None, -88, None, None), (20, None, None, -66, None, None)]
    assert rows(con, "SELECT polity, polity_special FROM state_years WHERE ccode = 2 AND year = 1901") == [
        (8, None)
    ]


def test_the_crosswalk_maps_a_polity_code_to_its_cow_code(con):
    # Polity 342 (1903, polity2 -5) stands for COW 345 in 1878-1920 under the crosswalk.
    assert rows(con, "SELECT polity2 FROM state_years WHERE ccode = 345 AND year = 1903") == [(-5,)]
    assert rows(con, "SELECT polity_ccode FROM int_polity_state_years WHERE ccode = 345 AND year = 1903") == [
        (342,)
    ]
    # 345 in 1905 is Polity's own 345.
    assert rows(con, "SELECT polity2 FROM state_years WHERE ccode = 345 AND year = 1905") == [(3,)]


def test_two_polity_rows_for_one_cow_state_year_collide_and_neither_is_used(con):
    # Polity 342/1904 (mapped) and 345/1904 both stand for COW 345 in 1904.
    assert rows(con, "SELECT polity2 FROM state_years WHERE ccode = 345 AND year = 1904") == [(None,)]
    assert rows(
        con,
        "SELECT polity_ccode, cow_ccode, polity2 FROM polity_unmatched "
        "WHERE reason = 'collision' ORDER BY polity_ccode",
    ) == [(342, 345, -4), (345, 345, 2)]


def test_polity_rows_that_map_to_no_cow_state_year_are_reported(con, world):
    assert rows(
        con,
        "SELECT polity_ccode, year, reason FROM polity_unmatched "
        "WHERE reason <> 'collision' ORDER BY polity_ccode",
    ) == [
        (2, 1899, "outside COW years"),
        (89, 1900, "code not in COW"),
        (255, 1902, "not a COW member that year"),
    ]
    # 13 Polity rows: 5 unmatched, 8 matched to a COW state-year.
    assert rows(con, "SELECT count(*) FROM int_polity_state_years") == [(8,)]
    data, report = world
    expected = {"code not in COW": 1, "collision": 2, "not a COW member that year": 1, "outside COW years": 1}
    assert report.polity_unmatched == expected
    log = json.loads((data / "build_log.json").read_text())
    assert log["polity_unmatched_by_reason"] == expected


def test_democracy_weak_link_and_joint_democracy(con):
    table = "dyad_years_directed"
    columns = ("polity2_1", "polity2_2", "polity2_low", "polity2_high", "joint_democracy")
    # 1901: 8 and 7, both >= 6.
    assert dyad(con, table, 20, 2, 1901, *columns) == (7, 8, 7, 8, True)
    # 1902: 10 and 5: the weak link 5 is below 6.
    assert dyad(con, table, 2, 20, 1902, *columns) == (10, 5, 5, 10, False)
    # 1900: BBB has no polity2, so no weak link and no verdict.
    assert dyad(con, table, 2, 20, 1900, *columns) == (5, None, None, None, None)


def test_capability_ratio_by_hand(con):
    # 1900: 0.6 and 0.2 -> ratio 3, ln 3, weaker share 0.2 / 0.8 = 0.25, in both directions.
    for pair in ((2, 20), (20, 2)):
        ratio, log_ratio, share = dyad(
            con, "dyad_years_directed", *pair, 1900, "cap_ratio", "log_cap_ratio", "weaker_share"
        )
        assert ratio == pytest.approx(3.0)
        assert log_ratio == pytest.approx(math.log(3.0))
        assert share == pytest.approx(0.25)
    # CCC's cinc is -9 (missing) in 1900: nothing to compare.
    assert dyad(con, "dyad_years_directed", 20, 255, 1900, "cinc_2", "cap_ratio", "weaker_share") == (
        None,
        None,
        None,
    )
    # DDD's cinc is 0 in 1903: no ratio to a zero (BBB's is 0.5), but a weaker share of 0;
    # AAA's is missing that year: neither.
    assert rows(con, "SELECT cinc FROM state_years WHERE ccode = 345 AND year = 1903") == [(0.0,)]
    columns = ("cap_ratio", "log_cap_ratio", "weaker_share")
    assert dyad(con, "dyad_years_directed", 20, 345, 1903, *columns) == (None, None, 0.0)
    assert dyad(con, "dyad_years_directed", 2, 345, 1903, *columns) == (None, None, None)


def test_contiguity(con):
    columns = ("conttype", "contiguous")
    assert dyad(con, "dyad_years_directed", 2, 20, 1900, *columns) == (1, True)
    # Listed as type 1 and type 3 in 1901: the closer type counts.
    assert dyad(con, "dyad_years_directed", 20, 2, 1901, *columns) == (1, True)
    # 400 miles of water (type 5) is recorded but is not contiguity.
    assert dyad(con, "dyad_years_directed", 255, 20, 1900, *columns) == (5, False)
    assert dyad(con, "dyad_years_directed", 2, 255, 1900, *columns) == (None, False)


def test_major_power_spells_count_every_year_they_touch(con):
    # BBB's spell runs 5 Nov 1902 - 1 Feb 1903.
    status = dict(rows(con, "SELECT year, major_power FROM state_years WHERE ccode = 20"))
    assert status == {1900: False, 1901: False, 1902: True, 1903: True, 1904: False, 1905: False}
    columns = ("major_power_1", "major_power_2", "any_major_power", "politically_relevant")
    # BBB-CCC 1900: neither a major power, water of 400 miles: not politically relevant.
    assert dyad(con, "dyad_years_directed", 20, 255, 1900, *columns) == (False, False, False, False)
    # AAA is a major power throughout.
    assert dyad(con, "dyad_years_directed", 255, 2, 1904, *columns) == (False, True, True, True)


def test_dispute_columns_are_filled_within_mid_coverage_and_null_after(con):
    columns = (
        "mid_ongoing",
        "mid_onset",
        "mid_onset_count",
        "mid_ongoing_count",
        "hostlev_max",
        "force_onset",
        "sidea1",
    )
    # Dispute 1, AAA (side A) v BBB, 1901, hostility 4.
    assert dyad(con, "dyad_years_directed", 2, 20, 1901, *columns) == (True, True, 1, 1, 4, True, True)
    assert dyad(con, "dyad_years_directed", 20, 2, 1901, *columns) == (True, True, 1, 1, 4, True, False)
    # No dispute in 1900, a year MID covers: false and 0, no hostility level.
    assert dyad(con, "dyad_years_directed", 2, 20, 1900, *columns) == (False, False, 0, 0, None, False, False)
    # The last dispute ends in 1903, so 1904 is beyond MID's coverage: unknown.
    assert dyad(con, "dyad_years_directed", 2, 20, 1904, *columns) == (None,) * len(columns)


def test_every_column_of_the_analysis_tables_is_in_the_dictionary(con):
    dictionary = load_dictionary()
    for table in (
        "state_years",
        "dyad_years",
        "dyad_years_directed",
        "polity_unmatched",
        "dyad_year_counts",
        "member_pairs_without_common_day",
        "capital_distance_unmatched",
        "measure_coverage",
        "leader_years",
        "leaders_unmatched",
        "covariates_unmatched",
    ):
        in_database = [
            c
            for (c,) in rows(
                con,
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                table,
            )
        ]
        described = dictionary[table]["columns"]
        assert set(in_database) == set(described), table
        assert all(described.values()) and dictionary[table]["description"]
    # Models without a schema.yml entry are described by their SQL file's leading comment.
    assert dictionary["stg_polity"]["description"].startswith("Polity5 annual time series")


def test_the_duckdb_cli_opens_the_database(world):
    data, _ = world
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        pytest.skip(f"the duckdb-cli package is not installed (no {cli})")
    result = subprocess.run(
        [
            str(cli),
            "-readonly",
            "-csv",
            "-noheader",
            str(data / "peace.duckdb"),
            "-c",
            "SELECT count(*) FROM dyad_years",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "26"


def test_every_table_and_column_the_dictionary_describes_carries_it_as_a_comment(con):
    dictionary = load_dictionary()
    # dyad_years is a view (schema.yml: materialized: view); its comments sit in duckdb_views().
    tables = dict(
        rows(
            con,
            "SELECT table_name, comment FROM duckdb_tables() UNION ALL "
            "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal",
        )
    )
    columns = {
        (table, column): comment
        for table, column, comment in rows(
            con, "SELECT table_name, column_name, comment FROM duckdb_columns()"
        )
    }
    assert tables["dyad_years"] == dictionary["dyad_years"]["description"]
    assert tables["stg_polity"] == dictionary["stg_polity"]["description"]
    assert (
        columns[("dyad_years", "joint_democracy")] == dictionary["dyad_years"]["columns"]["joint_democracy"]
    )
    assert columns[("state_years", "polity_special")].startswith("Polity's special code for the year")
    for table, entry in dictionary.items():
        if table not in tables:
            continue
        assert tables[table] == entry["description"], table
        for column, meaning in entry["columns"].items():
            assert columns[(table, column)] == meaning, (table, column)


def test_the_duckdb_cli_reads_the_comments(world):
    data, _ = world
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        pytest.skip(f"the duckdb-cli package is not installed (no {cli})")
    result = subprocess.run(
        [
            str(cli),
            "-readonly",
            "-csv",
            "-noheader",
            str(data / "peace.duckdb"),
            "-c",
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'dyad_years' AND column_name = 'conttype'",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().strip('"').startswith("COW direct contiguity type in this year")


def test_the_build_log_has_every_model_and_raw_table(world):
    data, report = world
    log = json.loads((data / "build_log.json").read_text())
    assert log["raw_tables"]["raw_system"] == 21
    by_name = {m["name"]: m for m in log["models"]}
    assert by_name["state_years"]["rows"] == 21
    assert by_name["dyad_years"]["rows"] == 26
    assert all(m["seconds"] >= 0 for m in log["models"])
    assert [m["name"] for m in log["models"]] == [run.name for run in report.models]


def test_crosswalk_rows_never_overlap_for_a_polity_code(con):
    # Two rows covering the same Polity code and year would duplicate that Polity row in
    # the join, and it would then collide with itself.
    assert (
        rows(
            con,
            """
        select a.polity_ccode, a.first_year, b.first_year
        from polity_cow_crosswalk a
        join polity_cow_crosswalk b
          on a.polity_ccode = b.polity_ccode
         and a.first_year < b.first_year
         and b.first_year <= a.last_year
    """,
        )
        == []
    )
    assert rows(con, "select count(*) from polity_cow_crosswalk where first_year > last_year") == [(0,)]
    assert rows(con, "select count(*) from polity_cow_crosswalk where note is null or note = ''") == [(0,)]


def test_peace_years_skip_the_years_a_state_was_out_of_the_system(con):
    # AAA (2) and CCC (255) have no dispute; CCC is out of the system in 1902-1903.
    # peace_years counts the pair's earlier dyad-years: 1900: 0, 1901: 1 (1900),
    #   1904: 2 (1900, 1901), 1905: 3 (and 1904).
    # peace_years_calendar counts calendar years from 1900: 0, 1, 4, 5.
    assert rows(
        con,
        "SELECT year, peace_years, peace_years_sq, peace_years_cu, peace_years_calendar FROM dyad_years "
        "WHERE ccode1 = 2 AND ccode2 = 255 ORDER BY year",
    ) == [(1900, 0, 0, 0, 0), (1901, 1, 1, 1, 1), (1904, 2, 4, 8, 4), (1905, 3, 9, 27, 5)]
    # BBB-DDD: onset 1903 (dispute 2), no gap: 1903: 0 (first year), 1904: 0, 1905: 1.
    assert rows(
        con,
        "SELECT year, peace_years, peace_years_calendar FROM dyad_years WHERE ccode1 = 20 AND ccode2 = 345 ORDER BY year",
    ) == [(1903, 0, 0), (1904, 0, 0), (1905, 1, 1)]


def test_gleditsch_ward_numbers_through_the_crosswalk(con):
    # The seed maps COW 345 in 1878-1917 to GW 340 (Serbia); the other states keep their
    # codes, which are in the GW lists (EEE, 390, in the microstates list).
    assert rows(con, "SELECT DISTINCT ccode, gwcode FROM state_years ORDER BY ccode") == [
        (2, 2),
        (20, 20),
        (255, 255),
        (345, 340),
        (390, 390),
    ]


def test_capital_distances_by_capdist_number_and_the_pairs_without_one(con):
    columns = ("capital_distance_km", "log_capital_distance")
    # DDD is GW 340 but capdist lists its capital under 345 (the seed's capdist_code):
    # AAA-DDD 3000 km, ln(1 + 3000); the same in both directions.
    for pair in ((2, 345), (345, 2)):
        km, log_km = dyad(con, "dyad_years_directed", *pair, 1903, *columns)
        assert km == 3000.0
        assert log_km == pytest.approx(math.log(3001.0))
    assert dyad(con, "dyad_years", 255, 345, 1904, "capital_distance_km") == (500.0,)
    # capdist has no row for EEE (390): its four dyad-years have no distance, listed.
    assert dyad(con, "dyad_years", 20, 390, 1901, *columns) == (None, None)
    assert rows(con, "SELECT * FROM capital_distance_unmatched") == [
        (2, 390, 1901, 2, 390, "ccode2 not in capdist"),
        (2, 390, 1902, 2, 390, "ccode2 not in capdist"),
        (20, 390, 1901, 20, 390, "ccode2 not in capdist"),
        (20, 390, 1902, 20, 390, "ccode2 not in capdist"),
    ]


def test_bmr_democracy_through_its_crosswalk_and_joint_bmr_democracy(con):
    # DDD (COW 345) takes BMR's Serbia rows (342) in 1903-1905: 0, 1, 1; BMR's 345 row
    # for 1905 (0) belongs to another state and is not used.
    assert rows(con, "SELECT year, bmr_democracy FROM state_years WHERE ccode = 345 ORDER BY year") == [
        (1903, False),
        (1904, True),
        (1905, True),
    ]
    # BBB 1900 is NA in BMR; EEE has no BMR row.
    assert rows(con, "SELECT bmr_democracy FROM state_years WHERE ccode = 20 AND year = 1900") == [(None,)]
    assert rows(con, "SELECT DISTINCT bmr_democracy FROM state_years WHERE ccode = 390") == [(None,)]
    columns = ("bmr_democracy_1", "bmr_democracy_2", "joint_democracy_bmr")
    assert dyad(con, "dyad_years_directed", 2, 20, 1901, *columns) == (True, True, True)
    # One side unscored: no verdict, even though AAA is a democracy.
    assert dyad(con, "dyad_years_directed", 2, 20, 1900, *columns) == (True, None, None)
    # A democracy and a non-democracy (CCC 1900: 0), and an unscored state with a
    # non-democracy would be NULL, not false: SQL's AND is not used bare.
    assert dyad(con, "dyad_years_directed", 2, 255, 1900, *columns) == (True, False, False)
    assert dyad(con, "dyad_years_directed", 255, 20, 1900, *columns) == (False, None, None)
    assert dyad(con, "dyad_years", 2, 345, 1905, *columns) == (True, True, True)


def test_measure_coverage_by_hand(con, world):
    # State-years 21. polity2 known: AAA 1900-1902, BBB 1901-1902, DDD 1903 and 1905 = 7.
    #   BMR scored: AAA 6 + BBB 5 + CCC 4 + DDD 3 = 18 (BBB 1900 NA, EEE none); all 7
    #   Polity-scored state-years are among them, so BMR scores 11 of the 14 without polity2.
    # Dyad-years 26, onsets 2 (AAA-BBB 1901, BBB-DDD 1903).
    #   Polity verdicts: AAA-BBB 1901 and 1902 = 2; of the onsets AAA-BBB 1901 only.
    #   BMR verdicts per year, 1900-1905: 1 (AAA-CCC), 3 (not with EEE), 1 (AAA-BBB), 3, 6, 6
    #   = 20, both onsets; of the 24 without a Polity verdict 20 - 2 = 18, and the one
    #   onset among them (BBB-DDD 1903).
    #   Distances: all but EEE's 4 dyad-years = 22, both onsets.
    expected = [
        ("polity2", "state-years", 21, 7, None, None),
        ("bmr_democracy", "state-years", 21, 18, None, None),
        ("bmr_democracy where polity2 is null", "state-years", 14, 11, None, None),
        ("joint_democracy", "dyad-years", 26, 2, 2, 1),
        ("joint_democracy_bmr", "dyad-years", 26, 20, 2, 2),
        ("joint_democracy_bmr where joint_democracy is null", "dyad-years", 24, 18, 1, 1),
        ("capital_distance_km", "dyad-years", 26, 22, 2, 2),
        # The rival explanations (tests/transform/world.py, rival explanations):
        # GDP AAA and BBB 1900; GDP per capita and threat AAA and BBB every year (6 + 6);
        # IGO counts AAA and BBB 1900; NMC milper/tpop in its 5 rows; leaders: AAA 6, DDD 3
        # (GW 340), CCC 4 (GW 255 in its member years).
        ("gdp_usd2011_millions", "state-years", 21, 2, None, None),
        ("gdppc", "state-years", 21, 12, None, None),
        ("igos_full", "state-years", 21, 2, None, None),
        ("terrthreat", "state-years", 21, 12, None, None),
        ("milper_per_capita", "state-years", 21, 5, None, None),
        ("leader", "state-years", 21, 13, None, None),
        # Trade AAA-BBB 1900 only (1901's flow unknown: the onset is not covered); IGOs
        # AAA-BBB 1900-1901 (with the 1901 onset); GDP per capita and threat AAA-BBB 1900-1905
        # (one onset); Thompson-Dreyer's list ends in 1904 (20 dyad-years, both onsets), the
        # other in 1905 (all); militarisation: 1900's 3 pairs and BBB-DDD 1903 (an onset).
        ("trade_dependence_low", "dyad-years", 26, 1, 2, 0),
        ("shared_igos", "dyad-years", 26, 2, 2, 1),
        ("gdppc_low", "dyad-years", 26, 6, 2, 1),
        ("terrthreat_high", "dyad-years", 26, 6, 2, 1),
        ("td_rivalry", "dyad-years", 26, 20, 2, 2),
        ("tss_rivalry", "dyad-years", 26, 26, 2, 2),
        ("milper_per_capita_low", "dyad-years", 26, 4, 2, 1),
        # The measures of tests/transform/world_r_sources.py. State-years scored:
        #   polyarchy AAA 6 + BBB 6 + CCC 4 + DDD 2 (1904 NA) = 18; euds and QuickUDS 6 + 6 +
        #   4 + 3 = 19; UDS 2014 AAA 6 + CCC 4 = 10; liberal democracy AAA 6 + BBB 5 (1903
        #   a collision) = 11.
        ("v2x_polyarchy", "state-years", 21, 18, None, None),
        ("euds", "state-years", 21, 19, None, None),
        ("xm_qudsest", "state-years", 21, 19, None, None),
        ("uds_mean", "state-years", 21, 10, None, None),
        ("v2x_libdem", "state-years", 21, 11, None, None),
        # Dyad-years with both states scored, 1900-1905: polyarchy 3 + 3 (not EEE) + 1 + 3 +
        #   3 (not DDD) + 6 = 19; aeuds and QuickUDS 3 + 3 + 1 + 3 + 6 + 6 = 22; both onsets.
        ("joint_democracy_vdem", "dyad-years", 26, 19, 2, 2),
        ("joint_democracy_uds", "dyad-years", 26, 22, 2, 2),
        ("xm_qudsest_low", "dyad-years", 26, 22, 2, 2),
        # Lags (none in 1900, each state's first year, nor in a spell's first year):
        #   Polity: AAA-BBB 1902 (8, 7) and 1903 (10, 5) = 2, neither onset (BBB's 1900
        #   polity2 and DDD's 1902 are unknown).
        #   BMR: 1901 AAA-CCC; 1902 AAA-BBB; 1903 AAA-BBB; 1904 the three of AAA, BBB, DDD
        #   (CCC back after a gap); 1905 all 6 = 12, neither onset.
        #   Polyarchy: 1901 3; 1902 1; 1903 1 (DDD's first year); 1904 3 (CCC's first year
        #   back); 1905 3 (DDD's 1904 NA) = 11; the onset AAA-BBB 1901.
        #   aeuds and QuickUDS: 3 + 1 + 1 + 3 + 6 = 14; the onset AAA-BBB 1901.
        ("joint_democracy_lag", "dyad-years", 26, 2, 2, 0),
        ("joint_democracy_bmr_lag", "dyad-years", 26, 12, 2, 0),
        ("joint_democracy_vdem_lag", "dyad-years", 26, 11, 2, 1),
        ("joint_democracy_uds_lag", "dyad-years", 26, 14, 2, 1),
        ("xm_qudsest_lag_low", "dyad-years", 26, 14, 2, 1),
        # GML covers 1816-2010: every dyad-year of the world.
        ("gml_onset", "dyad-years", 26, 26, 2, 2),
    ]
    assert (
        rows(con, "SELECT measure, unit, total, covered, onsets, onsets_covered FROM measure_coverage")
        == expected
    )
    data, report = world
    logged = json.loads((data / "build_log.json").read_text())["measure_coverage"]
    assert [tuple(row.values()) for row in logged] == expected
    assert report.measure_coverage == [dict(zip(logged[0], row)) for row in expected]


def test_crosswalk_seeds_have_one_row_per_code_and_year_and_a_note(con):
    for seed in ("gw_cow_crosswalk", "bmr_cow_crosswalk"):
        assert (
            rows(
                con,
                f"""
            select a.ccode, a.first_year, b.first_year
            from {seed} a
            join {seed} b
              on a.ccode = b.ccode
             and a.first_year < b.first_year
             and b.first_year <= a.last_year
        """,
            )
            == []
        ), seed
        assert rows(con, f"select count(*) from {seed} where first_year > last_year or note is null") == [
            (0,)
        ]


def test_the_conflict_record_reaches_the_marts(con):
    # See the world's docstring: war #1 is AAA (2) v BBB (20) in 1901, 1000 + 500 deaths;
    # dispute #2 (BBB v DDD, 1903) takes its level from its one incident, max(2, 1) = 2.
    assert dyad(
        con,
        "dyad_years",
        2,
        20,
        1901,
        "war_onset",
        "war_ongoing",
        "war_number",
        "war_name",
        "war_battle_deaths",
    ) == (True, True, 1, "Aland-Bland War", 1500)
    assert dyad(con, "dyad_years", 2, 20, 1902, "war_onset", "war_ongoing", "war_number") == (
        False,
        False,
        None,
    )
    # After MID's coverage (1903) dispute columns are NULL, but the war data cover 2007.
    assert dyad(con, "dyad_years", 2, 20, 1904, "mid_onset", "originator_onset", "war_onset") == (
        None,
        None,
        False,
    )
    assert dyad(con, "dyad_years", 20, 345, 1903, "hostlev_max", "originator_onset") == (2, True)
    assert dyad(con, "dyad_years_directed", 2, 20, 1901, "ccode1_initiated") == (True,)
    assert dyad(con, "dyad_years_directed", 20, 2, 1901, "ccode1_initiated") == (False,)
    # AAA: entered and began dispute #1 and entered the war in 1901.
    assert rows(
        con,
        "SELECT year, mid_entered, mid_initiated, war_entered, war_ongoing FROM state_years"
        " WHERE ccode = 2 AND year IN (1901, 1902, 1904) ORDER BY year",
    ) == [
        (1901, 1, 1, 1, True),
        (1902, 0, 0, 0, False),
        (1904, None, None, 0, False),
    ]


def test_an_unknown_day_widens_the_membership_spell(con):
    # CCC's second spell begins in March 1904 on an unknown day (-9): read as 1 March, the
    # widest reading; its end, 31 December 1905, is known.
    assert rows(
        con,
        "SELECT start_date, end_date, has_unknown_date FROM int_membership_spells WHERE ccode = 255 ORDER BY start_date",
    ) == [
        (date(1900, 1, 1), date(1901, 6, 30), False),
        (date(1904, 3, 1), date(1905, 12, 31), True),
    ]

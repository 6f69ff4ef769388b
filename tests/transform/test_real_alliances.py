"""ATOP 5.1 alliances over the real data (skipped without the offline mirror).

The rebuild from ATOP's member file is checked against ATOP's own state-year file
(atop5_1sy): every state-year, its alliances and the state's obligations must agree.
Known cases: NATO ties the USA and the UK (2, 200) and the USA and Canada (2, 20) with a
defence pact in 1960 and 1950; the Molotov-Ribbentrop pact ties Germany and the USSR
(255, 365) with non-aggression, no defence, in 1939; the USA and the USSR (2, 365) are
not allied in 1960.
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


def test_the_member_file_rebuilds_atops_state_year_file(con):
    assert con.execute("SELECT * FROM atop_state_year_mismatches LIMIT 10").fetchall() == []
    # The comparison covers every published state-year (11,923 rows in atop5_1sy).
    assert con.execute("SELECT count(*) FROM int_atop_state_years").fetchall() == [(11923,)]


def test_the_one_member_that_is_no_cow_state_is_listed(con):
    assert con.execute("SELECT atopid, atop_ccode FROM atop_members_unmatched").fetchall() == [(1320, 8152)]


def test_known_alliances(con):
    found = con.execute("""
        SELECT ccode1, ccode2, year, alliance, defense_pact, nonaggression_pact
        FROM dyad_years
        WHERE (ccode1, ccode2, year) IN ((2, 200, 1960), (2, 20, 1950), (255, 365, 1939), (2, 365, 1960))
        ORDER BY ALL
    """).fetchall()
    assert found == [
        (2, 20, 1950, True, True, True),
        (2, 200, 1960, True, True, True),
        (2, 365, 1960, False, False, False),
        (255, 365, 1939, True, False, True),
    ]


def test_alliance_columns_cover_every_dyad_year(con):
    # COW's years (1816-2016) lie inside ATOP's (1815-2018): no alliance column is NULL.
    assert con.execute(
        "SELECT count(*) FROM dyad_years WHERE alliance IS NULL OR defense_pact IS NULL"
    ).fetchall() == [(0,)]

"""Peace years by the Gibler-Miller-Little record (gml_peace_years in
sql/intermediate/int_peace_years.sql, which counts MID's and GML's in one pass) on a
hand-made panel with a GML and a MID dispute record; the answers are worked out beside it."""

from __future__ import annotations

import duckdb

from dpeace.paths import sql_dir

# Pair 2-20 is a dyad in 1900-1904 and 1906-1908; in 1905 one state was out of the
# system (no panel year). GML disputes between them are ongoing in 1902 (onset), 1903, and
# 1905, the year out of the system. peace_years = the panel years before this year, less
# the panel years up to and including the last dispute year before it:
#   1900  0 (first year)          1904  4 - 4 = 0 (the dispute ran through 1903)
#   1901  1                       1906  5 - 5 = 0 (the 1905 dispute, out of the panel, counts)
#   1902  2 (its onset year)      1907  6 - 5 = 1
#   1903  3 - 3 = 0 (inside it)   1908  7 - 5 = 2
PANEL_YEARS = [1900, 1901, 1902, 1903, 1904, 1906, 1907, 1908]
DISPUTE_YEARS = [(1902, True), (1903, False), (1905, True)]
EXPECTED = [
    (1900, 0, 0, 0),
    (1901, 1, 1, 1),
    (1902, 2, 4, 8),
    (1903, 0, 0, 0),
    (1904, 0, 0, 0),
    (1906, 0, 0, 0),
    (1907, 1, 1, 1),
    (1908, 2, 4, 8),
]
# MID's record, in the same pass, is its own: one MID dispute year, 1906 (an onset), listed
# in one order only (a dispute in either order counts for the pair). MID's peace_years:
# 1900-1904 count 0-4 (no MID dispute before), 1906 5, 1907 6 - 6 = 0, 1908 1.
MID_DISPUTE_YEARS = [(20, 2, 1906, True)]
EXPECTED_MID = [(1900, 0), (1901, 1), (1902, 2), (1903, 3), (1904, 4), (1906, 5), (1907, 0), (1908, 1)]


def test_gml_peace_years_restart_when_a_gml_dispute_ends_and_skip_years_out_of_the_system():
    con = duckdb.connect()
    con.execute("CREATE TABLE int_dyad_panel_directed (ccode1 INTEGER, ccode2 INTEGER, year INTEGER)")
    con.executemany(
        "INSERT INTO int_dyad_panel_directed VALUES (?, ?, ?)",
        [(a, b, year) for year in PANEL_YEARS for a, b in ((2, 20), (20, 2))],
    )
    con.execute(
        "CREATE TABLE int_gml_dyad_years_directed (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, gml_onset BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO int_gml_dyad_years_directed VALUES (?, ?, ?, ?)",
        [(a, b, year, onset) for year, onset in DISPUTE_YEARS for a, b in ((2, 20), (20, 2))],
    )
    con.execute(
        "CREATE TABLE int_dispute_dyad_years_directed (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, mid_onset BOOLEAN)"
    )
    con.executemany("INSERT INTO int_dispute_dyad_years_directed VALUES (?, ?, ?, ?)", MID_DISPUTE_YEARS)
    path = sql_dir() / "intermediate" / "int_peace_years.sql"
    con.execute(f"CREATE TABLE int_peace_years AS {path.read_text()}")
    query = (
        "SELECT year, gml_peace_years, gml_peace_years_sq, gml_peace_years_cu FROM int_peace_years"
        " WHERE ccode1 = ? AND ccode2 = ? ORDER BY year"
    )
    assert con.execute(query, [2, 20]).fetchall() == EXPECTED
    mid_query = "SELECT year, peace_years FROM int_peace_years WHERE ccode1 = ? AND ccode2 = ? ORDER BY year"
    assert con.execute(mid_query, [2, 20]).fetchall() == EXPECTED_MID
    # One row per panel year of the pair (ccode1 < ccode2): the out-of-system dispute year gets none.
    assert con.execute("SELECT count(*) FROM int_peace_years").fetchone() == (len(PANEL_YEARS),)

"""Monadic peace years and opportunity (sql/intermediate/int_state_peace_years.sql) on a
hand-made record; the answers are worked out beside the fixture."""

from __future__ import annotations

import duckdb

from dpeace.paths import sql_dir

# State 2, a member 1900-1908; state 20, a member 1900-1902 and 1905-1908 (out 1903-1904).
# Disputes: 2 in one running 1901-1903 and another in 1906; 20 in one in 1904 (while out).
# War: 2 at war in 1902. Contiguity: 2-20 land border (1) 1900-1908; 2-30 type 5 (400 miles
# of water, not counted); 2-40 type 4 in 1907 only.
# By hand, peace_years (member years since the last dispute year, before this year):
#   2:  1900 0 (first) | 1901 1 | 1902 0 | 1903 0 | 1904 0 (1903 in dispute) | 1905 1 |
#       1906 2 | 1907 0 | 1908 1
#   20: 1900 0 | 1901 1 | 1902 2 | 1905 0 (the 1904 dispute, while out, resets) | 1906 1 |
#       1907 2 | 1908 3
# war_peace_years for 2: 1900 0 | 1901 1 | 1902 2 | 1903 0 | 1904 1 | ... | 1908 5
# neighbours of 2: 1 (20) in every year, 2 in 1907 (40 at 150 miles of water).
MEMBERS = {2: range(1900, 1909), 20: [1900, 1901, 1902, 1905, 1906, 1907, 1908]}
DISPUTES = [(2, 1901, 1903), (2, 1906, 1906), (20, 1904, 1904)]


def build():
    con = duckdb.connect()
    con.execute("CREATE TABLE stg_system (ccode INTEGER, year INTEGER)")
    con.executemany("INSERT INTO stg_system VALUES (?, ?)", [(c, y) for c, ys in MEMBERS.items() for y in ys])
    con.execute("CREATE TABLE stg_mid_participants (ccode INTEGER, start_year INTEGER, end_year INTEGER)")
    con.executemany("INSERT INTO stg_mid_participants VALUES (?, ?, ?)", DISPUTES)
    con.execute("CREATE TABLE int_war_state_years (ccode INTEGER, year INTEGER)")
    con.execute("INSERT INTO int_war_state_years VALUES (2, 1902)")
    con.execute(
        "CREATE TABLE int_contiguity_dyad_years (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, conttype INTEGER)"
    )
    rows = [(2, 20, y, 1) for y in range(1900, 1909)] + [(20, 2, y, 1) for y in range(1900, 1909)]
    rows += [(2, 30, 1900, 5), (2, 40, 1907, 4)]
    con.executemany("INSERT INTO int_contiguity_dyad_years VALUES (?, ?, ?, ?)", rows)
    sql = (sql_dir() / "intermediate" / "int_state_peace_years.sql").read_text()
    con.execute(f"CREATE TABLE int_state_peace_years AS {sql}")
    return con


def test_monadic_peace_years_restart_after_each_dispute_and_war():
    con = build()
    found = con.execute(
        "SELECT year, peace_years, peace_years_sq, war_peace_years, neighbours FROM int_state_peace_years"
        " WHERE ccode = 2 ORDER BY year"
    ).fetchall()
    assert found == [
        (1900, 0, 0, 0, 1),
        (1901, 1, 1, 1, 1),
        (1902, 0, 0, 2, 1),
        (1903, 0, 0, 0, 1),
        (1904, 0, 0, 1, 1),
        (1905, 1, 1, 2, 1),
        (1906, 2, 4, 3, 1),
        (1907, 0, 0, 4, 2),
        (1908, 1, 1, 5, 1),
    ]
    assert con.execute(
        "SELECT year, peace_years, neighbours FROM int_state_peace_years WHERE ccode = 20 ORDER BY year"
    ).fetchall() == [
        (1900, 0, 1),
        (1901, 1, 1),
        (1902, 2, 1),
        (1905, 0, 1),
        (1906, 1, 1),
        (1907, 2, 1),
        (1908, 3, 1),
    ]

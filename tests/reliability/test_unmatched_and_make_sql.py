"""Case 9 of issue 18: every source row that does not join lands in an `*_unmatched` table
with its reason, and a data test bounds each, so a MID participant recoded to an unknown
code fails the build instead of silently dropping a side of the dispute; `make sql` only
reads: it opens the last complete database, says when it is older than the sources, and
never rebuilds."""

from __future__ import annotations

import os
import subprocess

import duckdb

from dpeace.transform.runner import build_database
from tests.conftest import REPO_ROOT
from tests.reliability.conftest import sums
from tests.transform.world import world_rows, write_world

UNMATCHED_TABLES = (
    "mid_participants_unmatched",
    "mid_incident_participants_unmatched",
    "war_participants_unmatched",
    "capabilities_unmatched",
    "contiguity_unmatched",
)


def test_the_world_builds_with_every_unmatched_table_empty(data_dir):
    write_world(data_dir)
    build_database()
    con = duckdb.connect(str(data_dir / "peace.duckdb"), read_only=True)
    try:
        counts = {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in UNMATCHED_TABLES
        }
    finally:
        con.close()
    assert counts == dict.fromkeys(UNMATCHED_TABLES, 0)


def test_a_mid_participant_with_an_unknown_code_fails_the_build_by_name(built_world, dpeace):
    rows = world_rows()
    participant = rows["midb"][0]
    participant["ccode"] = 999
    write_world(built_world, rows)
    database = built_world / "peace.duckdb"
    before = database.read_bytes()

    code, _, err = dpeace("build")

    assert code == 1
    assert "expression_is_true(mid_participants_unmatched:" in err
    assert f"dispnum={participant['dispnum']}, ccode=999" in err
    assert "reason='code not in COW'" in err
    assert "old one left in place" in err
    assert database.read_bytes() == before


def test_a_war_participant_outside_membership_fails_the_build_by_name(built_world, dpeace):
    rows = world_rows()
    war = rows["interstate_wars"][0]
    war["ccode"] = 999
    write_world(built_world, rows)
    database = built_world / "peace.duckdb"
    before = database.read_bytes()

    code, _, err = dpeace("build")

    assert code == 1
    assert "row_count(war_participants_unmatched: 0..0)" in err
    assert "ccode=999" in err and "reason='code not in COW'" in err
    assert database.read_bytes() == before


def _make_sql(data, script: str) -> subprocess.CompletedProcess:
    # SETUP= : the test's environment is set up already; make must not re-sync it.
    return subprocess.run(
        ["make", "--no-print-directory", "sql", f"DPEACE_DATA={data}", "SETUP="],
        cwd=REPO_ROOT,
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_sql_reads_the_last_database_and_says_it_is_older_than_the_sources(built_world):
    database = built_world / "peace.duckdb"
    raw_file = next(path for path in sorted((built_world / "raw").rglob("*.csv")))
    later = database.stat().st_mtime + 60
    os.utime(raw_file, (later, later))
    before = sums(built_world)
    database_time = database.stat().st_mtime_ns

    result = _make_sql(built_world, "SELECT count(*) AS states FROM state_years;\n")

    assert result.returncode == 0, result.stderr
    assert f"{database} is older than {raw_file}" in result.stderr
    assert "run `make build`" in result.stderr
    assert "states" in result.stdout
    assert "data tests" not in result.stderr  # no build ran
    assert sums(built_world) == before
    assert database.stat().st_mtime_ns == database_time


def test_make_sql_on_a_fresh_database_says_nothing_of_age(built_world):
    result = _make_sql(built_world, "SELECT 1 AS one;\n")
    assert result.returncode == 0, result.stderr
    assert "older than" not in result.stderr

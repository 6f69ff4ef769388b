"""The data tests declared in sql/schema.yml, run by every build before the swap.

Two kinds of fixture: the hand-made world of tests/transform/world.py through the repo's real
declarations, and a one-table model folder of its own (DPEACE_SQL) whose schema.yml
declares each generic test, so that each test type is seen to pass and to fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.fetch.verify import sha256_of
from dpeace.transform.data_tests import declared_tests, run_data_tests
from dpeace.transform.runner import build_database
from tests.transform.test_runner import COUNTS_OK, COVERAGE, UNMATCHED
from tests.transform.world import world_rows, write_world

REPO = Path(__file__).resolve().parents[2]


def test_the_world_passes_every_declared_test_and_the_log_counts_them(data_dir):
    write_world(data_dir)
    report = build_database()
    declared = declared_tests(paths.sql_dir())
    # Every analysis table declares its key, so there is at least one test per table;
    # dyad_years_directed, dyad_years' rows and their mirror images, declares what the
    # mirror adds (each order's side of a dispute and trade against its source's own row).
    assert {
        "unique(state_years: ccode, year)",
        "unique(dyad_years: ccode1, ccode2, year)",
        "unique(polity_unmatched: polity_ccode, year)",
    } <= {t.name for t in declared}
    assert any(
        t.name.startswith("relationships(dyad_years_directed: ccode1, ccode2, year, orig1") for t in declared
    )
    assert report.data_tests_passed == len(declared) > 0
    log = json.loads((data_dir / "build_log.json").read_text())
    assert log["data_tests_passed"] == len(declared)
    # A table's row-wise tests (not_null, ranges, values, expressions) share one scan: one
    # logged query per table for them, one per other test (unique, relationships).
    row_wise = {}
    for test in declared:
        if test.condition is not None:
            row_wise[test.table] = row_wise.get(test.table, 0) + 1
    assert {q["name"]: q["tests"] for q in log["data_tests"] if q["name"].startswith("row-wise")} == {
        f"row-wise tests of {table}": count for table, count in row_wise.items()
    }
    assert len(log["data_tests"]) == len(row_wise) + len(declared) - sum(row_wise.values())
    assert row_wise["dyad_years"] > 20


def test_an_out_of_range_value_fails_the_build_names_the_tests_and_keeps_the_old_database(data_dir):
    write_world(data_dir)
    build_database()
    database = data_dir / "peace.duckdb"
    before = database.read_bytes()

    # AAA's (ccode 2) 1900 CINC becomes 1.6, beyond the share's 0..1. Offending rows:
    # state_years 2/1900; dyad_years cinc_1 in 2-20 and 2-255 (CCC's cinc is missing, the
    # pair still exists), and no dyad_years cinc_2 (2 is the lowest code, never ccode2).
    # The ranges are tested on dyad_years alone, whose rows hold both sides (the directed
    # rows 20-2 and 255-2 are their mirror images). 2 failing tests.
    rows = world_rows()
    rows["nmc"][0]["cinc"] = 1.6
    write_world(data_dir, rows)
    with pytest.raises(BuildError) as failure:
        build_database()
    message = str(failure.value)
    total = len(declared_tests(paths.sql_dir()))
    assert message.startswith(f"2 of {total} data tests declared in sql/schema.yml failed")
    assert (
        "accepted_range(state_years.cinc: 0..1): 1 offending row(s)\n    ccode=2, year=1900, cinc=1.6"
        in message
    )
    # The rows are shown sorted.
    assert (
        "accepted_range(dyad_years.cinc_1: 0..1): 2 offending row(s)\n"
        "    ccode1=2, ccode2=20, year=1900, cinc_1=1.6\n"
        "    ccode1=2, ccode2=255, year=1900, cinc_1=1.6"
    ) in message
    assert "dyad_years.cinc_2" not in message
    # The old database is untouched and no temporary file is left beside it.
    assert database.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["build_log.json", "peace.duckdb", "raw"]


def test_the_command_line_shows_the_failure_as_one_message(data_dir):
    rows = world_rows()
    rows["nmc"][0]["cinc"] = 1.6
    write_world(data_dir, rows)
    result = subprocess.run(
        [sys.executable, "-m", "dpeace", "build"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode != 0
    assert "accepted_range(state_years.cinc: 0..1)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data_dir / "peace.duckdb").exists()


# One table of our own: things.csv has ids 1, 2, 3; thing 1 has no parent, 2 and 3 have parent 1.
THINGS = "id,parent\n1,\n2,1\n3,1\n"
PASSING = """
tables:
  things:
    description: Things.
    data_tests:
      unique: [id]
      not_null: [id]
      accepted_values: {parent: [1]}
      accepted_range: {id: [1, 3], parent: [1, null]}
      relationships:
        - {columns: [parent], to: things, to_columns: [id]}
        - {columns: [id], to: things, where: parent is not null}
      expression_is_true: ["id > coalesce(parent, 0)"]
    columns: {id: The id., parent: Its parent.}
"""


@pytest.fixture()
def things(data_dir, tmp_path, monkeypatch):
    raw = data_dir / "raw" / "things"
    raw.mkdir(parents=True)
    (raw / "things.csv").write_text(THINGS)
    (data_dir / "raw" / "provenance.json").write_text(
        json.dumps(
            {
                "files": {
                    "things": {
                        "name": "things",
                        "source_id": "things",
                        "path": "things/things.csv",
                        "format": "csv",
                        # As a fetch records it: the build checks the file against this sum.
                        "sha256": sha256_of(raw / "things.csv"),
                        "rows": 3,
                    }
                }
            }
        )
    )
    sql = tmp_path / "sql"
    for relative, text in {
        "staging/things.sql": "select cast(id as integer) as id, cast(parent as integer) as parent from raw_things",
        # The models every build checks (see tests/transform/test_runner.py).
        "marts/dyad_year_counts.sql": COUNTS_OK,
        "marts/polity_unmatched.sql": UNMATCHED,
        "marts/measure_coverage.sql": COVERAGE,
    }.items():
        (sql / relative).parent.mkdir(parents=True, exist_ok=True)
        (sql / relative).write_text(text)
    monkeypatch.setenv("DPEACE_SQL", str(sql))
    return sql


def test_each_generic_test_passes_on_data_that_meet_it(things):
    (things / "schema.yml").write_text(PASSING)
    # unique 1 + not_null 1 + accepted_values 1 + accepted_range 2 + relationships 2 + expression 1.
    assert build_database().data_tests_passed == 8


@pytest.mark.parametrize(
    ("declaration", "failure"),
    [
        # Ids 2 and 3 share parent 1; the NULL parent of 1 is not a duplicate value.
        (
            "unique: [parent]",
            "unique(things: parent): 1 offending row(s)\n    parent=1, rows_with_these_values=2",
        ),
        ("not_null: [parent]", "not_null(things.parent): 1 offending row(s)\n    id=1, parent=None"),
        # Parent 1 is outside [2]; thing 1's NULL parent is not checked.
        (
            "accepted_values: {parent: [2]}",
            "accepted_values(things.parent: 2): 1 offending row(s)\n    parent=1, rows_with_this_value=2",
        ),
        ("accepted_range: {id: [null, 2]}", "accepted_range(things.id: ..2): 1 offending row(s)\n    id=3"),
        # Things 2 and 3 are nobody's parent.
        (
            "relationships: [{columns: [id], to: things, to_columns: [parent]}]",
            "relationships(things: id -> things: parent): 2 offending row(s)\n    id=2\n    id=3",
        ),
        (
            "expression_is_true: [parent is null]",
            "expression_is_true(things: parent is null): 2 offending row(s)\n    id=2\n    id=3",
        ),
    ],
)
def test_each_generic_test_fails_showing_the_offending_rows(things, data_dir, declaration, failure):
    declared = (
        f"tables:\n  things:\n    data_tests:\n      unique: [id]\n      {declaration}\n    columns: {{}}\n"
    )
    if declaration.startswith("unique"):
        declared = declared.replace("      unique: [id]\n", "")
    (things / "schema.yml").write_text(declared)
    with pytest.raises(BuildError) as raised:
        build_database()
    assert failure in str(raised.value)
    assert str(raised.value).startswith("1 of ")
    assert not (data_dir / "peace.duckdb").exists()


def test_the_offending_rows_shown_are_capped_with_a_count_of_the_rest(things):
    (things / "schema.yml").write_text(
        "tables:\n  things:\n    data_tests:\n      accepted_range: {id: [9, 9]}\n"
    )
    # Ids 1, 2, 3 are all outside [9, 9]; a cap of 2 shows two rows and counts the third.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("dpeace.transform.data_tests.EXAMPLES", 2)
        with pytest.raises(
            BuildError, match=r"3 offending row\(s\)\n    id=1\n    id=2\n    \.\.\. and 1 more"
        ):
            build_database()


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        (
            "unqiue: [id]",
            r"schema.yml, table things, data_tests: unknown test type 'unqiue'; the types are unique, ",
        ),
        ("accepted_range: {id: [1]}", r"table things, data_tests, accepted_range: id: expected \[min, max\]"),
        (
            'not_null: ["id; drop table things"]',
            r"data_tests, not_null: 'id; drop table things' is not a lower-case",
        ),
        ("accepted_values: {parent: [[1]]}", r"accepted_values: \[1\] is not a number, string or boolean"),
    ],
)
def test_a_malformed_declaration_is_refused_before_anything_is_built(things, data_dir, declaration, message):
    (things / "schema.yml").write_text(f"tables:\n  things:\n    data_tests:\n      {declaration}\n")
    with pytest.raises(BuildError, match=message):
        build_database()
    assert not (data_dir / "peace.duckdb").exists()


def test_a_test_that_cannot_run_names_itself(things):
    (things / "schema.yml").write_text("tables:\n  things:\n    data_tests:\n      not_null: [colour]\n")
    with pytest.raises(BuildError, match=r"data test not_null\(things.colour\) could not run: .*colour"):
        build_database()


@pytest.mark.mirror
def test_the_declared_tests_hold_on_the_real_data(real_database):
    # The real build ran them already (it would have failed otherwise); run them again on
    # the finished database, and see that the build log counts them all.
    declared = declared_tests(paths.sql_dir())
    con = duckdb.connect(str(real_database), read_only=True)
    try:
        assert sum(timing.tests for timing in run_data_tests(con, declared)) == len(declared)
    finally:
        con.close()
    log = json.loads((real_database.parent / "build_log.json").read_text())
    assert log["data_tests_passed"] == len(declared)

"""The SQL runner on small model folders of its own (DPEACE_SQL), not the repo's sql/.

Each folder holds the two models the runner checks after every build: dyad_year_counts
(here one correct row unless a test says otherwise) and polity_unmatched.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from dpeace.errors import BuildError
from dpeace.transform.models import discover_models, leading_comment
from dpeace.transform.runner import build_database

COUNTS_OK = (
    "select 1900 as year, 3 as member_states, 0 as pairs_without_common_day, 3 as dyad_years, "
    "3 as expected_dyad_years, 6 as dyad_years_directed, 6 as expected_dyad_years_directed"
)
COVERAGE = (
    "select 'capital_distance_km' as measure, 'dyad-years' as unit, 3 as total, 2 as covered, "
    "1 as onsets, 1 as onsets_covered"
)
# sha256 of "id,parent\n1,\n2,1\n3,1\n", the raw file the fixture writes: the build checks it.
THINGS_SHA256 = hashlib.sha256(b"id,parent\n1,\n2,1\n3,1\n").hexdigest()
UNMATCHED = "select 'code not in COW' as reason from raw_things where false"


def write_models(sql: Path, models: dict[str, str]) -> None:
    for relative, text in models.items():
        path = sql / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture()
def project(data_dir, tmp_path, monkeypatch):
    """A data folder with one raw file (things.csv: 3 rows) and an empty sql folder."""
    raw = data_dir / "raw" / "things"
    raw.mkdir(parents=True)
    (raw / "things.csv").write_text("id,parent\n1,\n2,1\n3,1\n")
    (data_dir / "raw" / "provenance.json").write_text(
        json.dumps(
            {
                "files": {
                    "things": {
                        "name": "things",
                        "source_id": "things",
                        "path": "things/things.csv",
                        "format": "csv",
                        "sha256": THINGS_SHA256,
                        "rows": 3,
                    }
                }
            }
        )
    )
    sql = tmp_path / "sql"
    write_models(
        sql,
        {
            "marts/dyad_year_counts.sql": COUNTS_OK,
            "marts/polity_unmatched.sql": UNMATCHED,
            "marts/measure_coverage.sql": COVERAGE,
        },
    )
    monkeypatch.setenv("DPEACE_SQL", str(sql))
    return data_dir, sql


def table(data_dir: Path, sql: str):
    con = duckdb.connect(str(data_dir / "peace.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_models_run_after_the_models_they_read_whatever_their_names(project):
    data_dir, sql = project
    # a_children (a mart) reads z_parents (intermediate), which reads stg_things; file
    # names sort the other way. A column named like a model (stg_things) and a comment
    # naming one (a_children) add no dependency, so there is no false cycle.
    write_models(
        sql,
        {
            "seeds/colours.csv": "id,colour\n1,red\n2,blue\n",
            "staging/stg_things.sql": "-- The things.\nselect cast(id as integer) as id, cast(parent as integer) as parent from raw_things",
            "intermediate/z_parents.sql": "-- not read by a_children\nselect t.parent as id, count(*) as stg_things from stg_things t where t.parent is not null group by all",
            "marts/a_children.sql": "with p as (select * from z_parents) select p.id, p.stg_things, c.colour from p join colours c using (id)",
        },
    )
    report = build_database()
    order = [run.name for run in report.models]
    assert order.index("stg_things") < order.index("z_parents") < order.index("a_children")
    assert order.index("colours") < order.index("a_children")
    assert report.raw_tables == {"raw_things": 3}
    # Thing 1 is the parent of things 2 and 3.
    assert table(data_dir, "select * from a_children") == [(1, 2, "red")]
    assert report.rows("a_children") == 1
    log = json.loads((data_dir / "build_log.json").read_text())
    assert [m["name"] for m in log["models"]] == order
    assert {m["name"]: m["rows"] for m in log["models"]}["stg_things"] == 3


def test_a_model_schema_yml_declares_a_view_is_built_as_one_reading_its_table(project):
    data_dir, sql = project
    write_models(
        sql,
        {
            "staging/stg_things.sql": "-- The things.\nselect cast(id as integer) as id, cast(parent as integer) as parent from raw_things",
            "marts/children.sql": "select id, parent from stg_things where parent is not null",
            "schema.yml": "tables:\n  children:\n    description: Things with a parent.\n"
            "    materialized: view\n    columns: {id: The thing., parent: Its parent.}\n",
        },
    )
    report = build_database()
    assert report.rows("children") == 2
    assert table(data_dir, "select table_name, table_type from information_schema.tables order by all") == [
        ("build_info", "BASE TABLE"),
        ("children", "VIEW"),
        ("dyad_year_counts", "BASE TABLE"),
        ("measure_coverage", "BASE TABLE"),
        ("polity_unmatched", "BASE TABLE"),
        ("raw_things", "BASE TABLE"),
        ("stg_things", "BASE TABLE"),
    ]
    # It reads the table it selects from, and carries the dictionary's comments as a table does.
    assert table(data_dir, "select id, parent from children order by id") == [(2, 1), (3, 1)]
    assert table(data_dir, "select comment from duckdb_views() where view_name = 'children'") == [
        ("Things with a parent.",)
    ]
    assert table(
        data_dir,
        "select column_name, comment from duckdb_columns() where table_name = 'children' order by all",
    ) == [("id", "The thing."), ("parent", "Its parent.")]


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ("  stg_things:\n    materialized: ephemeral\n", "'ephemeral' is neither of table, view"),
        (
            "  colours:\n    materialized: view\n",
            "only a SQL model in sql/ can be a view, and colours is none",
        ),
        (
            "  nothing:\n    materialized: view\n",
            "only a SQL model in sql/ can be a view, and nothing is none",
        ),
    ],
)
def test_a_materialisation_the_runner_cannot_make_is_an_error_naming_it(project, declared, message):
    data_dir, sql = project
    write_models(
        sql,
        {
            "seeds/colours.csv": "id,colour\n1,red\n",
            "staging/stg_things.sql": "select cast(id as integer) as id from raw_things",
            "schema.yml": f"tables:\n{declared}",
        },
    )
    with pytest.raises(BuildError) as failure:
        build_database()
    assert str(failure.value).startswith(f"{sql / 'schema.yml'}, table ")
    assert message in str(failure.value)
    assert not (data_dir / "peace.duckdb").exists()


def test_a_failing_model_names_itself_and_leaves_the_previous_database(project):
    data_dir, sql = project
    write_models(sql, {"staging/stg_things.sql": "select cast(id as integer) as id from raw_things"})
    build_database()
    database = data_dir / "peace.duckdb"
    before = database.read_bytes()

    write_models(
        sql,
        {
            "staging/stg_things.sql": "select cast(id as integer) * 10 as id from raw_things",
            "marts/broken.sql": "select cast('not a number' as integer) as n from stg_things",
        },
    )
    with pytest.raises(BuildError) as failure:
        build_database()
    message = str(failure.value)
    assert "broken" in message and str(sql / "marts" / "broken.sql") in message
    assert "Conversion Error" in message
    # The old database, with the old stg_things, is untouched; no temporary file is left.
    assert database.read_bytes() == before
    assert table(data_dir, "select id from stg_things order by id") == [(1,), (2,), (3,)]
    assert sorted(p.name for p in data_dir.iterdir()) == ["build_log.json", "peace.duckdb", "raw"]


def test_a_reference_to_an_unknown_table_is_an_error_before_anything_runs(project):
    data_dir, sql = project
    write_models(sql, {"marts/typo.sql": "select * from raw_thigns"})
    with pytest.raises(BuildError, match=r"model typo .* unknown table\(s\) raw_thigns"):
        build_database()
    assert not (data_dir / "peace.duckdb").exists()


def test_models_that_read_each_other_in_a_cycle_are_an_error(project):
    _, sql = project
    write_models(
        sql,
        {
            "intermediate/int_a.sql": "select * from int_b",
            "intermediate/int_b.sql": "select * from int_a",
        },
    )
    with pytest.raises(BuildError, match="cycle"):
        build_database()


def test_a_model_that_is_not_one_select_is_an_error(project):
    _, sql = project
    write_models(sql, {"staging/stg_things.sql": "drop table raw_things"})
    with pytest.raises(BuildError, match=r"stg_things .* not a single SELECT"):
        build_database()


def test_dyad_counts_that_differ_from_the_member_counts_fail_the_build(project):
    data_dir, sql = project
    # 4 members, no pair apart -> 6 dyads expected, 5 found.
    wrong = COUNTS_OK.replace("3 as member_states", "4 as member_states").replace(
        "3 as dyad_years, 3 as expected", "5 as dyad_years, 6 as expected"
    )
    write_models(sql, {"marts/dyad_year_counts.sql": wrong})
    with pytest.raises(
        BuildError,
        match=r"1 year\(s\).*1900: 4 states, 0 pairs without a common day, 5 dyad-years \(expected 6\)",
    ):
        build_database()
    assert not (data_dir / "peace.duckdb").exists()


def test_a_missing_check_model_is_named_not_a_database_error(project):
    data_dir, sql = project
    (sql / "marts" / "polity_unmatched.sql").unlink()
    with pytest.raises(BuildError, match=r"no model polity_unmatched \(sql/marts/polity_unmatched.sql\)"):
        build_database()
    assert not (data_dir / "peace.duckdb").exists()


def test_the_leading_comment_is_the_description(tmp_path):
    assert leading_comment("-- One row per thing.\n-- Codes -9 become NULL.\nselect 1 -- not this") == (
        "One row per thing. Codes -9 become NULL."
    )
    write_models(
        tmp_path,
        {
            "staging/stg_b.sql": "select 1;\n",
            "examples/not_a_model.sql": "select 2",
            "report/not_either.sql": "select 3",
        },
    )
    models = discover_models(tmp_path)
    assert [(m.name, m.layer, m.sql) for m in models] == [("stg_b", "staging", "select 1")]

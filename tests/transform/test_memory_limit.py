"""`dpeace build --memory-limit` / DPEACE_MEMORY_LIMIT: where the limit comes from, that
DuckDB gets it, and that the folder it spills into goes with the temporary database."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from dpeace.database import SPILL_SUFFIX, write_atomically
from dpeace.errors import BuildError
from dpeace.transform.memory_limit import ENVIRONMENT_VARIABLE, build_memory_limit, default_memory_limit
from dpeace.transform.models import Model
from dpeace.transform.runner import materialise
from tests.conftest import REPO_ROOT


def test_the_option_beats_the_environment_which_beats_the_default(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    assert build_memory_limit(None) == default_memory_limit()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, " 700MB ")
    assert build_memory_limit(None) == "700MB"
    assert build_memory_limit("2GB") == "2GB"
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "")
    assert build_memory_limit(None) == default_memory_limit()


def test_the_default_grows_with_duckdbs_threads():
    assert default_memory_limit(1) == "200MB"
    assert default_memory_limit(2) == "300MB"
    assert default_memory_limit(8) == "900MB"
    with duckdb.connect(":memory:") as con:
        threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    assert default_memory_limit() == f"{100 + 100 * threads}MB"


@pytest.mark.parametrize(
    ("given", "environment", "named"),
    [("lots", None, "--memory-limit 'lots'"), (None, "12 parsecs", f"{ENVIRONMENT_VARIABLE} '12 parsecs'")],
)
def test_a_size_duckdb_refuses_is_one_message_naming_where_it_came_from(
    monkeypatch, given, environment, named
):
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    if environment is not None:
        monkeypatch.setenv(ENVIRONMENT_VARIABLE, environment)
    with pytest.raises(BuildError) as raised:
        build_memory_limit(given)
    assert str(raised.value).startswith(named)
    assert "give e.g. 1GB or 500MB" in str(raised.value)


def test_the_build_command_refuses_a_bad_limit_before_touching_the_data_folder(tmp_path):
    data = tmp_path / "data"
    completed = subprocess.run(
        [sys.executable, "-m", "dpeace", "build", "--memory-limit", "lots"],
        env={**os.environ, "DPEACE_DATA": str(data)},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0
    assert "--memory-limit 'lots' is not a size DuckDB accepts" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not data.exists()


def test_duckdb_runs_under_the_limit_and_spills_beside_the_temporary_database(tmp_path):
    target = tmp_path / "peace.duckdb"
    with write_atomically(target, memory_limit="123MB") as con:
        limit, spill = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchall()[0]
        database = con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchall()[0][0]
        # A sort bigger than the limit must spill, and still succeed.
        con.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS h FROM range(3000000)")
        assert con.execute("SELECT count(DISTINCT h) FROM (SELECT h FROM t ORDER BY h)").fetchall() == [
            (3_000_000,)
        ]
    assert limit == "117.3 MiB"  # 123 * 1000^2 bytes
    assert spill == f"{database}{SPILL_SUFFIX}"
    assert target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peace.duckdb"]  # no spill folder left


def test_a_killed_builds_spill_folder_is_removed_by_the_next_build(tmp_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    leftover = tmp_path / f".peace.duckdb.{dead_pid}-abc.tmp{SPILL_SUFFIX}"
    leftover.mkdir()
    (leftover / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled")
    with write_atomically(tmp_path / "peace.duckdb", memory_limit="200MB") as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS one")
    assert not leftover.exists()


def test_a_model_out_of_memory_says_how_to_give_the_build_more(tmp_path):
    sql_file = tmp_path / "int_everything_in_one_list.sql"
    # a list aggregate cannot spill: 20 million integers do not fit in 30MB
    sql_file.write_text("SELECT list(range) AS everything FROM range(20000000)\n")
    model = Model("int_everything_in_one_list", "intermediate", sql_file, sql_file.read_text())
    with write_atomically(tmp_path / "peace.duckdb", memory_limit="30MB") as con:
        with pytest.raises(BuildError) as raised:
            materialise(con, model)
    message = str(raised.value)
    assert message.startswith("model int_everything_in_one_list failed:")
    assert "Out of Memory" in message
    assert f"dpeace build --memory-limit SIZE or {ENVIRONMENT_VARIABLE}" in message

"""Case 5 of issue 15: leftovers of killed runs are removed; failures are one clear message;
SQL errors point at the file and line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO_ROOT
from tests.reliability.conftest import sums

# Each snippet starts writing a pipeline output, then kills its own process (as kill -9 would).
KILLED_MID_WRITE = {
    "build": "from dpeace.database import write_atomically\n"
    "with write_atomically(Path(os.environ['DPEACE_DATA']) / 'peace.duckdb') as con:\n"
    "    con.execute('CREATE TABLE t AS SELECT range AS i FROM range(1000)')\n"
    "    os.kill(os.getpid(), signal.SIGKILL)",
    "export": "from dpeace.atomic_files import replaced_on_success\n"
    "with replaced_on_success(Path(os.environ['DPEACE_DATA']) / 'exports' / 'state_years.csv') as t:\n"
    "    t.write_text('half a file')\n"
    "    os.kill(os.getpid(), signal.SIGKILL)",
    "fetch": "from dpeace.fetch.fetcher import _Run\n"
    "run = _Run(None).__enter__()\n"
    "(Path(run._scratch.name) / 'half.zip').write_text('half a download')\n"
    "os.kill(os.getpid(), signal.SIGKILL)",
}


def kill_mid_write(stage: str, data) -> None:
    code = "import os, signal\nfrom pathlib import Path\n" + KILLED_MID_WRITE[stage]
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DPEACE_DATA": str(data)},
        cwd=REPO_ROOT,
        capture_output=True,
    )
    assert completed.returncode == -9, completed.stderr


def leftovers(data) -> list[str]:
    return sorted(
        p.relative_to(data).as_posix() for p in data.rglob(".*") if ".tmp" in p.name or ".fetch-" in p.name
    )


def test_a_killed_build_leaves_a_temporary_database_that_the_next_build_removes(built_world, dpeace):
    kill_mid_write("build", built_world)
    assert [name for name in leftovers(built_world) if name.startswith(".peace.duckdb.")]

    assert dpeace("build")[0] == 0
    assert leftovers(built_world) == []


def test_a_killed_export_leaves_a_temporary_file_that_the_next_export_removes(built_world, dpeace):
    kill_mid_write("export", built_world)
    assert leftovers(built_world)

    assert dpeace("export", "state_years", "--format", "csv")[0] == 0
    assert leftovers(built_world) == []


def test_a_killed_fetch_leaves_a_scratch_folder_that_the_next_fetch_removes(built_world, dpeace, tmp_path):
    kill_mid_write("fetch", built_world)
    assert [name for name in leftovers(built_world) if name.startswith(".fetch-")]

    (tmp_path / "empty").mkdir()
    dpeace("fetch", "--mirror", str(tmp_path / "empty"))  # everything is cached: nothing is read
    assert leftovers(built_world) == []


def test_a_running_writers_temporary_file_is_left_alone(data_dir):
    from dpeace.leftovers import remove_leftovers, temporary_prefix

    mine = data_dir / f"{temporary_prefix('peace.duckdb')}abc.tmp"  # this (live) process's
    mine.write_text("in progress")
    assert remove_leftovers(data_dir, ".peace.duckdb.*.tmp") == []
    assert mine.exists()


def test_a_killed_writer_not_yet_reaped_counts_as_dead(data_dir):
    import signal
    import time

    from dpeace.leftovers import remove_leftovers

    # Killed, not waited for: a zombie whose process id still answers os.kill(pid, 0).
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        os.kill(writer.pid, signal.SIGKILL)
        time.sleep(0.3)
        leftover = data_dir / f".peace.duckdb.{writer.pid}-abc.tmp"
        leftover.write_text("half a database")
        assert remove_leftovers(data_dir, ".peace.duckdb.*.tmp") == [leftover]
    finally:
        writer.wait()


def test_make_clean_removes_the_leftovers(built_world, tmp_path):
    for stage in KILLED_MID_WRITE:
        kill_mid_write(stage, built_world)
    assert len(leftovers(built_world)) >= 3
    subprocess.run(
        ["make", "clean", f"DPEACE_DATA={built_world}", f"DPEACE_REPORTS={tmp_path / 'reports'}"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    assert leftovers(built_world) == []
    assert (built_world / "raw" / "provenance.json").exists()  # the cache is not make clean's


def test_a_data_folder_that_cannot_be_made_is_one_message(tmp_path, monkeypatch, dpeace):
    (tmp_path / "a_file").write_text("not a folder")
    monkeypatch.setenv("DPEACE_DATA", str(tmp_path / "a_file" / "data"))
    for verb in ("fetch", "build", "model"):
        code, _, err = dpeace(verb)
        assert code == 1, verb
        assert f"cannot create the folder {tmp_path / 'a_file' / 'data'}" in err, verb
        assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder, whatever its mode")
def test_a_data_folder_that_cannot_be_written_is_one_message(built_world, dpeace):
    before = sums(built_world)
    built_world.chmod(0o500)
    try:
        code, _, err = dpeace("build")
    finally:
        built_world.chmod(0o755)
    assert code == 1
    assert f"cannot write to the folder {built_world}" in err
    assert sums(built_world) == before


@pytest.fixture()
def broken_models(built_world, tmp_path, monkeypatch):
    """The repo's models in a folder of the test's own (DPEACE_SQL), to break one of them."""
    import shutil

    sql = tmp_path / "sql"
    shutil.copytree(REPO_ROOT / "sql", sql)
    monkeypatch.setenv("DPEACE_SQL", str(sql))
    return built_world, sql


def test_an_unknown_column_is_reported_at_its_file_and_line(broken_models, dpeace):
    data, sql = broken_models
    # Two blank lines first (the build strips them), the faulty name on the file's line 5.
    (sql / "marts" / "zz_broken.sql").write_text(
        textwrap.dedent("""\


        -- A model with a mistake in it.
        SELECT ccode,
               no_such_column
        FROM state_years
        """)
    )
    before = sums(data)

    code, _, err = dpeace("build")

    assert code == 1
    assert f"model zz_broken failed: {sql / 'marts' / 'zz_broken.sql'}, line 5:" in err
    assert "LINE 5:" in err and "no_such_column" in err
    assert sums(data) == before


def test_a_syntax_error_is_reported_at_its_file_and_line(broken_models, dpeace):
    data, sql = broken_models
    (sql / "marts" / "zz_broken.sql").write_text(
        "-- A model with a syntax error on line 3.\nSELECT ccode,\n, year\nFROM state_years\n"
    )

    code, _, err = dpeace("build")

    assert code == 1
    assert f"({sql / 'marts' / 'zz_broken.sql'}, line 3) is not a single SELECT" in err


def test_an_error_in_the_model_stage_sql_is_reported_at_its_file_and_line(tmp_path, monkeypatch):
    import shutil

    from dpeace.build_identity import record_build_info
    from dpeace.database import write_atomically
    from dpeace.errors import ModelError
    from dpeace.model.store import write_results_tables

    sql = tmp_path / "sql"
    shutil.copytree(REPO_ROOT / "sql", sql)
    monkeypatch.setenv("DPEACE_SQL", str(sql))
    tables = sql / "model" / "results_tables.sql"
    text = tables.read_text()
    # A misspelt type in the second statement (model_terms), on the line of its `coef` column.
    tables.write_text(text.replace("    coef       DOUBLE,", "    coef       DOUBLEE,", 1))
    line = next(n for n, row in enumerate(tables.read_text().splitlines(), 1) if "DOUBLEE" in row)
    database = tmp_path / "peace.duckdb"
    with write_atomically(database) as con:
        record_build_info(con, "a-build")
    before = database.read_bytes()

    with pytest.raises(ModelError) as failure:
        write_results_tables(database, {"build_id": "a-build", "models": []})

    # DuckDB numbers the line within the statement; the message numbers it within the file.
    assert f"{tables}, line {line}:" in str(failure.value)
    assert f"LINE {line}:" in str(failure.value)
    assert "DOUBLEE" in str(failure.value)
    assert database.read_bytes() == before

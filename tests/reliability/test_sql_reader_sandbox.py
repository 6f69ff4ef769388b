"""Cases 2 and 3 of issue 18: `dpeace sql` has no writable path (no spill folder), refuses
settings that change resources or paths, runs under a memory limit and a statement timeout,
and Ctrl-C stops the running statement in one-shot and interactive modes."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest

from dpeace.cli import build_parser
from tests.reliability.conftest import sums

# Some 10^12 pairs: it would run for many minutes.
RUNAWAY = "SELECT sum(a.range * b.range) FROM range(1000000) AS a, range(1000000) AS b"
# How long a stopped statement may take to end, on a machine shared by several jobs.
STOPS_WITHIN_SECONDS = 10


@pytest.mark.parametrize(
    "statement",
    [
        "SET memory_limit = '1TB'",
        "SET threads = 64",
        "SET temp_directory = '{data}'",
        "RESET memory_limit",
        "SET lock_configuration = false",
        "PRAGMA memory_limit = '1TB'",
    ],
)
def test_settings_that_change_resources_or_paths_are_refused(data_folder, dpeace, statement):
    before = sums(data_folder)

    code, out, err = dpeace("sql", statement.format(data=data_folder))

    assert code == 1
    assert "the configuration has been locked" in err
    assert "--memory-limit" in err and "--timeout" in err
    assert out == ""
    assert sums(data_folder) == before


def test_the_spill_folder_is_not_writable(data_folder, dpeace):
    """DuckDB allows writing in its spill folder (peace.duckdb.tmp/) even with external access off."""
    spill = data_folder / "peace.duckdb.tmp"
    spill.mkdir()
    before = sums(data_folder)

    code, _, err = dpeace("sql", f"COPY (SELECT * FROM state_years) TO '{spill}/escape.csv'")

    assert code == 1
    assert "file system operations are disabled" in err
    assert list(spill.iterdir()) == []
    assert sums(data_folder) == before


def test_the_memory_limit_holds_and_nothing_spills(data_folder, dpeace):
    code, out, _ = dpeace(
        "sql",
        "--memory-limit",
        "300MB",
        "--format",
        "csv",
        "SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS spill",
    )
    assert code == 0
    assert out.splitlines() == ["memory,spill", "286.1 MiB,"]

    code, _, err = dpeace(
        "sql",
        "--memory-limit",
        "50MB",
        "SELECT count(*) FROM (SELECT * FROM range(30000000) ORDER BY random())",
    )
    assert code == 1
    assert "Out of Memory Error" in err and "--memory-limit" in err
    assert not (data_folder / "peace.duckdb.tmp").exists()


def test_the_defaults_are_a_laptops_and_said_in_help(data_folder, dpeace):
    code, out, _ = dpeace("sql", "--format", "csv", "SELECT current_setting('memory_limit')")
    assert code == 0 and out.splitlines()[1] == "1.8 GiB"  # 2GB
    sql_parser = build_parser()._subparsers._group_actions[0].choices["sql"]
    text = " ".join(sql_parser.format_help().split())
    assert "(default 2GB);" in text
    assert "(default 300; 0 for no limit)" in text
    assert "Ctrl-C stops the running statement" in text


def test_a_statement_past_its_timeout_is_stopped(data_folder, dpeace):
    before = sums(data_folder)
    started = time.monotonic()

    code, _, err = dpeace("sql", "--timeout", "1", RUNAWAY)

    assert code == 1
    assert "the statement ran longer than 1 s and was stopped" in err
    assert "--timeout SECONDS" in err
    assert time.monotonic() - started < 1 + STOPS_WITHIN_SECONDS
    assert sums(data_folder) == before


def _environment(data_folder, tmp_path) -> dict[str, str]:
    return {**os.environ, "DPEACE_DATA": str(data_folder), "HOME": str(tmp_path)}


def _read_until(fd: int, wanted: str, seconds: float) -> str:
    """Read `fd` until `wanted` appears or `seconds` pass; what was read."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_ctrl_c_stops_a_one_shot_statement(data_folder, tmp_path):
    before = sums(data_folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "dpeace", "-v", "sql", RUNAWAY],
        env=_environment(data_folder, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert "statement running" in _read_until(process.stderr.fileno(), "statement running", 60)
        time.sleep(0.5)
        signalled = time.monotonic()
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=STOPS_WITHIN_SECONDS)
        stopped_after = time.monotonic() - signalled
    finally:
        process.kill()
        process.wait()
    assert code == 130
    assert "dpeace sql: interrupted" in process.stderr.read().decode()
    assert stopped_after < STOPS_WITHIN_SECONDS
    assert sums(data_folder) == before


def test_ctrl_c_at_the_prompt_stops_the_statement_and_keeps_the_session(data_folder, tmp_path):
    before = sums(data_folder)
    terminal, terminal_end = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dpeace", "-v", "sql"],
        env=_environment(data_folder, tmp_path),
        stdin=terminal_end,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(terminal_end)
    try:
        os.write(terminal, (RUNAWAY + ";\n").encode())
        assert "statement running" in _read_until(process.stderr.fileno(), "statement running", 60)
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        answer = _read_until(process.stdout.fileno(), "interrupted", STOPS_WITHIN_SECONDS)
        assert "interrupted" in answer
        os.write(terminal, b"SELECT 41 + 1 AS answer;\n.quit\n")
        code = process.wait(timeout=STOPS_WITHIN_SECONDS)
        rest = process.stdout.read().decode()
    finally:
        process.kill()
        process.wait()
        os.close(terminal)
    assert code == 0
    assert "42" in rest
    assert sums(data_folder) == before

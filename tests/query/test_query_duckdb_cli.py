"""The database opens in the stand-alone DuckDB CLI (the `duckdb-cli` package), so people can
query it without dpeace. The CLI is DuckDB 1.x while the pipeline writes with 2.x: this is
what proves the database is written in a format 1.x can read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


@pytest.mark.skipif(not DUCKDB_CLI.exists(), reason=f"the duckdb-cli executable is absent ({DUCKDB_CLI})")
def test_the_duckdb_cli_reads_the_database_read_only(fixture_database):
    def cli(sql: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(DUCKDB_CLI), "-readonly", "-csv", str(fixture_database), "-c", sql],
            capture_output=True,
            text=True,
            timeout=60,
        )

    answer = cli("SELECT statenme, polity2 FROM state_years WHERE ccode = 220 AND year = 2001")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == "statenme,polity2\nFrance,9\n"

    refused = cli("DELETE FROM state_years")
    assert refused.returncode != 0
    assert "read-only" in refused.stderr + refused.stdout


@pytest.mark.mirror
@pytest.mark.skipif(not DUCKDB_CLI.exists(), reason=f"the duckdb-cli executable is absent ({DUCKDB_CLI})")
def test_the_duckdb_cli_reads_the_real_database(real_database):
    answer = subprocess.run(
        [
            str(DUCKDB_CLI),
            "-readonly",
            "-csv",
            str(real_database),
            "-c",
            "SELECT count(*) > 0 AS has_rows FROM dyad_years",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == "has_rows\ntrue\n"

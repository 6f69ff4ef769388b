"""Case 8 of issue 18, the damaged database: every stage that opens it says it is damaged and
to run `dpeace build`, nothing else changes, and make rebuilds it (its cheap integrity check)."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import REPO_ROOT
from tests.reliability.conftest import sums

STAGES = [
    ("model",),
    ("curve", "--no-progress"),
    ("report",),
    ("sql", "SELECT count(*) FROM state_years"),
    ("describe",),
    ("export", "state_years", "--format", "csv"),
]


def truncate(database) -> None:
    """Cut the file to half its length, as a full disk or an interrupted copy leaves it."""
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])


def foreign(database) -> None:
    database.write_text("<html>a report written over the database</html>\n")


@pytest.fixture()
def project(built_world, tmp_path, monkeypatch):
    (built_world / "model_results.json").write_text('{"models": []}\n')
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    return tmp_path


@pytest.mark.parametrize("damage", [truncate, foreign], ids=["truncated", "not-a-database"])
@pytest.mark.parametrize("argv", STAGES, ids=[stage[0] for stage in STAGES])
def test_every_stage_names_the_damage_and_the_rebuild(project, dpeace, argv, damage):
    database = project / "data" / "peace.duckdb"
    damage(database)
    before = sums(project)

    code, _, err = dpeace(*argv)

    assert code == 1
    assert f"{database} is damaged" in err
    assert "run `dpeace build` (or `make build`)" in err
    assert "Traceback" not in err
    assert sums(project) == before


def _make_dry_run(data) -> str:
    # SETUP= PROVENANCE= : only the database's own rule is in question.
    return subprocess.run(
        ["make", "-n", "build", f"DPEACE_DATA={data}", "SETUP=", "PROVENANCE="],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def test_make_rebuilds_a_database_that_fails_the_integrity_check(built_world):
    assert "dpeace build" not in _make_dry_run(built_world)

    truncate(built_world / "peace.duckdb")

    assert "dpeace build" in _make_dry_run(built_world)

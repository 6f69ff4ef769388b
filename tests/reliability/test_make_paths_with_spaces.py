"""Case 8 of issue 18: make with paths that hold spaces, the project's folder and DPEACE_DATA
(and DPEACE_REPORTS) alike. The project's make inputs are copied into a folder whose path has
spaces, with this test run's virtualenv linked in, and real targets run there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.transform.world import write_world

VENV = Path(sys.prefix)
# What the Makefile reads: the rest of the project plays no part in make's decisions.
MAKE_INPUTS = ["Makefile", "pyproject.toml", "requirements.lock", "pipeline", "sql"]


@pytest.fixture()
def spaced_project(tmp_path) -> Path:
    if not (VENV / "bin" / "dpeace").exists():
        pytest.skip(f"the tests do not run in the project's virtualenv ({VENV} has no bin/dpeace)")
    root = tmp_path / "my projects" / "democratic peace"
    root.mkdir(parents=True)
    for name in MAKE_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    (root / ".venv").symlink_to(VENV, target_is_directory=True)
    return root


@pytest.fixture()
def spaced_data(tmp_path) -> Path:
    folder = tmp_path / "my data" / "peace data"
    folder.mkdir(parents=True)
    return folder


def make(project: Path, data: Path, *targets: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # SETUP= : the virtualenv is this test run's own, set up already.
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DPEACE_")}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            *targets,
            f"DPEACE_DATA={data}",
            f"DPEACE_REPORTS={data.parent / 'my reports'}",
            "SETUP=",
        ],
        cwd=project,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_build_sql_and_clean_in_folders_with_spaces(spaced_project, spaced_data, tmp_path):
    write_world(spaced_data)
    # The world's files are not the publishers' (no registry pin matches them), so the fetch
    # step is taken as done: its stamp, newer than the fetch code.
    (spaced_data / ".fetched").touch()

    built = make(spaced_project, spaced_data, "build")

    assert built.returncode == 0, built.stderr
    assert "dpeace build" in built.stdout
    assert (spaced_data / "peace.duckdb").is_file() and (spaced_data / "build_log.json").is_file()
    # Nothing was made at the paths' first words.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["my data", "my projects"]

    again = make(spaced_project, spaced_data, "build")
    assert again.returncode == 0, again.stderr
    assert "dpeace build" not in again.stdout  # up to date: make found its files

    # A raw file edited after the build (found by a `find` in the folder) makes it run again;
    # the build then refuses the file, whose sha256 is no longer the one its fetch recorded.
    raw_file = spaced_data / "raw" / "cow_states" / "states2016.csv"
    raw_file.write_text(raw_file.read_text() + "\n")
    edited = make(spaced_project, spaced_data, "build")
    assert "dpeace build" in edited.stdout
    assert f"{raw_file}" in edited.stderr

    # `make sql` reads the last complete build, saying which source is newer.
    read = make(spaced_project, spaced_data, "sql", stdin="SELECT count(*) AS states FROM state_years;\n")
    assert read.returncode == 0, read.stderr
    assert "states" in read.stdout
    assert f"{spaced_data / 'peace.duckdb'} is older than {raw_file}" in read.stderr

    leftover = spaced_data / ".peace.duckdb.99999-abc.tmp"
    leftover.write_text("half a database")
    cleaned = make(spaced_project, spaced_data, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (spaced_data / "peace.duckdb").exists() and not (spaced_data / "build_log.json").exists()
    assert not (spaced_data / ".fetched").exists() and not leftover.exists()
    assert (spaced_data / "raw" / "provenance.json").is_file()  # the cache is not make clean's


@pytest.mark.mirror
def test_fetch_into_a_data_folder_with_spaces(spaced_project, spaced_data, mirror_dir, monkeypatch):
    fetched = make(spaced_project, spaced_data, "fetch", f"DPEACE_MIRROR={mirror_dir}")

    assert fetched.returncode == 0, fetched.stderr
    assert (spaced_data / "raw" / "provenance.json").is_file()
    assert (spaced_data / "raw" / "cow_states" / "states2016.csv").is_file()
    assert (spaced_data / ".fetched").is_file()

    again = make(spaced_project, spaced_data, "fetch", f"DPEACE_MIRROR={mirror_dir}")
    assert again.returncode == 0, again.stderr
    assert "dpeace fetch" not in again.stdout

"""A built fixture world (tests/transform/world.py) in a data folder of the test's own, and a
way to run `dpeace` verbs in-process and read their exit code and messages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dpeace.cli import main
from dpeace.transform.runner import build_database
from tests.query.conftest import build_fixture_database
from tests.transform.world import write_world


def sums(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (the raw cache, the data folder), by relative path
    (the writers' lock files aside: they hold only the name of the last writer)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".dpeace.lock")
    }


@pytest.fixture()
def built_world(data_dir) -> Path:
    """DPEACE_DATA holding the world's raw files, provenance and a database built from them."""
    write_world(data_dir)
    build_database()
    return data_dir


@pytest.fixture()
def dpeace(capsys):
    """dpeace(*argv) -> (exit code, stdout, stderr), run in this process."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture()
def data_folder(data_dir):
    """DPEACE_DATA with the query tests' small database and a cached raw file."""
    build_fixture_database(data_dir / "peace.duckdb")
    raw = data_dir / "raw" / "cow_states"
    raw.mkdir(parents=True)
    (raw / "states2016.csv").write_text("stateabb,ccode\nUSA,2\n")
    (data_dir / "raw" / "provenance.json").write_text('{"files": {}}\n')
    return data_dir

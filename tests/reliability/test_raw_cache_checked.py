"""Case 1 of issue 15: a cached raw file edited after its fetch must stop the build."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import REPO_ROOT
from tests.reliability.conftest import sums


def test_a_raw_file_edited_after_its_fetch_stops_the_build(built_world, dpeace):
    data = built_world
    nmc = data / "raw" / "cow_nmc" / "NMC-60-abridged.csv"
    # One value changed, as in the issue: AAA's cinc in 1900, 0.6 -> 0.7.
    nmc.write_text(nmc.read_text().replace("0.6", "0.7", 1))
    before = sums(data)

    code, out, err = dpeace("build")

    assert code == 1
    assert "NMC-60-abridged.csv (nmc)" in err
    assert "changed after it was fetched" in err
    assert "`dpeace fetch nmc --force`" in err
    assert "Traceback" not in err
    # The database, the cache and the provenance are exactly as they were.
    assert sums(data) == before


def test_every_changed_or_missing_raw_file_is_named_at_once(built_world, dpeace):
    data = built_world
    (data / "raw" / "cow_states" / "states2016.csv").write_text("stateabb,ccode\n")
    (data / "raw" / "cow_states" / "system2016.csv").unlink()

    code, _, err = dpeace("build")

    assert code == 1
    assert "2 are not" in err
    assert "states2016.csv (states)" in err and "system2016.csv (system) is missing" in err


def test_a_raw_file_recorded_as_pinned_must_still_match_the_registry_pin(built_world, dpeace):
    import json

    data = built_world
    provenance = data / "raw" / "provenance.json"
    document = json.loads(provenance.read_text())
    # The world's files are not the publishers', so no pin matches: a record claiming one is false.
    document["files"]["states"]["sha256_pinned"] = True
    provenance.write_text(json.dumps(document))

    code, _, err = dpeace("build")

    assert code == 1
    assert "which the source registry no longer pins" in err


def make_dry_run(data) -> str:
    """What `make build` would run (-n), the set-up and fetch steps taken as done."""
    completed = subprocess.run(
        ["make", "-n", "build", f"DPEACE_DATA={data}", "SETUP=", "PROVENANCE="],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    return completed.stdout + completed.stderr


def test_make_rebuilds_when_a_raw_file_is_newer_than_the_database(built_world):
    data = built_world
    assert "dpeace build" not in make_dry_run(data)
    nmc = data / "raw" / "cow_nmc" / "NMC-60-abridged.csv"
    os.utime(nmc, (nmc.stat().st_mtime + 10, nmc.stat().st_mtime + 10))  # edited after the build
    assert "dpeace build" in make_dry_run(data)

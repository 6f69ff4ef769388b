"""Case 3 of issue 15: model results and the report belong to one build; writers lock."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import duckdb
import pytest

from dpeace.build_identity import BuildMismatch, build_id_of
from dpeace.data_lock import data_folder_lock
from dpeace.model import battery
from dpeace.model.battery import run_battery
from dpeace.transform.runner import build_database
from tests.model.synthetic_dyads import simulate_dyad_years, write_dyad_years
from tests.reliability.conftest import sums
from tests.report.conftest import FIXTURES


@pytest.fixture(scope="module")
def synthetic_dyad_years():
    return simulate_dyad_years()


@pytest.fixture(scope="module")
def synthetic_database(tmp_path_factory, synthetic_dyad_years):
    """The model tests' simulated dyad_years (tests/model/synthetic_dyads.py), build id recorded."""
    path = tmp_path_factory.mktemp("synthetic") / "peace.duckdb"
    write_dyad_years(path, synthetic_dyad_years)
    return path


def results_for(build_id: str) -> dict:
    """The report tests' hand-made model results, stamped as fitted on `build_id`."""
    results = json.loads((FIXTURES / "model_results.json").read_text(encoding="utf-8"))
    return {**results, "build_id": build_id}


def test_the_build_id_is_recorded_and_the_same_for_the_same_inputs(built_world):
    first = build_id_of(built_world / "peace.duckdb")
    build_database()
    assert build_id_of(built_world / "peace.duckdb") == first
    assert len(first) == 64  # a sha256


def test_report_refuses_results_of_an_earlier_build(built_world, dpeace, tmp_path):
    data = built_world
    (data / "model_results.json").write_text(json.dumps(results_for(build_id_of(data / "peace.duckdb"))))
    # A new release of a raw file is fetched (file and record change together), then built;
    # `dpeace model` is skipped.
    nmc = data / "raw" / "cow_nmc" / "NMC-60-abridged.csv"
    nmc.write_text(nmc.read_text().replace("0.6", "0.7", 1))
    provenance = json.loads((data / "raw" / "provenance.json").read_text())
    provenance["files"]["nmc"]["sha256"] = __import__("hashlib").sha256(nmc.read_bytes()).hexdigest()
    (data / "raw" / "provenance.json").write_text(json.dumps(provenance))
    assert dpeace("build")[0] == 0
    before = sums(data)

    code, _, err = dpeace("report", "--output", str(tmp_path / "report.html"))

    assert code == 1
    assert "were computed on build" in err and "it was rebuilt since" in err
    assert "run `dpeace model`" in err
    assert not (tmp_path / "report.html").exists()
    assert sums(data) == before


def test_report_refuses_a_provenance_fetched_after_the_build(built_world, dpeace, tmp_path):
    data = built_world
    (data / "model_results.json").write_text(json.dumps(results_for(build_id_of(data / "peace.duckdb"))))
    provenance = json.loads((data / "raw" / "provenance.json").read_text())
    provenance["files"]["nmc"]["sha256"] = "0" * 64  # what a later fetch would record
    (data / "raw" / "provenance.json").write_text(json.dumps(provenance))

    code, _, err = dpeace("report", "--output", str(tmp_path / "report.html"))

    assert code == 1
    assert "not the ones" in err and "run `dpeace build` and `dpeace model`" in err


def test_model_refuses_to_write_into_a_database_rebuilt_while_it_fitted(
    synthetic_database, synthetic_dyad_years, tmp_path, monkeypatch
):
    database = tmp_path / "peace.duckdb"
    database.write_bytes(synthetic_database.read_bytes())
    results = tmp_path / "model_results.json"
    fit = battery.fit_one

    def rebuild_then_fit(frame, spec, *arguments):
        # A build finishes while the models are being fitted (the stage has read all it
        # reads and closed its connection): same data, another build id.
        with duckdb.connect(str(database)) as con:
            con.execute("UPDATE build_info SET build_id = 'rebuilt-meanwhile'")
        return fit(frame, spec, *arguments)

    monkeypatch.setattr(battery, "fit_one", rebuild_then_fit)
    with pytest.raises(BuildMismatch, match=r"was rebuilt \(build rebuilt-mean\) while `dpeace model`"):
        run_battery(database=database, results_path=results)
    # Nothing was written: no results file, and the new database has no model tables.
    assert not results.exists()
    with duckdb.connect(str(database), read_only=True) as con:
        tables = {
            name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
    assert "model_results" not in tables


def test_model_records_the_build_id_in_the_json_and_the_tables(synthetic_database, tmp_path):
    database = tmp_path / "peace.duckdb"
    database.write_bytes(synthetic_database.read_bytes())
    document = run_battery(database=database, results_path=tmp_path / "model_results.json")
    assert document["build_id"] == "synthetic-dyad-years"
    assert json.loads((tmp_path / "model_results.json").read_text())["build_id"] == "synthetic-dyad-years"
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.execute("SELECT DISTINCT build_id FROM model_results").fetchall() == [
            ("synthetic-dyad-years",)
        ]


@pytest.mark.parametrize("verb", ["fetch", "build", "model"])
def test_a_second_writer_fails_at_once_naming_the_first(built_world, dpeace, verb):
    before = sums(built_world)
    with data_folder_lock("build"):
        started = time.monotonic()
        code, _, err = dpeace(verb)
    assert code == 1
    assert time.monotonic() - started < 5
    assert "`dpeace build` (process" in err and "is writing to the data folder" in err
    assert f"then run `dpeace {verb}` again" in err
    assert sums(built_world) == before


def test_the_lock_is_held_across_processes_and_freed_when_its_holder_dies(built_world):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from dpeace.data_lock import data_folder_lock\nimport time\n"
            "with data_folder_lock('fetch'):\n    print('locked', flush=True)\n    time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(Exception, match=r"`dpeace fetch` \(process \d+\) is writing"):
            with data_folder_lock("build"):
                pass
    finally:
        holder.kill()  # as kill -9 would: the kernel frees the lock
        holder.wait()
    with data_folder_lock("build"):
        pass

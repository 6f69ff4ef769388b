"""A tiny data folder for the report: hand-made dyad-years, model results and provenance.

The numbers the report must show are worked out by hand in fixtures/dyad_years.sql
and chosen by hand in fixtures/model_results.json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from dpeace.build_identity import raw_files_digest, record_build_info

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_BUILD_ID = "fixture-build"


def write_model_results(data_dir: Path, results: dict) -> None:
    (data_dir / "model_results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


@pytest.fixture()
def fixture_results() -> dict:
    return json.loads((FIXTURES / "model_results.json").read_text(encoding="utf-8"))


def write_report_inputs(data_dir: Path) -> None:
    """The fixture database, results and provenance, where the pipeline keeps them."""
    (data_dir / "raw").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "provenance.json", data_dir / "raw" / "provenance.json")
    # One build id for the database and the results, and the provenance's raw sums: the
    # report refuses inputs of different builds (dpeace.build_identity).
    results = json.loads((FIXTURES / "model_results.json").read_text(encoding="utf-8"))
    write_model_results(data_dir, {**results, "build_id": FIXTURE_BUILD_ID})
    provenance = json.loads((FIXTURES / "provenance.json").read_text(encoding="utf-8"))["files"]
    con = duckdb.connect(str(data_dir / "peace.duckdb"))
    try:
        con.execute((FIXTURES / "dyad_years.sql").read_text(encoding="utf-8"))
        record_build_info(con, FIXTURE_BUILD_ID, raw_files_digest(provenance), len(provenance))
    finally:
        con.close()


@pytest.fixture()
def report_data(data_dir, tmp_path, monkeypatch) -> Path:
    """DPEACE_DATA holding the fixture database, results and provenance; reports go to tmp."""
    write_report_inputs(data_dir)
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("DPEACE_MIRROR", raising=False)
    return data_dir


@pytest.fixture(scope="module")
def fixture_report_html(tmp_path_factory) -> str:
    """The report rendered once from the untouched fixtures, for tests that only read it."""
    from dpeace.report.render import render_report

    folder = tmp_path_factory.mktemp("fixture-report")
    write_report_inputs(folder / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(folder / "data"))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        patch.delenv("DPEACE_MIRROR", raising=False)
        return render_report(folder / "report.html").read_text(encoding="utf-8")

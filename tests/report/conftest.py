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

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def write_model_results(data_dir: Path, results: dict) -> None:
    (data_dir / "model_results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


@pytest.fixture()
def fixture_results() -> dict:
    return json.loads((FIXTURES / "model_results.json").read_text(encoding="utf-8"))


@pytest.fixture()
def report_data(data_dir, tmp_path, monkeypatch) -> Path:
    """DPEACE_DATA holding the fixture database, results and provenance; reports go to tmp."""
    (data_dir / "raw").mkdir()
    shutil.copyfile(FIXTURES / "provenance.json", data_dir / "raw" / "provenance.json")
    shutil.copyfile(FIXTURES / "model_results.json", data_dir / "model_results.json")
    con = duckdb.connect(str(data_dir / "peace.duckdb"))
    try:
        con.execute((FIXTURES / "dyad_years.sql").read_text(encoding="utf-8"))
    finally:
        con.close()
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("DPEACE_MIRROR", raising=False)
    return data_dir

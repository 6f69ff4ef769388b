"""The report over the real data (fetched from the mirror, built and modelled once per session)."""

from __future__ import annotations

import json

import pytest

from pipeline.report import formatting
from pipeline.report.render import render_report

from report_html import read_report

pytestmark = pytest.mark.mirror


@pytest.fixture(scope="module")
def real_report(real_model_results, tmp_path_factory):
    folder = tmp_path_factory.mktemp("real-report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(real_model_results.parent))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        first = render_report(folder / "first.html")
        second = render_report(folder / "second.html")
    results = json.loads(real_model_results.read_text(encoding="utf-8"))
    return results, first.read_bytes(), second.read_bytes()


def test_real_report_is_deterministic(real_report):
    _, first, second = real_report
    assert first == second


def test_real_report_carries_the_stored_results(real_report):
    results, html, _ = real_report
    report = read_report(html.decode("utf-8"))
    main = next(m for m in results["models"] if m["id"] == results["main_model"])
    term = next(t for t in main["terms"] if t["term"] == main["democracy_term"])
    assert f"is {formatting.coefficient(term['coef'])} (95% CI {formatting.interval(term['ci_low'], term['ci_high'])}" in report.text
    statistics = {row[0]: row[1:] for row in report.tables["regression"] if row and row[0] in ("N (dyad-years)", "Onsets")}
    assert statistics["N (dyad-years)"] == [formatting.integer(m["n"]) for m in results["models"]]
    assert statistics["Onsets"] == [formatting.integer(m["n_events"]) for m in results["models"]]
    # A header row, then one row per registry file.
    from pipeline.fetch.registry import all_files, load_registry

    assert len(report.tables["inputs"]) == 1 + len(all_files(load_registry()))
    assert len(report.images) == 4
    funnel = report.tables["funnel"]
    assert funnel[0][1] == formatting.integer(results["dyad_years_total"])

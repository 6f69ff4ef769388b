"""Problems are shown loudly, and missing inputs stop the report with a clear message."""

from __future__ import annotations

import re

import pytest

from dpeace.errors import PipelineError
from dpeace.report.render import render_report

from conftest import write_model_results
from report_html import read_report


def test_a_non_converged_model_gets_a_warning_box(report_data, tmp_path, fixture_results):
    era = next(m for m in fixture_results["models"] if m["id"] == "era_pre1945")
    era["converged"] = False
    era["warnings"] = ["ConvergenceWarning: Maximum Likelihood optimization failed to converge"]
    write_model_results(report_data, fixture_results)
    html = render_report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('class="warning model-warning"') == 1
    assert (
        "Warning: model \u201cBefore 1945\u201d (era_pre1945) is not to be trusted" in read_report(html).text
    )
    assert "The estimation did not converge." in read_report(html).text
    assert "ConvergenceWarning: Maximum Likelihood optimization failed to converge" in html
    assert "1 other specification had estimation problems (Before 1945)" in read_report(html).text
    header = read_report(html).tables["regression"][0]
    assert header[5] == "(5) Before 1945 \u26a0 see warning"


def test_a_model_without_a_finite_standard_error_is_reported_not_fatal(
    report_data, tmp_path, fixture_results
):
    # The model stage stores non-finite numbers as null and flags the model as not converged;
    # the report must still render, warn, and not count that model as support.
    era = next(m for m in fixture_results["models"] if m["id"] == "era_pre1945")
    era["converged"] = False
    era["warnings"] = ["some coefficients or standard errors are not finite"]
    era["terms"][0].update(
        se=None, z=None, p=None, ci_low=None, ci_high=None, or_ci_low=None, or_ci_high=None
    )
    write_model_results(report_data, fixture_results)
    report = read_report(render_report(tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "Warning: model \u201cBefore 1945\u201d (era_pre1945) is not to be trusted" in report.text
    assert "the others: Before 1945 (\u22120.300, p = \u2014)" in report.text
    coefficients = next(row for row in report.tables["regression"] if row[0].startswith("Joint democracy"))
    assert coefficients[5] == "\u22120.300"
    assert len(report.images) == 4


def test_separation_in_the_main_model_is_flagged_in_the_verdict(report_data, tmp_path, fixture_results):
    main = next(m for m in fixture_results["models"] if m["id"] == "joint_democracy")
    main["separation"] = True
    write_model_results(report_data, fixture_results)
    text = read_report(render_report(tmp_path / "report.html").read_text(encoding="utf-8")).text
    assert "The main model has estimation problems (the outcome is (quasi-)perfectly separated" in text
    assert "Warning: model \u201cJoint democracy + controls\u201d (joint_democracy)" in text


def test_a_clean_battery_shows_no_warning(report_data, tmp_path):
    html = render_report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'class="warning' not in html


def test_results_from_another_database_are_called_out_of_date(report_data, tmp_path, fixture_results):
    fixture_results["dyad_years_total"] = 99
    write_model_results(report_data, fixture_results)
    text = read_report(render_report(tmp_path / "report.html").read_text(encoding="utf-8")).text
    assert "Results out of date" in text
    assert "fitted on a database of 99 dyad-years, but the database now holds 13" in text


@pytest.mark.parametrize(
    "missing, message",
    [
        ("model_results.json", "run `dpeace model` first"),
        ("peace.duckdb", "run the build first"),
        ("raw/provenance.json", "run `dpeace fetch` first"),
    ],
)
def test_a_missing_input_is_a_clear_error_and_writes_nothing(report_data, tmp_path, missing, message):
    (report_data / missing).unlink()
    output = tmp_path / "report.html"
    with pytest.raises(PipelineError, match=re.escape(message)) as raised:
        render_report(output)
    assert str(report_data / missing) in str(raised.value)
    assert not output.exists()


def test_results_of_an_unknown_schema_are_refused(report_data, tmp_path, fixture_results):
    fixture_results["schema_version"] = 2
    write_model_results(report_data, fixture_results)
    with pytest.raises(PipelineError, match="schema_version 2.*run `dpeace model` again"):
        render_report(tmp_path / "report.html")

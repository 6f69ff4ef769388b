"""`dpeace report` through the command line: writes the file, or fails in one plain line."""

from __future__ import annotations

from dpeace.cli import main


def test_report_verb_writes_the_report(report_data, tmp_path):
    output = tmp_path / "cli" / "report.html"
    assert main(["report", "--output", str(output)]) == 0
    html = output.read_text(encoding="utf-8")
    assert f"Made by <code>dpeace report --output {output}</code>" in html


def test_missing_results_is_one_line_naming_the_fix(report_data, tmp_path, capsys):
    (report_data / "model_results.json").unlink()
    assert main(["report", "--output", str(tmp_path / "report.html")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("dpeace report: error: no model results at ")
    assert "run `dpeace model` first" in error
    assert "Traceback" not in error

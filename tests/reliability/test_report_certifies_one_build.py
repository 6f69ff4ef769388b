"""Case 4 of issue 18: the report refuses a specification curve of another build, or one
missing specifications the grid declares, naming the command that fixes it; it shows the
curve's build id beside the others."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest

from dpeace.curve.document import curve_document
from dpeace.curve.grid import DIMENSIONS, load_grid
from tests.reliability.conftest import sums
from tests.report.conftest import FIXTURE_BUILD_ID, write_report_inputs


def hand_made_curve(build_id: str) -> dict:
    """Every declared specification, each fitted at -0.5 (p 0.01), as `dpeace curve` stores them."""
    grid = load_grid()
    rows = [
        {
            "position": spec.position,
            "spec_id": spec.id,
            **{dimension: spec.level(dimension).id for dimension in DIMENSIONS},
            "democracy_column": spec.democracy.columns[0],
            "estimate": -0.5,
            "se": 0.2,
            "ci_low": -0.892,
            "ci_high": -0.108,
            "p": 0.01,
            "n": 1000,
            "events": 20,
            "n_clusters": 50,
            "fitted": True,
            "converged": True,
            "separation": False,
            "iterations": 5,
            "reason": None,
        }
        for spec in grid.specifications
    ]
    # The document's facts about each democracy column: 0/1 thresholds and a weak link.
    frame = SimpleNamespace(
        columns={
            "polity2_low": np.array([-10.0, 0.0, 10.0]),
            "joint_democracy_bmr": np.array([0.0, 1.0, 1.0]),
        },
        spline_knots={},
        n_rows=3,
    )
    return curve_document(grid, frame, rows, build_id)


@pytest.fixture()
def project(data_dir, tmp_path, monkeypatch):
    write_report_inputs(data_dir)
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("DPEACE_MIRROR", raising=False)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "democratic_peace.html").write_text("<html>the last report</html>\n")
    return tmp_path


def write_curve(project, document: dict) -> None:
    (project / "data" / "specification_curve.json").write_text(json.dumps(document), encoding="utf-8")


def test_a_curve_of_another_build_is_refused(project, dpeace):
    write_curve(project, hand_made_curve("an-older-build"))
    before = sums(project)

    code, _, err = dpeace("report")

    assert code == 1
    assert "the specification curve in" in err and "were computed on build an-older-bui" in err
    assert "run `dpeace curve`" in err
    assert sums(project) == before


def test_a_curve_missing_declared_specifications_is_refused(project, dpeace):
    curve = hand_made_curve(FIXTURE_BUILD_ID)
    curve["specifications"] = curve["specifications"][:10]
    write_curve(project, curve)
    before = sums(project)

    code, _, err = dpeace("report")

    assert code == 1
    declared = len(load_grid().specifications)
    assert f"holds 10 specifications, not the {declared} declared in curve_grid.toml" in err
    assert f"missing {declared - 10}" in err
    assert "run `dpeace curve`" in err
    assert sums(project) == before


def test_the_report_shows_the_curve_build_id(project, dpeace):
    write_curve(project, hand_made_curve(FIXTURE_BUILD_ID))

    code, _, err = dpeace("report")

    assert code == 0, err
    html = (project / "reports" / "democratic_peace.html").read_text(encoding="utf-8")
    assert "Build id (specification curve)" in html
    assert html.count(FIXTURE_BUILD_ID) >= 2  # beside the database's and the results'

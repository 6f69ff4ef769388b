"""Case 8 of issue 18, the JSON inputs: model results or a specification curve of valid JSON
but the wrong shape is one plain message naming the file, the place and the command, and
nothing is written."""

from __future__ import annotations

import json

import pytest

from tests.reliability.conftest import sums
from tests.reliability.test_report_certifies_one_build import hand_made_curve
from tests.report.conftest import FIXTURE_BUILD_ID, write_report_inputs


@pytest.fixture()
def project(data_dir, tmp_path, monkeypatch):
    write_report_inputs(data_dir)
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("DPEACE_MIRROR", raising=False)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "democratic_peace.html").write_text("<html>the last report</html>\n")
    return tmp_path


def edit_results(project, change) -> None:
    path = project / "data" / "model_results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    change(results)
    path.write_text(json.dumps(results), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda results: results["models"][0].pop("id"), "models[0].id is missing"),
        (lambda results: results["models"][1].pop("terms"), "models[1].terms is missing"),
        (
            lambda results: results["models"][0]["terms"][0].update(coef="-0.5"),
            "models[0].terms[0].coef is text",
        ),
        (lambda results: results.update(models={"a": 1}), "models is an object, not a list"),
    ],
    ids=["no-id", "no-terms", "coef-as-text", "models-not-a-list"],
)
def test_model_results_of_the_wrong_shape_are_one_plain_message(project, dpeace, change, problem):
    edit_results(project, change)
    before = sums(project)

    code, _, err = dpeace("report")

    assert code == 1
    assert (
        f"{project / 'data' / 'model_results.json'} is not model results as `dpeace model` writes them" in err
    )
    assert problem in err
    assert "run `dpeace model` again" in err
    assert "Traceback" not in err
    assert sums(project) == before


def test_a_curve_of_the_wrong_shape_is_one_plain_message(project, dpeace):
    curve = hand_made_curve(FIXTURE_BUILD_ID)
    curve["specifications"][3]["fitted"] = "yes"
    (project / "data" / "specification_curve.json").write_text(json.dumps(curve), encoding="utf-8")
    before = sums(project)

    code, _, err = dpeace("report")

    assert code == 1
    assert "specification_curve.json is not a specification curve as `dpeace curve` writes it" in err
    assert "specifications[3].fitted is text, not true or false" in err
    assert "run `dpeace curve` again" in err
    assert sums(project) == before

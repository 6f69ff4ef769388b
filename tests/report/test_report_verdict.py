"""The verdict's wording follows the numbers: each branch, from hand-made battery results."""

from __future__ import annotations

import pytest

from pipeline.report.verdict import supports_claim, verdict

RATES = [
    {"democracy_status": "jointly_democratic", "onsets_per_1000": 2.0},
    {"democracy_status": "not_jointly_democratic", "onsets_per_1000": 5.0},
]


def _model(model_id: str, coef: float, ci_low: float, ci_high: float, p: float, **overrides) -> dict:
    model = {
        "id": model_id, "label": model_id.replace("_", " ").capitalize(), "estimator": "logit",
        "democracy_term": "joint_democracy", "controls": [], "n": 1000, "n_events": 10,
        "se_type": "clustered by dyad", "converged": True, "separation": False, "effects": None,
        "terms": [{"term": "joint_democracy", "coef": coef, "ci_low": ci_low, "ci_high": ci_high, "p": p,
                   "odds_ratio": 1.0, "or_ci_low": 1.0, "or_ci_high": 1.0}],
    }
    model.update(overrides)
    return model


def _results(main: dict, *others: dict) -> dict:
    return {"main_model": main["id"], "models": [main, *others]}


def test_supports_claim_needs_a_negative_and_significant_coefficient():
    assert supports_claim(_model("a", -0.5, -0.9, -0.1, 0.01))
    assert not supports_claim(_model("b", -0.5, -1.1, 0.1, 0.08))
    assert not supports_claim(_model("c", 0.5, 0.1, 0.9, 0.01))
    assert not supports_claim(_model("d", -0.5, -0.9, -0.1, 0.05))  # p must be below 0.05


def test_holds_everywhere():
    found = verdict(_results(_model("main", -0.8, -1.2, -0.4, 0.001), _model("b", -0.6, -1.0, -0.2, 0.01)), RATES, (1816, 2014))
    assert found["status"] == "holds"
    assert found["headline"] == "Yes: jointly democratic pairs begin fewer disputes, in every specification tested"
    assert "2.00 militarized disputes per 1,000 dyad-years, against 5.00 for all other pairs (1816\u20132014): 0.40 times the rate." in found["sentences"][0]
    assert "2 of 2 specifications" in found["sentences"][2]


def test_holds_in_most_but_not_all():
    found = verdict(
        _results(_model("main", -0.8, -1.2, -0.4, 0.001), _model("b", -0.6, -1.0, -0.2, 0.01), _model("c", -0.1, -0.5, 0.3, 0.6)),
        RATES, (1816, 2014),
    )
    assert found["status"] == "holds"
    assert "in the main model and in 2 of 3 specifications" in found["headline"]
    assert "the exceptions: C (\u22120.100, p = 0.600)" in found["sentences"][2]


def test_fragile_when_most_of_the_battery_disagrees():
    found = verdict(
        _results(_model("main", -0.8, -1.2, -0.4, 0.001), _model("b", 0.1, -0.3, 0.5, 0.6), _model("c", -0.1, -0.5, 0.3, 0.6)),
        RATES, (1816, 2014),
    )
    assert found["status"] == "fragile"
    assert found["headline"].startswith("Only in part") and "only 1 of 3 specifications agree" in found["headline"]


def test_not_supported_when_the_main_interval_spans_zero():
    found = verdict(_results(_model("main", -0.2, -0.6, 0.2, 0.3)), RATES, (1816, 2014))
    assert found["status"] == "not_supported"
    assert found["headline"].startswith("Not clearly")


def test_contradicted_when_the_main_interval_is_above_zero():
    found = verdict(_results(_model("main", 0.5, 0.2, 0.8, 0.001)), RATES, (1816, 2014))
    assert found["status"] == "contradicted"
    assert found["headline"].startswith("No:")


@pytest.mark.parametrize("problem", [{"converged": False}, {"separation": True}])
def test_a_troubled_main_model_is_cautioned(problem):
    found = verdict(_results(_model("main", -0.8, -1.2, -0.4, 0.001, **problem)), RATES, (1816, 2014))
    assert found["cautions"] and found["cautions"][0].startswith("The main model has estimation problems")


def test_a_main_model_without_an_interval_gives_no_verdict_either_way():
    main = _model("main", -0.8, None, None, None, converged=False)
    main["terms"][0].update(odds_ratio=None, or_ci_low=None, or_ci_high=None)
    found = verdict(_results(main, _model("b", -0.6, -1.0, -0.2, 0.01)), RATES, (1816, 2014))
    assert found["status"] == "not_supported"
    assert not supports_claim(main) and found["supporting"] == 1
    assert "odds ratio \u2014, \u2014\u2013\u2014; p = \u2014" in found["sentences"][1]

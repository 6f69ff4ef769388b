"""The verdict's wording follows the numbers: each branch, from hand-made battery results.

The headline answers the title's question ("Do democracies fight each other?") with a word
that cannot be read backwards, names its unit (dyad-years with an onset), and takes its
strength from the specification curve, not from the battery.
"""

from __future__ import annotations

import pytest

from dpeace.report.verdict import battery_sentence, supports_claim, verdict

# 20 onsets in 10,000 jointly democratic dyad-years (2.00 per 1,000); 250 in 50,000 others (5.00)
RATES = [
    {"democracy_status": "jointly_democratic", "onsets_per_1000": 2.0, "onsets": 20, "dyad_years": 10_000},
    {
        "democracy_status": "not_jointly_democratic",
        "onsets_per_1000": 5.0,
        "onsets": 250,
        "dyad_years": 50_000,
    },
]
SPAN = (1816, 2014)


def _model(model_id: str, coef: float, ci_low: float, ci_high: float, p: float, **overrides) -> dict:
    model = {
        "id": model_id,
        "label": model_id.replace("_", " ").capitalize(),
        "estimator": "logit",
        "democracy_term": "joint_democracy",
        "controls": [],
        "n": 60_000,
        "n_events": 270,
        "se_type": "clustered by dyad",
        "converged": True,
        "separation": False,
        "effects": None,
        "terms": [
            {
                "term": "joint_democracy",
                "coef": coef,
                "ci_low": ci_low,
                "ci_high": ci_high,
                "p": p,
                "odds_ratio": 1.0,
                "or_ci_low": 1.0,
                "or_ci_high": 1.0,
            }
        ],
    }
    model.update(overrides)
    return model


def _results(main: dict, *others: dict) -> dict:
    return {"main_model": main["id"], "models": [main, *others]}


MAIN = _model("main", -0.8, -1.2, -0.4, 0.001)


def test_supports_claim_needs_a_negative_and_significant_coefficient():
    assert supports_claim(_model("a", -0.5, -0.9, -0.1, 0.01))
    assert not supports_claim(_model("b", -0.5, -1.1, 0.1, 0.08))
    assert not supports_claim(_model("c", 0.5, 0.1, 0.9, 0.01))
    assert not supports_claim(_model("d", -0.5, -0.9, -0.1, 0.05))  # p must be below 0.05


def test_rarely_names_the_unit_and_the_ratio():
    found = verdict(_results(MAIN), RATES, SPAN)
    assert found["status"] == "holds"
    # 2.00 / 5.00 = 0.40
    assert found["headline"] == (
        "Rarely: two democracies began a militarized dispute with each other in 2.00 of every 1,000 "
        "dyad-years, 0.40 times the rate of other pairs (5.00)"
    )
    assert not found["headline"].startswith("Yes")
    assert found["sentences"][0] == (
        "Over 1816\u20132014, pairs of democracies had a dispute onset in 20 of 10,000 dyad-years "
        "(2.00 per 1,000), all other pairs with known scores in 250 of 50,000 (5.00 per 1,000): "
        "0.40 times the rate. These 60,000 dyad-years are the main model's sample."
    )


def test_the_main_models_n_is_claimed_only_when_the_rates_cover_it():
    found = verdict(_results(_model("main", -0.8, -1.2, -0.4, 0.001, n=59_000)), RATES, SPAN)
    assert found["sentences"][0].endswith(
        "The main model uses 59,000 of these 60,000 dyad-years, those with every control known."
    )
    assert "N = 59,000 dyad-years" in " ".join(found["sentences"])


def test_changed_rates_change_the_headline():
    # 1 onset in 10,000 jointly democratic dyad-years: 0.10 per 1,000, 0.02 times 5.00
    rates = [dict(RATES[0], onsets=1, onsets_per_1000=0.1), RATES[1]]
    found = verdict(_results(MAIN), rates, SPAN)
    assert "in 0.10 of every 1,000 dyad-years, 0.02 times the rate of other pairs (5.00)" in found["headline"]


def test_never_when_no_pair_of_democracies_began_a_dispute():
    rates = [dict(RATES[0], onsets=0, onsets_per_1000=0.0), RATES[1]]
    found = verdict(_results(MAIN), rates, SPAN)
    assert found["headline"].startswith("Never in these data: two democracies began a militarized dispute")


def test_exceptions_are_counted_as_disputes_as_well_as_dyad_years():
    exceptions = {"dyad_years": 20, "disputes": 17, "pairs_count": 9, "fatal_years": 3, "war_level": [{}]}
    found = verdict(_results(MAIN), RATES, SPAN, exceptions=exceptions)
    assert found["sentences"][1] == (
        "Counted as disputes rather than dyad-years: 17 distinct disputes between 9 pairs of democracies. "
        "Counting what happened between the two in the year it happened, two democracies suffered deaths at "
        "each other's hands in 3 dyad-years and met in war-level hostility in 1, by MID's coding (every one is "
        "listed under Exceptions)."
    )


def test_without_a_curve_the_battery_is_not_called_robustness():
    found = verdict(_results(MAIN, _model("b", -0.6, -1.0, -0.2, 0.01)), RATES, SPAN)
    assert found["strength"] == "untested"
    text = " ".join(found["sentences"])
    assert "specification curve, which is not in this build" in text
    assert "their agreement is no test of robustness" in text
    assert "every specification" not in text


def test_the_curve_share_sets_the_strength():
    robust = verdict(_results(MAIN), RATES, SPAN, robustness={"share": 0.95, "total": 200})
    assert robust["status"] == "holds" and robust["strength"] == "robust"
    assert robust["headline"].endswith(
        "(5.00); with controls, significantly fewer under dyadic-robust errors in 95% of the curve's 200 maximum-likelihood fits"
    )
    every = verdict(_results(MAIN), RATES, SPAN, robustness={"share": 1.0, "total": 1344})
    assert every["headline"].endswith(
        "; with controls, significantly fewer under dyadic-robust errors in all 1,344 maximum-likelihood fits of the curve"
    )
    assert "Across the specification curve's 200 specifications, 95% find fewer disputes" in " ".join(
        robust["sentences"]
    )
    # The same main model, but only 30% of the curve agrees: the headline says so.
    fragile = verdict(_results(MAIN), RATES, SPAN, robustness={"share": 0.3, "total": 200})
    assert fragile["status"] == "fragile"
    assert fragile["headline"].startswith("Less often in the main model, but not robustly: two democracies")
    assert fragile["headline"].endswith("only 30% of the specifications agree")


def test_the_curves_own_sentence_is_used_when_given():
    found = verdict(
        _results(MAIN), RATES, SPAN, robustness={"share": 0.7, "total": 10, "sentence": "Seven of ten agree."}
    )
    assert found["strength"] == "majority"
    assert "Seven of ten agree." in " ".join(found["sentences"])


def test_not_detectably_less_often_when_the_main_interval_spans_zero():
    found = verdict(_results(_model("main", -0.2, -0.6, 0.2, 0.3)), RATES, SPAN)
    assert found["status"] == "not_supported"
    assert found["headline"].startswith("Not detectably less often than other pairs: two democracies")


def test_no_less_often_when_the_main_interval_is_above_zero():
    found = verdict(_results(_model("main", 0.5, 0.2, 0.8, 0.001)), RATES, SPAN)
    assert found["status"] == "contradicted"
    assert found["headline"].startswith("No less often:")


def test_cow_wars_between_democracies_are_named():
    found = verdict(_results(MAIN), RATES, SPAN, wars={"cow_count": 1, "cow_names": "Kargil War (1999)"})
    # The claim as the theory makes it, about war, comes first.
    assert found["sentences"][0] == (
        "The claim is about war: the COW war data record 1 war fought between two democracies (by Polity): "
        "Kargil War (1999)."
    )


@pytest.mark.parametrize("problem", [{"converged": False}, {"separation": True}])
def test_a_troubled_main_model_is_cautioned(problem):
    found = verdict(_results(_model("main", -0.8, -1.2, -0.4, 0.001, **problem)), RATES, SPAN)
    assert found["cautions"] and found["cautions"][0].startswith("The main model has estimation problems")


def test_a_main_model_without_an_interval_gives_no_verdict_either_way():
    main = _model("main", -0.8, None, None, None, converged=False)
    main["terms"][0].update(odds_ratio=None, or_ci_low=None, or_ci_high=None)
    found = verdict(_results(main, _model("b", -0.6, -1.0, -0.2, 0.01)), RATES, SPAN)
    assert found["status"] == "not_supported"
    assert found["headline"].startswith("No verdict")
    assert not supports_claim(main) and found["supporting"] == 1
    assert any("odds ratio \u2014, \u2014\u2013\u2014; p = \u2014" in s for s in found["sentences"])


def test_battery_sentence_names_the_models_that_disagree():
    sentence = battery_sentence(
        [MAIN, _model("b", -0.6, -1.0, -0.2, 0.01), _model("c", -0.1, -0.5, 0.3, 0.6)]
    )
    assert sentence == (
        "Across the battery, 2 of 3 specifications estimate a negative democracy coefficient with p < 0.05; "
        "the others: C (\u22120.100, p = 0.600)."
    )


def test_the_typical_pair_is_described_from_its_stored_values():
    effects = {
        "typical_values": {"contiguous": 0, "any_major_power": 1, "log_cap_ratio": 2.0},
        "p_democratic": {"estimate": 0.001, "ci_low": 0.0005, "ci_high": 0.002},
        "p_other": {"estimate": 0.002, "ci_low": 0.0015, "ci_high": 0.003},
        "ratio": {"estimate": 0.5, "ci_low": 0.3, "ci_high": 0.8},
    }
    found = verdict(_results(_model("main", -0.8, -1.2, -0.4, 0.001, effects=effects)), RATES, SPAN)
    assert any(
        s.startswith(
            "For a typical pair of states (not neighbours, with a major power), the main model puts the "
            "yearly chance of a dispute onset at 1.00 per 1,000 (0.50\u20132.00) if both are democracies"
        )
        for s in found["sentences"]
    )


def test_the_main_model_sentence_sets_the_dyad_clustered_error_beside_the_dyadic_robust_one():
    # coefficient -1.0, dyadic-robust SE 0.25 (p 6.3e-5), clustered by dyad alone 0.125: z = -8, p < 0.001
    main = _model(
        "main",
        -1.0,
        -1.49,
        -0.51,
        6.3e-5,
        se_type="dyadic-robust (Aronow, Samii and Assenova 2015)",
    )
    main["terms"][0].update(se=0.25, standard_errors={"dyadic_robust": 0.25, "clustered": 0.125})
    found = verdict(_results(main), RATES, SPAN)
    text = " ".join(found["sentences"])
    assert "standard errors dyadic-robust (Aronow, Samii and Assenova 2015)" in text
    assert (
        "; its dyadic-robust standard error is 0.250, against 0.125 clustered by dyad alone (p < 0.001)."
        in text
    )


def test_the_war_model_follows_the_main_model():
    war = _model("war_onset", -3.2, -4.6, -1.8, 0.0001, outcome="war_onset", label="Wars")
    found = verdict(_results(MAIN, war), RATES, SPAN)
    sentences = found["sentences"]
    main_at = next(i for i, s in enumerate(sentences) if s.startswith("In the main model"))
    assert sentences[main_at + 1] == (
        "For war itself (\u201cWars\u201d, N = 60,000 dyad-years, 270 war onsets, standard errors clustered by "
        "dyad), the coefficient of joint democracy (both Polity2 \u2265 6) is \u22123.200 (95% CI \u22124.600 to "
        "\u22121.800; p < 0.001)."
    )
    # Without a war model, no such sentence.
    assert not any(s.startswith("For war itself") for s in verdict(_results(MAIN), RATES, SPAN)["sentences"])

"""The eras and the dyad fixed-effects refit in words, over hand-made results."""

from __future__ import annotations

from dpeace.report.inference import (
    conventional_errors_sentence,
    era_sentence,
    fixed_effects_sentence,
    inference_context,
)


def _era(era_id, label, estimate, p, fitted=True):
    return {
        "id": era_id,
        "label": label,
        "fitted": fitted,
        "reason": None if fitted else "no complete rows in its sample",
        "n": 1000,
        "n_events": 20,
        "estimate": estimate,
        "se": 0.2,
        "p": p,
        "se_dyad_clustered": 0.1,
        "p_dyad_clustered": p / 10 if p is not None else None,
    }


def test_eras_that_contradict_the_cold_war_critique_are_said_to():
    eras = [
        _era("1816_1913", "1816-1913", 0.4, 0.04),
        _era("1919_1938", "1919-1938", -1.5, 0.007),
        _era("1946_1989", "1946-1989 (Cold War)", -1.1, 0.009),
        _era("1990_on", "1990 on", -1.1, 0.002),
    ]
    sentence = era_sentence(eras)
    assert sentence.startswith(
        "Farber and Gowa (1995, 1997) argue that the peace among democracies appears only after 1945"
    )
    assert (
        "1816-1913: 0.400 (dyadic-robust SE 0.200, p = 0.040; clustered by dyad SE 0.100, p = 0.004)"
        in sentence
    )
    assert sentence.endswith(
        "The estimate is already negative and significant in 1919-1938, before the Cold War, which the critique "
        "does not expect; but not in 1816-1913 (positive and significant); in the Cold War it is negative and "
        "significant; after it, negative and significant, which an artefact of Cold War alliances would not lead "
        "one to expect."
    )


def test_eras_that_agree_with_the_critique_are_said_to_and_a_missing_era_is_named():
    eras = [
        _era("1816_1913", "1816-1913", None, None, fitted=False),
        _era("1919_1938", "1919-1938", -0.3, 0.4),
        _era("1946_1989", "1946-1989 (Cold War)", -1.1, 0.009),
        _era("1990_on", "1990 on", -0.2, 0.5),
    ]
    sentence = era_sentence(eras)
    assert "1816-1913: no estimate (no complete rows in its sample)" in sentence
    assert sentence.endswith(
        "Before 1945 no era shows a significantly lower dispute rate between democracies, as the critique expects; "
        "in the Cold War it is negative and significant; after it, negative but not significant, as an artefact of "
        "Cold War alliances would lead one to expect."
    )


def test_the_fixed_effects_sentence_names_what_the_refit_discards():
    fixed = {
        **_era("fe", "Dyad fixed effects", -0.8, 0.0004),
        "n_sample": 722669,
        "n": 75886,
        "n_dyads": 895,
        "dyads_discarded": 13593,
        "dyad_years_discarded": 646783,
        "dropped": ["log_capital_distance"],
    }
    assert fixed_effects_sentence(fixed) == (
        "With one intercept per dyad (Green, Kim and Yoon 2001), fitted to the 895 dyads whose record varies "
        "(75,886 dyad-years), the joint-democracy estimate is \u22120.800 (dyadic-robust SE 0.200, p < 0.001; "
        "clustered by dyad SE 0.100, p < 0.001), negative and significant under the dyadic-robust errors; it "
        "discards the 13,593 dyads (646,783 of 722,669 dyad-years) whose record never varies (no onset in any "
        "year of the sample, or one in every year): the peace Oneal and Russett (2001) say such a model throws away."
    )
    context = inference_context({"eras": [], "fixed_effects": fixed})
    assert context["fixed_effects"]["dyads_discarded"] == "13,593" and context["eras"] == []
    assert inference_context({"models": []}) is None


def test_the_dangerous_dyads_model_shows_its_conventional_errors_beside_the_others():
    bremer = {
        "id": "dangerous_dyads",
        "label": "Dangerous dyads (Bremer)",
        "democracy_term": "xm_qudsest_low",
        "n": 101516,
        "n_events": 2400,
        "terms": [
            {"term": "gdppc_low", "coef": 0.1, "standard_errors": {"conventional": 0.01}},
            {
                "term": "xm_qudsest_low",
                "coef": -0.2093,
                "standard_errors": {"clustered": 0.0441, "conventional": 0.0302, "dyadic_robust": 0.0519},
            },
        ],
    }
    assert conventional_errors_sentence([{"id": "joint_democracy"}, bremer]) == (
        "Dangerous dyads (Bremer), as its literature reports it: xm_qudsest_low \u2212"
        "0.209, conventional SE 0.030, "
        "clustered by dyad 0.044, dyadic-robust 0.052 (101,516 dyad-years, 2,400 onsets)."
    )
    assert conventional_errors_sentence([{"id": "joint_democracy"}]) is None

"""The robustness section (_robustness.html.j2) over a hand-made specification-curve document.

Six specifications, two outcomes by three democracy measures, worked out by hand:
    position  democracy  outcome  estimate  p        fitted  negative & significant (5%)
    1         >= 5       mid      -0.7      1e-12    yes     yes
    2         >= 6       mid      -0.8      1e-10    yes     yes   (main)
    3         weak link  mid      -0.05     0.001    yes     yes
    4         >= 5       war      -1.0      0.2      yes     no (not significant)
    5         >= 6       war      -         -        no: separation
    6         weak link  war      +0.02     0.01     yes     no (positive and significant)
-> 5 of 6 fitted; 3 of the 5 negative and significant = 60.0%; 1 positive and significant.
The p above are dyadic-robust; clustered by dyad alone every p is the same but position 4's,
0.01: 4 of the 5 negative and significant = 80.0%.
By choice: >= 5 1 of 2 fitted = 50.0%; >= 6 1 of 1 = 100.0%; weak link 1 of 2 = 50.0%;
mid 3 of 3 = 100.0%; war 0 of 2 = 0.0%. The curve shows the 3 fitted 0/1 measures
(positions 1, 2, 4); the 2 fitted weak-link ones are left off it. The threshold sweep holds
the main choices (mid) fixed: k = 5 -> -0.700, k = 6 -> -0.800 (main).
"""

from __future__ import annotations

import copy

import pytest

from dpeace.report.render import template_environment
from dpeace.report.robustness import robustness_context, robustness_sentence

DIMENSIONS = ["democracy", "outcome", "sample", "controls", "temporal", "ongoing"]


def _spec(position, democracy, outcome, estimate=None, p=None, reason=None, p_dyad_clustered=None):
    fitted = reason is None
    return {
        "position": position,
        "spec_id": f"{democracy}/{outcome}/all/base/cubic/drop/all",
        "democracy": democracy,
        "outcome": outcome,
        "sample": "all",
        "controls": "base",
        "temporal": "cubic",
        "ongoing": "drop",
        "era": "all",
        "democracy_column": "polity2_low",
        "is_main": position == 2,
        "estimate": estimate,
        "se": 0.1 if fitted else None,
        "ci_low": estimate - 0.196 if fitted else None,
        "ci_high": estimate + 0.196 if fitted else None,
        "p": p,
        "estimator": "logit" if fitted else None,
        "se_dyad_clustered": 0.08 if fitted else None,
        "p_dyad_clustered": p_dyad_clustered if p_dyad_clustered is not None else p,
        "n": 1000,
        "events": 20,
        "n_clusters": 50,
        "fitted": fitted,
        "converged": True if fitted else None,
        "separation": not fitted,
        "iterations": 4 if fitted else None,
        "reason": reason,
    }


DOCUMENT = {
    "schema_version": 1,
    "build_id": "b-123",
    "clustering": "standard errors clustered by dyad (ccode1, ccode2)",
    "significance": 0.05,
    "grid": {
        "dimensions": DIMENSIONS,
        "levels": {
            "democracy": [
                {"id": "polity2_ge_5", "label": "Polity2 both >= 5", "threshold": 5.0, "binary": True},
                {"id": "polity2_ge_6", "label": "Polity2 both >= 6", "threshold": 6.0, "binary": True},
                {"id": "weak_link", "label": "Weak link", "threshold": None, "binary": False},
            ],
            "outcome": [
                {"id": "mid_onset", "label": "Any dispute onset"},
                {"id": "war_onset", "label": "War"},
            ],
            "sample": [{"id": "all", "label": "All dyads"}],
            "controls": [{"id": "base", "label": "Base"}],
            "temporal": [{"id": "cubic", "label": "Peace years cubic"}],
            "ongoing": [{"id": "drop", "label": "Ongoing years dropped"}],
        },
        "main": {
            "democracy": "polity2_ge_6",
            "outcome": "mid_onset",
            "sample": "all",
            "controls": "base",
            "temporal": "cubic",
            "ongoing": "drop",
        },
    },
    "specifications": [
        _spec(1, "polity2_ge_5", "mid_onset", -0.7, 1e-12),
        _spec(2, "polity2_ge_6", "mid_onset", -0.8, 1e-10),
        _spec(3, "weak_link", "mid_onset", -0.05, 0.001),
        _spec(4, "polity2_ge_5", "war_onset", -1.0, 0.2, p_dyad_clustered=0.01),
        _spec(
            5,
            "polity2_ge_6",
            "war_onset",
            reason="quasi-complete separation: every row with polity2_ge_6 = 1 has outcome 0 (300 rows), so...",
        ),
        _spec(6, "weak_link", "war_onset", 0.02, 0.01),
    ],
}


@pytest.fixture(scope="module")
def context() -> dict:
    return robustness_context(DOCUMENT)


def test_the_counts_and_share_are_those_worked_out_by_hand(context):
    assert (context["n_specifications"], context["n_fitted"], context["n_unfitted"]) == (6, 5, 1)
    assert context["n_negative_significant"] == 3 and context["n_positive_significant"] == 1
    assert context["share_negative_significant_text"] == "60.0%"
    assert context["n_negative_significant_dyad_clustered"] == 4
    assert context["share_negative_significant_dyad_clustered_text"] == "80.0%"
    # by choice, under both errors, with the median and spread of the estimates:
    # war: estimates -1.0 and +0.02, dyadic-robust 0 of 2, clustered by dyad 1 of 2 (position 4)
    war = next(
        level for group in context["by_choice"] for level in group["levels"] if level["label"] == "War"
    )
    assert (war["share"], war["share_dyad_clustered"], war["median"]) == ("0.0%", "50.0%", "\u22120.490")
    assert (context["n_on_curve"], context["n_off_curve"]) == (3, 2)
    assert context["off_curve_levels"] == ["Weak link"]
    shares = {
        (group["dimension"], level["label"]): (level["fitted"], level["share"])
        for group in context["by_choice"]
        for level in group["levels"]
    }
    assert shares[("Democracy measure", "Polity2 both >= 5")] == ("2", "50.0%")
    assert shares[("Democracy measure", "Polity2 both >= 6")] == ("1", "100.0%")
    assert shares[("Democracy measure", "Weak link")] == ("2", "50.0%")
    assert shares[("Outcome", "Any dispute onset")] == ("3", "100.0%")
    assert shares[("Outcome", "War")] == ("2", "0.0%")
    assert [(row["threshold"], row["estimate"], row["is_main"]) for row in context["sweep"]] == [
        ("5", "\u22120.700", False),
        ("6", "\u22120.800", True),
    ]
    assert context["unfitted_reasons"][0]["count"] == "1"
    assert context["unfitted_reasons"][0]["reason"] == "quasi-complete separation"


def test_the_sentence_states_the_share_and_the_unfitted():
    assert robustness_sentence(DOCUMENT) == (
        "Across 6 specifications crossing democracy measure, outcome, sample, controls, peace-year terms and "
        "ongoing-dispute years, 5 could be estimated; of the 5 maximum-likelihood fits, with dyadic-robust "
        "standard errors the democracy estimate "
        "is negative and significant at the 5% level in 3 of them (60.0%) and positive and significant in 1, "
        "with errors clustered by dyad alone negative and significant in 4 of them (80.0%); 1 could not be "
        "estimated (all for quasi-complete separation)."
    )


def test_the_partial_renders_the_section_the_same_every_time(context):
    template = template_environment().get_template("_robustness.html.j2")
    first = template.render(robustness=context)
    second = template.render(robustness=robustness_context(DOCUMENT))
    assert first == second
    assert first.count('<section id="robustness">') == 1
    assert context["curve_plot"].startswith("data:image/svg+xml;base64,")
    assert context["sweep_plot"].startswith("data:image/svg+xml;base64,")
    assert "60.0%" in first and "Weak link" in first and "main specification" in first
    assert "quasi-complete separation: 1" in first


def _with_a_firth_fit_and_gml() -> dict:
    """DOCUMENT with position 5 (>= 6, war: separated) fitted by Firth's logit at -2.0, p 1e-6
    (significant, were it counted), and position 6's outcome a GML one:
    - the shares stay those of the 5 maximum-likelihood fits: 3 of 5 = 60.0%, 4 of 5 = 80.0%;
    - >= 6: 2 fitted, 1 by Firth, 1 of 1 maximum-likelihood fit = 100.0%, median of -0.8 and -2.0 = -1.4;
    - by record: MID positions 1-5, 4 fitted by maximum likelihood, 3 negative and significant
      = 75.0%; GML position 6, 0 of 1 = 0.0%."""
    document = copy.deepcopy(DOCUMENT)
    firth = document["specifications"][4]
    firth.update(
        estimate=-2.0,
        p=1e-6,
        p_dyad_clustered=1e-6,
        se=0.4,
        se_dyad_clustered=0.4,
        ci_low=-2.784,
        ci_high=-1.216,
    )
    firth.update(fitted=True, estimator="firth_logit", converged=True, separation=True, iterations=9)
    firth["p_penalized_lr"] = 0.002
    firth["reason"] = (
        "fitted by Firth's penalised logit (no finite maximum-likelihood estimate): quasi-complete ..."
    )
    document["specifications"][5]["outcome"] = "gml_onset"
    document["grid"]["levels"]["outcome"].append(
        {"id": "gml_onset", "label": "Any dispute onset (GML)", "record": "gml"}
    )
    for level in document["grid"]["levels"]["outcome"][:2]:
        level["record"] = "mid"
    document["grid"]["records"] = {
        "mid": {"label": "MID 5.0", "coverage": "mid_onset", "ongoing": "mid_ongoing"},
        "gml": {"label": "GML 2.2.1", "coverage": "gml_onset", "ongoing": "gml_ongoing"},
    }
    return document


def test_firth_fits_enter_the_medians_but_not_the_shares_significant():
    document = _with_a_firth_fit_and_gml()
    context = robustness_context(document)
    assert (context["n_fitted"], context["n_tested"], context["n_firth"]) == (6, 5, 1)
    assert context["n_negative_significant"] == 3 and context["share_negative_significant_text"] == "60.0%"
    assert context["share_negative_significant_dyad_clustered_text"] == "80.0%"
    # the third share: the 3 maximum-likelihood fits negative and significant (dyadic-robust)
    # and the Firth fit by its penalised likelihood-ratio p (0.002), of 5 + 1
    assert (context["n_negative_significant_with_firth"], context["n_tested_with_firth"]) == (4, 6)
    assert context["share_negative_significant_with_firth_text"] == "66.7%"
    levels = {
        (group["dimension"], level["label"]): level
        for group in context["by_choice"]
        for level in group["levels"]
    }
    stricter = levels[("Democracy measure", "Polity2 both >= 6")]
    assert (stricter["fitted"], stricter["firth"], stricter["share"], stricter["median"]) == (
        "2",
        "1",
        "100.0%",
        "\u22121.400",
    )
    assert stricter["share_with_firth"] == "100.0%"
    assert (
        levels[("Dispute record", "MID 5.0")]["share"],
        levels[("Dispute record", "GML 2.2.1")]["share"],
    ) == (
        "75.0%",
        "0.0%",
    )
    assert levels[("Dispute record", "MID 5.0")]["specifications"] == "5"
    sentence = robustness_sentence(document)
    assert "6 could be estimated (1 of them, separated, by Firth's penalised logit" in sentence
    assert "of the 5 maximum-likelihood fits" in sentence and "in 3 of them (60.0%)" in sentence
    assert sentence.endswith(
        "counting the 1 Firth fits by the penalised likelihood-ratio test of the democracy term (Heinze and "
        "Schemper 2002), which takes the dyad-years as independent, beside the dyadic-robust ones, negative "
        "and significant in 4 of 6 (66.7%)."
    )
    html = " ".join(
        template_environment().get_template("_robustness.html.j2").render(robustness=context).split()
    )
    assert "are of the 5 maximum-likelihood fits" in html and "Heinze and Schemper 2002" in html
    assert (
        "counting the 1 Firth fits by that test" in html
        and "4 of 6 (66.7%) are negative and significant" in html
    )


def test_a_constant_regressor_is_counted_as_one_kind_of_reason():
    document = copy.deepcopy(DOCUMENT)
    for position, column in ((4, "polity2_low"), (6, "polity2_lag_low")):
        row = document["specifications"][position - 1]
        row.update(fitted=False, estimate=None, p=None, p_dyad_clustered=None, estimator=None)
        row["reason"] = f"{column} is constant (0) in the sample, so its coefficient cannot be estimated"
    reasons = robustness_context(document)["unfitted_reasons"]
    assert reasons[0] == {
        "reason": "a regressor constant in the sample (typically the democracy term: no jointly democratic pair)",
        "count": "2",
    }

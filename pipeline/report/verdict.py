"""The answer up front: a verdict worded from the numbers, never written in advance.

The title asks "Do democracies fight each other?", so the headline's first word answers
that question ("Rarely", "Never in these data", "Not detectably less often", "No less
often"), never a "Yes" that could mean "yes, they fight" or "yes, the theory holds".
Its unit is the dyad-year with an onset, named as such; the disputes themselves are
counted beside it. How strongly the claim is worded comes from the specification curve
(the share of defensible specifications that find fewer disputes between democracies),
not from the model battery, whose models share most of their choices.
"""

from __future__ import annotations

from dpeace.model.wald import two_sided_p
from dpeace.report import formatting
from dpeace.report.labels import ESTIMATOR_LABELS, term_label
from dpeace.report.tables import democracy_term, model_problems

SIGNIFICANCE_LEVEL = 0.05
# Shares of the specification curve negative and significant that make the lower rate
# robust (nearly every defensible choice finds it) or at least the usual finding.
ROBUST_SHARE = 0.9
MAJORITY_SHARE = 0.5

CLAIM = (
    "The democratic peace is the claim that democracies rarely, if ever, fight one another. "
    "If it holds, pairs of states that are both democracies should almost never go to war with "
    "each other, and should begin militarized disputes with each other less often than other "
    "pairs, even once geography, power and the years since their last dispute are taken into account."
)


def supports_claim(model: dict) -> bool:
    """A negative democracy coefficient, significant at 5%: fewer disputes with more democracy.

    A p stored as null (the model stage's non-finite standard error, a flagged model)
    supports nothing.
    """
    term = democracy_term(model)
    return (
        term is not None
        and term["coef"] is not None
        and term["p"] is not None
        and term["coef"] < 0
        and term["p"] < SIGNIFICANCE_LEVEL
    )


def _rate_row(rate_rows: list[dict], status: str) -> dict | None:
    return next((r for r in rate_rows if r["democracy_status"] == status), None)


def _rates(rate_rows: list[dict]) -> tuple[dict | None, dict | None]:
    return _rate_row(rate_rows, "jointly_democratic"), _rate_row(rate_rows, "not_jointly_democratic")


def _ratio(democratic: dict | None, other: dict | None) -> float | None:
    if democratic is None or other is None or not other["onsets_per_1000"]:
        return None
    return democratic["onsets_per_1000"] / other["onsets_per_1000"]


def _rate_clause(democratic: dict | None, other: dict | None, war_rates: list[dict] | None = None) -> str:
    """'two democracies began a militarized dispute with each other in 2.04 of every 1,000
    dyad-years, 0.43 times the rate of other pairs (4.79)'; led, when the build has the war
    data, by the claim as the theory makes it: 'two democracies began a war with each other
    in 0.024 of every 1,000 dyad-years, against 0.51 for other pairs, and a militarized
    dispute in 2.04, ...'."""
    dispute_rate = formatting.rate_per_1000(democratic["onsets_per_1000"] if democratic else None)
    ratio = _ratio(democratic, other)
    compared = (
        f", {ratio:.2f} times the rate of other pairs ({formatting.rate_per_1000(other['onsets_per_1000'])})"
        if ratio is not None
        else ""
    )
    war_democratic, war_other = _rates(war_rates or [])
    if war_democratic is None or war_other is None:
        return f"two democracies began a militarized dispute with each other in {dispute_rate} of every 1,000 dyad-years{compared}"
    return (
        f"two democracies began a war with each other in {formatting.rate_per_1000(war_democratic['onsets_per_1000'])} "
        f"of every 1,000 dyad-years, against {formatting.rate_per_1000(war_other['onsets_per_1000'])} for other pairs, "
        f"and a militarized dispute in {dispute_rate}{compared}"
    )


def _strength(robustness: dict | None) -> str:
    """'robust', 'majority', 'minority' from the curve, or 'untested' without one."""
    if not robustness or robustness.get("share") is None:
        return "untested"
    if robustness["share"] >= ROBUST_SHARE:
        return "robust"
    if robustness["share"] >= MAJORITY_SHARE:
        return "majority"
    return "minority"


def _status_and_headline(
    main_term: dict,
    democratic: dict | None,
    other: dict | None,
    robustness: dict | None,
    war_rates: list[dict] | None = None,
) -> tuple[str, str]:
    rate = _rate_clause(democratic, other, war_rates)
    if main_term["ci_low"] is None or main_term["ci_high"] is None:
        return "not_supported", f"No verdict: the main model's estimate has no confidence interval; {rate}"
    if main_term["ci_low"] > 0:
        return "contradicted", (
            f"No less often: with controls, pairs of democracies begin more disputes than other pairs; {rate}"
        )
    if main_term["ci_high"] >= 0:
        return "not_supported", f"Not detectably less often than other pairs: {rate}"
    strength = _strength(robustness)
    if strength == "minority":
        return "fragile", (
            f"Less often in the main model, but not robustly: {rate}; only "
            f"{formatting.share_percent(robustness['share'], 0)} of the specifications agree"
        )
    opening = "Never in these data" if democratic is not None and democratic["onsets"] == 0 else "Rarely"
    return "holds", f"{opening}: {rate}{_curve_clause(robustness)}"


def _curve_clause(robustness: dict | None) -> str:
    """'; with controls, significantly fewer under dyadic-robust errors in 54% of the curve's
    2,356 maximum-likelihood fits' (or in all of them), when there is a curve: the share of
    them negative and significant at 5% by the dyadic-robust p (Firth's fits are apart)."""
    if _strength(robustness) == "untested":
        return ""
    total = formatting.integer(robustness["total"])
    if robustness["share"] == 1:
        return (
            "; with controls, significantly fewer under dyadic-robust errors in all "
            f"{total} maximum-likelihood fits of the curve"
        )
    return (
        "; with controls, significantly fewer under dyadic-robust errors in "
        f"{formatting.share_percent(robustness['share'], 0)} of the curve's {total} maximum-likelihood fits"
    )


def _rates_sentence(
    democratic: dict | None, other: dict | None, first_year: int | None, last_year: int | None, main: dict
) -> str:
    span = f"Over {first_year}\u2013{last_year}, " if first_year and last_year else ""
    if democratic is None or other is None:
        return f"{span}the data hold no dyad-years of known democracy status."
    sentence = (
        f"{span}pairs of democracies had a dispute onset in {formatting.integer(democratic['onsets'])} of "
        f"{formatting.count_of(democratic['dyad_years'], 'dyad-year')} "
        f"({formatting.rate_per_1000(democratic['onsets_per_1000'])} per 1,000), all other pairs with known "
        f"scores in {formatting.integer(other['onsets'])} of {formatting.integer(other['dyad_years'])} "
        f"({formatting.rate_per_1000(other['onsets_per_1000'])} per 1,000)"
    )
    ratio = _ratio(democratic, other)
    if ratio is not None:
        sentence += f": {ratio:.2f} times the rate"
    known = democratic["dyad_years"] + other["dyad_years"]
    if known == main["n"]:
        sentence += f". These {formatting.integer(known)} dyad-years are the main model's sample"
    else:
        sentence += (
            f". The main model uses {formatting.integer(main['n'])} of these "
            f"{formatting.integer(known)} dyad-years, those with every control known"
        )
    return sentence + "."


def _exceptions_sentence(exceptions: dict | None) -> str | None:
    if not exceptions:
        return None
    if not exceptions["dyad_years"]:
        return "No pair of democracies began a dispute with the other in these data."
    return (
        "Counted as disputes rather than dyad-years: "
        f"{formatting.count_of(exceptions['disputes'], 'distinct dispute')} between "
        f"{formatting.count_of(exceptions['pairs_count'], 'pair')} of democracies. Counting what happened "
        "between the two in the year it happened, two democracies suffered deaths at each other's hands in "
        f"{formatting.count_of(exceptions['fatal_years'], 'dyad-year')} and met in war-level hostility in "
        f"{formatting.integer(len(exceptions['war_level']))}, by MID's coding (every one is listed under Exceptions)."
    )


def _wars_sentence(wars: dict | None, war_rates: list[dict] | None = None) -> str | None:
    if not wars or wars.get("cow_count") is None:
        return None
    democratic, other = _rates(war_rates or [])
    rates = ""
    if democratic is not None and other is not None:
        rates = (
            f" Over {democratic['first_year']}\u2013{democratic['last_year']}, pairs of democracies began a war "
            f"with each other in {formatting.integer(democratic['onsets'])} of "
            f"{formatting.count_of(democratic['dyad_years'], 'dyad-year')} "
            f"({formatting.rate_per_1000(democratic['onsets_per_1000'])} per 1,000), all other pairs with known "
            f"scores in {formatting.integer(other['onsets'])} of {formatting.integer(other['dyad_years'])} "
            f"({formatting.rate_per_1000(other['onsets_per_1000'])} per 1,000); a pair counts as at war only if "
            "the two fought each other, not merely stood on opposite sides."
        )
    if wars["cow_count"] == 0:
        return (
            "The claim is about war: the COW war data record no war between two democracies (by Polity)."
            + rates
        )
    return (
        f"The claim is about war: the COW war data record {formatting.count_of(wars['cow_count'], 'war')} "
        f"fought between two democracies (by Polity): {wars['cow_names']}.{rates}"
    )


def _main_model_sentence(model: dict, term: dict) -> str:
    estimator = ESTIMATOR_LABELS.get(model["estimator"], model["estimator"])
    return (
        f"In the main model ({model['label']}; {estimator.lower()}, N = "
        f"{formatting.integer(model['n'])} dyad-years, {formatting.integer(model['n_events'])} with an onset, "
        f"standard errors {model['se_type']}), the coefficient of "
        f"{formatting.lower_first(term_label(term['term']))} is {formatting.coefficient(term['coef'])} "
        f"(95% CI {formatting.interval(term['ci_low'], term['ci_high'])}; odds ratio "
        f"{formatting.ratio(term['odds_ratio'])}, "
        f"{formatting.ratio(term['or_ci_low'])}\u2013{formatting.ratio(term['or_ci_high'])}; "
        f"{formatting.p_phrase(term['p'])}){_clustered_clause(model, term)}."
    )


def _clustered_clause(model: dict, term: dict) -> str:
    """Beside dyadic-robust errors, what the usual dyad-clustered ones would have said."""
    clustered = term.get("standard_errors", {}).get("clustered")
    if not model.get("se_type", "").startswith("dyadic-robust") or clustered is None:
        return ""
    p = two_sided_p(term["coef"] / clustered) if clustered > 0 else None
    return (
        f"; its dyadic-robust standard error is {formatting.coefficient(term['se'])}, against "
        f"{formatting.coefficient(clustered)} clustered by dyad alone ({formatting.p_phrase(p)})"
    )


WAR_OUTCOME = "war_onset"


def _war_model_sentence(models: list[dict]) -> str | None:
    """The battery's model of war onsets, the claim's own outcome, beside the main model."""
    model = next((m for m in models if m.get("outcome") == WAR_OUTCOME), None)
    term = democracy_term(model) if model else None
    if term is None or term["coef"] is None or term["ci_low"] is None:
        return None
    return (
        f"For war itself (\u201c{model['label']}\u201d, N = {formatting.integer(model['n'])} dyad-years, "
        f"{formatting.integer(model['n_events'])} war onsets, standard errors {model['se_type']}), the "
        f"coefficient of {formatting.lower_first(term_label(term['term']))} is "
        f"{formatting.coefficient(term['coef'])} (95% CI {formatting.interval(term['ci_low'], term['ci_high'])}; "
        f"{formatting.p_phrase(term['p'])})."
    )


def _strength_sentence(robustness: dict | None, models: list[dict]) -> str:
    supporting = sum(supports_claim(m) for m in models)
    found = (
        f"all {formatting.integer(len(models))} find"
        if supporting == len(models)
        else f"{formatting.integer(supporting)} of the {formatting.integer(len(models))} find"
    )
    battery = (
        f"Of the battery's dyad-year models, {found} fewer disputes between democracies at p < 0.05; they share "
        "most of their choices, so their agreement is no test of robustness"
    )
    if _strength(robustness) == "untested":
        return (
            f"How far the finding depends on the analyst's choices would be measured by a specification "
            f"curve, which is not in this build. {battery}."
        )
    sentence = robustness.get("sentence") or (
        f"Across the specification curve's {formatting.integer(robustness['total'])} specifications, "
        f"{formatting.share_percent(robustness['share'], 0)} find fewer disputes between democracies "
        f"(negative and significant at 5%)."
    )
    return f"{sentence} {battery}; the curve is."


# How a typical pair's 0/1 controls read in words, when the model has them.
TYPICAL_PAIR_WORDS = {
    "contiguous": ("neighbours", "not neighbours"),
    "any_major_power": ("with a major power", "no major power"),
    "defense_pact": ("with a defence pact", "no defence pact"),
}


def _typical_pair(typical_values: dict) -> str:
    """' (not neighbours, no major power)' from the stored typical values."""
    words = [
        TYPICAL_PAIR_WORDS[name][0 if typical_values[name] else 1]
        for name in TYPICAL_PAIR_WORDS
        if name in typical_values
    ]
    return f" ({', '.join(words)})" if words else ""


def _effects_sentence(model: dict) -> str | None:
    effects = model.get("effects")
    if not effects:
        return None

    def per_1000(estimate: dict) -> str:
        return (
            f"{formatting.probability_per_1000(estimate['estimate'])} per 1,000 "
            f"({formatting.probability_per_1000(estimate['ci_low'])}\u2013"
            f"{formatting.probability_per_1000(estimate['ci_high'])})"
        )

    described = _typical_pair(effects.get("typical_values", {}))
    sentence = (
        f"For a typical pair of states{described}, the main model puts the yearly "
        f"chance of a dispute onset at {per_1000(effects['p_democratic'])} if both are democracies and "
        f"{per_1000(effects['p_other'])} otherwise"
    )
    contiguous = effects.get("contiguous")
    if contiguous:
        sentence += (
            f"; for neighbours, at {per_1000(contiguous['p_democratic'])} and "
            f"{per_1000(contiguous['p_other'])}"
        )
    return sentence + "."


def verdict(
    results: dict,
    rate_rows: list[dict],
    coverage: tuple[int | None, int | None],
    exceptions: dict | None = None,
    robustness: dict | None = None,
    wars: dict | None = None,
    war_rates: list[dict] | None = None,
) -> dict:
    """The headline and its supporting sentences, every figure from the arguments.

    exceptions: the Polity entry of exceptions.exceptions_by_measure; robustness:
    {'share': share of specifications negative and significant, 'total': their number,
    'sentence': optional wording from the curve}; wars: {'cow_count', 'cow_names'}.
    """
    models = results["models"]
    main = next(m for m in models if m["id"] == results["main_model"])
    main_term = democracy_term(main)
    democratic, other = _rates(rate_rows)
    rates = _rates_sentence(democratic, other, *coverage, main)
    if main_term is None:
        return {
            "status": "not_supported",
            "headline": "No verdict: the main model has no democracy term",
            "claim": CLAIM,
            "sentences": [rates],
            "cautions": [],
            "strength": _strength(robustness),
        }
    status, headline = _status_and_headline(main_term, democratic, other, robustness, war_rates)
    # The claim as the text makes it (war) first, then disputes, then the models.
    sentences = [
        _wars_sentence(wars, war_rates),
        rates,
        _exceptions_sentence(exceptions),
        _main_model_sentence(main, main_term),
        _war_model_sentence(models),
        _effects_sentence(main),
        _strength_sentence(robustness, models),
    ]
    cautions = []
    if model_problems(main):
        cautions.append(
            f"The main model has estimation problems ({'; '.join(model_problems(main))}): "
            "do not rely on its estimate until that is fixed."
        )
    flagged = [m["label"] for m in models if model_problems(m) and m is not main]
    if flagged:
        cautions.append(
            f"{len(flagged)} other specification{'s' if len(flagged) > 1 else ''} "
            f"had estimation problems ({', '.join(flagged)}); see the warnings under Models."
        )
    return {
        "status": status,
        "headline": headline,
        "claim": CLAIM,
        "sentences": [s for s in sentences if s],
        "cautions": cautions,
        "strength": _strength(robustness),
        "supporting": sum(supports_claim(m) for m in models),
        "total": len(models),
    }


def battery_sentence(models: list[dict]) -> str:
    """How many of the battery's models find fewer disputes, and the others' estimates."""
    supporting = [m for m in models if supports_claim(m)]
    others = [m for m in models if not supports_claim(m)]
    sentence = (
        f"Across the battery, {len(supporting)} of {len(models)} specifications estimate a "
        f"negative democracy coefficient with p < {SIGNIFICANCE_LEVEL:g}"
    )
    if others:
        described = []
        for model in others:
            term = democracy_term(model)
            if term is None:
                described.append(f"{model['label']} (no democracy term)")
            else:
                described.append(
                    f"{model['label']} ({formatting.coefficient(term['coef'])}, "
                    f"{formatting.p_phrase(term['p'])})"
                )
        sentence += "; the others: " + "; ".join(described)
    return sentence + "."

"""The answer up front: a verdict worded from the numbers, never written in advance."""

from __future__ import annotations

from pipeline.report import formatting
from pipeline.report.labels import ESTIMATOR_LABELS, term_label
from pipeline.report.tables import democracy_term, model_problems

SIGNIFICANCE_LEVEL = 0.05

CLAIM = (
    "The democratic peace is the claim that democracies rarely, if ever, fight one another. "
    "If it holds, pairs of states that are both democracies should begin militarized "
    "disputes with each other less often than other pairs, even once geography, power and "
    "the years since their last dispute are taken into account."
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


def _rate(rate_rows: list[dict], status: str) -> float | None:
    return next((r["onsets_per_1000"] for r in rate_rows if r["democracy_status"] == status), None)


def _status_and_headline(main_term: dict, supporting: int, total: int) -> tuple[str, str]:
    if main_term["ci_low"] is None or main_term["ci_high"] is None:
        return "not_supported", "Not clearly: the main model's estimate has no confidence interval"
    if main_term["ci_high"] < 0:
        if supporting == total:
            return "holds", "Yes: jointly democratic pairs begin fewer disputes, in every specification tested"
        if 2 * supporting >= total:
            return "holds", (
                f"Yes: jointly democratic pairs begin fewer disputes, in the main model and in "
                f"{supporting} of {total} specifications"
            )
        return "fragile", (
            f"Only in part: the main model finds fewer disputes between democracies, but only "
            f"{supporting} of {total} specifications agree"
        )
    if main_term["ci_low"] > 0:
        return "contradicted", "No: in the main model jointly democratic pairs begin more disputes, not fewer"
    return "not_supported", "Not clearly: the main model's estimate cannot be told apart from zero"


def _rates_sentence(rate_rows: list[dict], first_year: int | None, last_year: int | None) -> str:
    democratic = _rate(rate_rows, "jointly_democratic")
    other = _rate(rate_rows, "not_jointly_democratic")
    span = f" ({first_year}\u2013{last_year})" if first_year and last_year else ""
    sentence = (
        f"Jointly democratic pairs of states began {formatting.rate_per_1000(democratic)} "
        f"militarized disputes per 1,000 dyad-years, against {formatting.rate_per_1000(other)} "
        f"for all other pairs{span}"
    )
    if democratic is not None and other:
        sentence += f": {democratic / other:.2f} times the rate"
    return sentence + "."


def _main_model_sentence(model: dict, term: dict) -> str:
    estimator = ESTIMATOR_LABELS.get(model["estimator"], model["estimator"])
    return (
        f"In the main model ({model['label']}; {estimator.lower()}, N = "
        f"{formatting.integer(model['n'])} dyad-years, {formatting.integer(model['n_events'])} onsets, "
        f"standard errors {model['se_type']}), the coefficient of "
        f"{formatting.lower_first(term_label(term['term']))} is {formatting.coefficient(term['coef'])} "
        f"(95% CI {formatting.interval(term['ci_low'], term['ci_high'])}; odds ratio "
        f"{formatting.ratio(term['odds_ratio'])}, "
        f"{formatting.ratio(term['or_ci_low'])}\u2013{formatting.ratio(term['or_ci_high'])}; "
        f"{formatting.p_phrase(term['p'])})."
    )


def _battery_sentence(models: list[dict]) -> str:
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
        sentence += "; the exceptions: " + "; ".join(described)
    return sentence + "."


def _effects_sentence(model: dict) -> str | None:
    effects = model.get("effects")
    if not effects:
        return None
    democratic, other, ratio = effects["p_democratic"], effects["p_other"], effects["ratio"]

    def per_1000(estimate: dict) -> str:
        return (
            f"{formatting.probability_per_1000(estimate['estimate'])} per 1,000 "
            f"({formatting.probability_per_1000(estimate['ci_low'])}\u2013"
            f"{formatting.probability_per_1000(estimate['ci_high'])})"
        )

    return (
        f"For a typical pair of states, the main model puts the yearly chance of a dispute onset "
        f"at {per_1000(democratic)} if both are democracies and {per_1000(other)} otherwise: "
        f"a ratio of {formatting.ratio_with_interval(ratio['estimate'], ratio['ci_low'], ratio['ci_high'])}."
    )


def verdict(results: dict, rate_rows: list[dict], coverage: tuple[int | None, int | None]) -> dict:
    models = results["models"]
    main = next(m for m in models if m["id"] == results["main_model"])
    main_term = democracy_term(main)
    if main_term is None:
        return {
            "status": "not_supported",
            "headline": "No verdict: the main model has no democracy term",
            "claim": CLAIM,
            "sentences": [_rates_sentence(rate_rows, *coverage)],
            "cautions": [],
        }
    supporting = sum(supports_claim(m) for m in models)
    status, headline = _status_and_headline(main_term, supporting, len(models))
    sentences = [
        _rates_sentence(rate_rows, *coverage),
        _main_model_sentence(main, main_term),
        _battery_sentence(models),
    ]
    effects = _effects_sentence(main)
    if effects:
        sentences.append(effects)
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
        "sentences": sentences,
        "cautions": cautions,
        "supporting": supporting,
        "total": len(models),
    }

"""The main model by era and with dyad fixed effects, in numbers and words (model_results.json).

The words are generated from the estimates, whatever they turn out to be: what the eras
mean for Farber and Gowa's Cold War critique, and what the fixed-effects refit keeps and
discards (Green, Kim and Yoon 2001; Oneal and Russett 2001).
"""

from __future__ import annotations

from dpeace.report import formatting

SIGNIFICANCE = 0.05
BEFORE_1945 = ("1816_1913", "1919_1938")
COLD_WAR = "1946_1989"
AFTER_COLD_WAR = "1990_on"


def inference_context(results: dict) -> dict | None:
    """Rows and sentences for the eras and the fixed-effects refit; None when the results lack both."""
    eras = results.get("eras") or []
    fixed = results.get("fixed_effects")
    if not eras and not fixed:
        return None
    return {
        "eras": [_era_row(era) for era in eras],
        "era_sentence": era_sentence(eras) if eras else None,
        "fixed_effects": _fixed_row(fixed) if fixed else None,
        "fixed_effects_sentence": fixed_effects_sentence(fixed) if fixed else None,
    }


def verdict_sentence(results: dict) -> str | None:
    """The eras and the fixed-effects refit in one or two sentences, for the verdict."""
    context = inference_context(results)
    if context is None:
        return None
    return " ".join(part for part in (context["era_sentence"], context["fixed_effects_sentence"]) if part)


def _kind(entry: dict, p_key: str = "p") -> str:
    if not entry.get("fitted"):
        return "none"
    significant = entry[p_key] is not None and entry[p_key] < SIGNIFICANCE
    if entry["estimate"] < 0:
        return "negative_significant" if significant else "negative"
    return "positive_significant" if significant else "positive"


KIND_WORDS = {
    "negative_significant": "negative and significant",
    "negative": "negative but not significant",
    "positive_significant": "positive and significant",
    "positive": "positive but not significant",
    "none": "without an estimate",
}


def _estimate_phrase(entry: dict) -> str:
    return (
        f"{formatting.coefficient(entry['estimate'])} (dyadic-robust SE {formatting.coefficient(entry['se'])}, "
        f"{formatting.p_phrase(entry['p'])}; clustered by dyad SE "
        f"{formatting.coefficient(entry['se_dyad_clustered'])}, {formatting.p_phrase(entry['p_dyad_clustered'])})"
    )


def era_sentence(eras: list[dict]) -> str:
    by_id = {era["id"]: era for era in eras}
    listed = "; ".join(
        f"{era['label']}: {_estimate_phrase(era)}"
        if era.get("fitted")
        else f"{era['label']}: no estimate ({era['reason']})"
        for era in eras
    )
    opening = (
        "Farber and Gowa (1995, 1997) argue that the peace among democracies appears only after 1945, a product "
        "of Cold War alliances: if so, joint democracy should lower the odds of a dispute in 1946-1989 but not "
        f"before 1914 or between the wars. The main model by era gives {listed}."
    )
    before = [by_id[i] for i in BEFORE_1945 if i in by_id]
    before_kinds = [_kind(era) for era in before]
    parts = []
    if before:
        if all(kind != "negative_significant" for kind in before_kinds):
            parts.append(
                "Before 1945 no era shows a significantly lower dispute rate between democracies, as the critique "
                "expects"
            )
        else:
            shown = [
                era["label"] for era, kind in zip(before, before_kinds) if kind == "negative_significant"
            ]
            parts.append(
                f"The estimate is already negative and significant in {', '.join(shown)}, before the Cold War, "
                "which the critique does not expect"
            )
        contrary = [
            f"{era['label']} ({KIND_WORDS[kind]})"
            for era, kind in zip(before, before_kinds)
            if kind != "negative_significant"
        ]
        if contrary and len(contrary) < len(before):
            parts.append(f"but not in {', '.join(contrary)}")
    if COLD_WAR in by_id:
        parts.append(f"in the Cold War it is {KIND_WORDS[_kind(by_id[COLD_WAR])]}")
    if AFTER_COLD_WAR in by_id:
        kind = _kind(by_id[AFTER_COLD_WAR])
        parts.append(
            f"after it, {KIND_WORDS[kind]}"
            + (
                ", which an artefact of Cold War alliances would not lead one to expect"
                if kind == "negative_significant"
                else ", as an artefact of Cold War alliances would lead one to expect"
                if kind != "none"
                else ""
            )
        )
    return opening + " " + _capitalised("; ".join(parts)) + "."


def fixed_effects_sentence(fixed: dict) -> str:
    discarded = (
        f"it discards the {formatting.integer(fixed['dyads_discarded'])} dyads "
        f"({formatting.integer(fixed['dyad_years_discarded'])} of {formatting.integer(fixed['n_sample'])} dyad-years) "
        "whose record never varies (no onset in any year of the sample, or one in every year): the peace Oneal "
        "and Russett (2001) say such a model throws away"
    )
    if not fixed.get("fitted"):
        return f"A dyad fixed-effects logit has no estimate ({fixed['reason']}); {discarded}."
    return (
        f"With one intercept per dyad (Green, Kim and Yoon 2001), fitted to the {formatting.integer(fixed['n_dyads'])} "
        f"dyads whose record varies ({formatting.integer(fixed['n'])} dyad-years), the joint-democracy estimate is "
        f"{_estimate_phrase(fixed)}, {KIND_WORDS[_kind(fixed)]} under the dyadic-robust errors; {discarded}."
    )


def _era_row(era: dict) -> dict:
    fitted = era.get("fitted")
    return {
        "label": era["label"],
        "n": formatting.integer(era.get("n")),
        "events": formatting.integer(era.get("n_events")),
        "estimate": formatting.coefficient(era["estimate"]) if fitted else "\u2014",
        "se": formatting.coefficient(era["se"]) if fitted else "\u2014",
        "p": formatting.p_value(era["p"]) if fitted else "\u2014",
        "se_dyad_clustered": formatting.coefficient(era["se_dyad_clustered"]) if fitted else "\u2014",
        "p_dyad_clustered": formatting.p_value(era["p_dyad_clustered"]) if fitted else "\u2014",
        "note": "" if fitted else era.get("reason") or "",
    }


def _fixed_row(fixed: dict) -> dict:
    row = _era_row({**fixed, "n_events": fixed.get("n_events")})
    return {
        **row,
        "dyads": formatting.integer(fixed.get("n_dyads")),
        "dyads_discarded": formatting.integer(fixed["dyads_discarded"]),
        "dyad_years_discarded": formatting.integer(fixed["dyad_years_discarded"]),
        "dropped": ", ".join(fixed.get("dropped", [])),
    }


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Bremer's dangerous-dyads design is reported, in its literature and in peacesciencer's
# documentation, with conventional standard errors: the report gives them beside the others.
CONVENTIONAL_ERRORS_MODEL = "dangerous_dyads"


def conventional_errors_sentence(models: list[dict]) -> str | None:
    """The dangerous-dyads model's democracy estimate under every covariance it carries,
    conventional first; None when the battery has no such fitted model."""
    model = next((m for m in models if m["id"] == CONVENTIONAL_ERRORS_MODEL), None)
    if model is None:
        return None
    term = next((t for t in model.get("terms", []) if t["term"] == model["democracy_term"]), None)
    if term is None or "conventional" not in term.get("standard_errors", {}):
        return None
    errors = term["standard_errors"]
    others = [
        f"{label} {formatting.coefficient(errors[kind])}"
        for kind, label in (("clustered", "clustered by dyad"), ("dyadic_robust", "dyadic-robust"))
        if kind in errors
    ]
    return (
        f"{model['label']}, as its literature reports it: {model['democracy_term']} "
        f"{formatting.coefficient(term['coef'])}, conventional SE {formatting.coefficient(errors['conventional'])}"
        f"{''.join(', ' + other for other in others)} ({formatting.integer(model['n'])} dyad-years, "
        f"{formatting.integer(model['n_events'])} onsets)."
    )

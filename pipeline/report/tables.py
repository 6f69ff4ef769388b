"""The report's tables, built from the stored results and query rows (never re-estimated)."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.labels import (
    ESTIMATOR_LABELS,
    ONGOING_LABELS,
    outcome_label,
    term_label,
)

INTERCEPT = "const"

# Peace years enter the models as t, t^2 and t^3, whose coefficients print as 0.000010.
# The table shows them for decades instead, exactly: t/10 has coefficient 10*b1,
# (t/10)^2 has 100*b2, (t/10)^3 has 1000*b3, and standard errors scale alike (p unchanged).
RESCALED_TERMS = {
    "peace_years": (10.0, "Peace years / 10"),
    "peace_years_sq": (100.0, "(Peace years / 10)\u00b2"),
    "peace_years_cu": (1000.0, "(Peace years / 10)\u00b3"),
    "gml_peace_years": (10.0, "GML peace years / 10"),
    "gml_peace_years_sq": (100.0, "(GML peace years / 10)\u00b2"),
    "gml_peace_years_cu": (1000.0, "(GML peace years / 10)\u00b3"),
}

DEMOCRACY_STATUS_LABELS = {
    "jointly_democratic": "Jointly democratic",
    "not_jointly_democratic": "Not jointly democratic",
    "unknown": "Unknown (a Polity score missing)",
}


def model_problems(model: dict) -> list[str]:
    """What makes a model's estimates untrustworthy, in words; empty when nothing does."""
    problems = []
    if not model.get("converged", True):
        problems.append("the estimation did not converge")
    if model.get("separation"):
        problems.append("the outcome is (quasi-)perfectly separated by a regressor")
    return problems


def democracy_term(model: dict) -> dict | None:
    return next((t for t in model["terms"] if t["term"] == model["democracy_term"]), None)


def _ordered_terms(models: list[dict]) -> list[str]:
    """Democracy terms first, then controls in the order models list them, the constant last."""
    order: list[str] = []
    for model in models:
        if model["democracy_term"] not in order:
            order.append(model["democracy_term"])
    for model in models:
        for term in model["terms"]:
            if term["term"] not in order and term["term"] != INTERCEPT:
                order.append(term["term"])
    if any(t["term"] == INTERCEPT for model in models for t in model["terms"]):
        order.append(INTERCEPT)
    return order


def _clustered_beside(model: dict, term: dict, scale: float) -> str:
    """The dyad-clustered standard error in brackets, beside a dyadic-robust one in parentheses."""
    clustered = term.get("standard_errors", {}).get("clustered")
    if not model.get("se_type", "").startswith("dyadic-robust") or clustered is None:
        return ""
    return f" [{formatting.coefficient(_scaled(clustered, scale))}]"


def regression_table(models: list[dict], main_model: str) -> dict:
    """Side-by-side coefficients (with marks, from the headline standard errors) and the standard
    errors: dyadic-robust in parentheses with the dyad-clustered ones in brackets, or clustered by
    state for monadic models; plus each model's fit."""
    columns = [
        {
            "number": f"({index})",
            "id": model["id"],
            "label": model["label"],
            "is_main": model["id"] == main_model,
            "flagged": bool(model_problems(model)),
        }
        for index, model in enumerate(models, start=1)
    ]
    term_rows = []
    for term in _ordered_terms(models):
        cells = []
        for model in models:
            found = next((t for t in model["terms"] if t["term"] == term), None)
            if found is None:
                cells.append({"coef": "", "se": ""})
            else:
                scale = RESCALED_TERMS.get(term, (1.0, ""))[0]
                cells.append(
                    {
                        "coef": formatting.coefficient(_scaled(found["coef"], scale))
                        + formatting.significance_marks(found["p"]),
                        "se": f"({formatting.coefficient(_scaled(found['se'], scale))})"
                        + _clustered_beside(model, found, scale),
                    }
                )
        term_rows.append(
            {
                "term": term,
                "label": RESCALED_TERMS[term][1] if term in RESCALED_TERMS else term_label(term),
                "is_democracy_term": any(m["democracy_term"] == term for m in models),
                "cells": cells,
            }
        )

    def statistic(label: str, value_of) -> dict:
        return {"label": label, "cells": [value_of(model) for model in models]}

    statistic_rows = [
        statistic("Outcome", lambda m: outcome_label(m["outcome"])),
        statistic("Estimator", lambda m: ESTIMATOR_LABELS.get(m["estimator"], m["estimator"])),
        statistic("Sample", lambda m: m["sample"]),
        statistic("Years", lambda m: f"{m['years'][0]}\u2013{m['years'][1]}"),
        statistic("Ongoing-dispute years", lambda m: ONGOING_LABELS.get(m["ongoing"], m["ongoing"])),
        statistic("N (dyad-years)", lambda m: formatting.integer(m["n"])),
        statistic("Onsets", lambda m: formatting.integer(m["n_events"])),
        statistic("Dyads (clusters)", lambda m: formatting.integer(m["n_clusters"])),
        statistic("Log-likelihood", lambda m: formatting.signed(m["loglik"], 1)),
        statistic("AIC", lambda m: formatting.signed(m["aic"], 1)),
        statistic("Pseudo R\u00b2", lambda m: f"{m['pseudo_r2']:.3f}"),
        statistic("Converged", lambda m: "yes" if m["converged"] else "NO"),
        statistic("Separation", lambda m: "YES" if m["separation"] else "no"),
    ]
    return {"columns": columns, "term_rows": term_rows, "statistic_rows": statistic_rows}


# More models than this side by side do not fit an 800 px screen: the table is cut into
# even parts, each with its own row labels.
MAX_REGRESSION_COLUMNS = 10


def regression_parts(table: dict, max_columns: int = MAX_REGRESSION_COLUMNS) -> list[dict]:
    """The regression table cut into parts of at most max_columns models each, as even as
    possible; a term row empty in a part (a term none of its models has) is left out of it."""
    count = len(table["columns"])
    parts = max(1, -(-count // max_columns))
    size = -(-count // parts) if count else 0
    found = []
    for start in range(0, count, size or 1):
        indices = range(start, min(start + size, count))
        term_rows = [
            {**row, "cells": [row["cells"][i] for i in indices]}
            for row in table["term_rows"]
            if any(row["cells"][i]["coef"] for i in indices)
        ]
        found.append(
            {
                "columns": [table["columns"][i] for i in indices],
                "term_rows": term_rows,
                "statistic_rows": [
                    {**row, "cells": [row["cells"][i] for i in indices]} for row in table["statistic_rows"]
                ],
            }
        )
    return found


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def joint_democracy_cross_table(rate_rows: list[dict]) -> list[dict]:
    """Joint democracy by dispute onset: counts, and onsets per 1,000 dyad-years."""
    rows = [
        {
            "status": row["democracy_status"],
            "label": DEMOCRACY_STATUS_LABELS.get(row["democracy_status"], row["democracy_status"]),
            "no_onsets": formatting.integer(row["no_onsets"]),
            "onsets": formatting.integer(row["onsets"]),
            "dyad_years": formatting.integer(row["dyad_years"]),
            "rate": formatting.rate_per_1000(row["onsets_per_1000"]),
        }
        for row in rate_rows
    ]
    total_years = sum(row["dyad_years"] for row in rate_rows)
    total_onsets = sum(row["onsets"] for row in rate_rows)
    rows.append(
        {
            "status": "total",
            "label": "All dyad-years",
            "no_onsets": formatting.integer(sum(row["no_onsets"] for row in rate_rows)),
            "onsets": formatting.integer(total_onsets),
            "dyad_years": formatting.integer(total_years),
            "rate": formatting.rate_per_1000(1000.0 * total_onsets / total_years if total_years else None),
        }
    )
    return rows


def inputs_table(fetched_files: dict) -> list[dict]:
    """One row per fetched file, the files of one dataset together."""
    rows = []
    for name, entry in sorted(fetched_files.items(), key=lambda item: (item[1]["title"], item[0])):
        fetched_from = entry.get("fetched_from") or entry["url"]
        rows.append(
            {
                "name": name,
                "title": entry["title"],
                "version": entry["version"],
                "publisher": entry["publisher"],
                "url": entry["url"],
                "official_url": entry.get("official_url", entry["url"]),
                "member": entry.get("member"),
                "fetched_from": fetched_from,
                "from_mirror": fetched_from != entry["url"],
                # A mirror keeps the official file under its official host and path.
                "mirror_copy": fetched_from != entry["url"]
                and fetched_from.endswith("/" + entry["url"].split("://", 1)[-1]),
                "format": entry.get("format", ""),
                "sha256": entry["sha256"],
                "sha256_pinned": entry.get("sha256_pinned", False),
                "rows": formatting.integer(entry.get("rows")),
            }
        )
    return rows


def citations(fetched_files: dict) -> list[dict]:
    """Each dataset's citation once, however many of its files were fetched."""
    seen: dict[str, dict] = {}
    for _, entry in sorted(fetched_files.items(), key=lambda item: (item[1]["title"], item[0])):
        seen.setdefault(
            entry["source_id"],
            {
                "source_id": entry["source_id"],
                "title": entry["title"],
                "version": entry["version"],
                "citation": entry["citation"],
            },
        )
    return list(seen.values())


def model_funnel_rows(models: list[dict]) -> list[dict]:
    return [
        {
            "label": model["label"],
            "years": f"{model['years'][0]}\u2013{model['years'][1]}",
            "sample": model["sample"],
            "ongoing": ONGOING_LABELS.get(model["ongoing"], model["ongoing"]),
            "n_sample": formatting.integer(model["n_sample"]),
            "n_dropped_missing": formatting.integer(model["n_dropped_missing"]),
            "n": formatting.integer(model["n"]),
            "n_events": formatting.integer(model["n_events"]),
        }
        for model in models
    ]


def _probability_text(estimate: dict) -> str:
    return (
        f"{formatting.probability_per_1000(estimate['estimate'])} "
        f"({formatting.probability_per_1000(estimate['ci_low'])}\u2013"
        f"{formatting.probability_per_1000(estimate['ci_high'])})"
    )


def predicted_probability_rows(models: list[dict]) -> list[dict]:
    """Each model with stored effects: onset probabilities per 1,000 and their ratio."""
    rows = []
    for model in models:
        effects = model.get("effects")
        if not effects:
            continue
        for profile, values in (("typical pair", effects), ("contiguous pair", effects.get("contiguous"))):
            if not values:
                continue
            ratio = values["ratio"]
            rows.append(
                {
                    "label": model["label"],
                    "profile": profile,
                    "p_democratic": _probability_text(values["p_democratic"]),
                    "p_other": _probability_text(values["p_other"]),
                    "ratio": formatting.ratio_with_interval(
                        ratio["estimate"], ratio["ci_low"], ratio["ci_high"]
                    ),
                    "method": effects["method"],
                    # The contiguous pair differs from the typical one only in contiguity.
                    "held_at": _held_at_text(model, values["typical_values"])
                    if values is effects
                    else "as the typical pair, but contiguous = 1",
                }
            )
    return rows


def _held_at_text(model: dict, typical_values: dict) -> str:
    """'contiguous = 0, capability ratio (log) = 2.05, ...' in the model's own control order."""
    names = [name for name in model["controls"] if name in typical_values]
    names += sorted(name for name in typical_values if name not in names)
    if not names:
        return "no controls"
    return ", ".join(
        f"{formatting.lower_first(term_label(name))} = {_typical_value_text(typical_values[name])}"
        for name in names
    )


def prediction_methods(models: list[dict]) -> list[str]:
    """Each distinct way the stored predictions were made, once (models usually share one)."""
    methods: list[str] = []
    for model in models:
        effects = model.get("effects")
        if effects and effects["method"] not in methods:
            methods.append(effects["method"])
    return methods


def _typical_value_text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or float(value).is_integer():
        return formatting.integer(int(value))
    return formatting.coefficient(float(value), 2)

"""The monadic question: are democracies less likely to fight anyone, or only each other?"""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.labels import term_label
from dpeace.report.measures import describe, measure_order

# The model battery's monadic and directed models (issue 11), by the table they are fitted to.
MONADIC_TABLES = ("state_years", "dyad_years_directed")


def _per_100(count: int | None, years: int) -> str:
    if count is None or not years:
        return "\u2014"
    return f"{100.0 * count / years:.2f}"


def rate_rows(rows: list[dict], threshold: int) -> list[dict]:
    """One row per measure and democracy status: counts per 100 state-years."""
    table = []
    for row in sorted(rows, key=lambda r: (measure_order(r["measure"]), not r["is_democracy"])):
        table.append(
            {
                "measure": describe(row["measure"], threshold)["name"],
                "status": "democracies" if row["is_democracy"] else "other states",
                "state_years": formatting.integer(row["state_years"]),
                "entered": _per_100(row["disputes_entered"], row["state_years"]),
                "years_with_entry": formatting.share_percent(
                    row["years_with_entry"] / row["state_years"] if row["state_years"] else None
                ),
                "initiated": _per_100(row["disputes_initiated"], row["state_years"]),
                "wars_entered": _per_100(row["wars_entered"], row["war_covered_years"]),
                "years": f"{row['first_year']}\u2013{row['last_year']}",
            }
        )
    return table


def monadic_models(models: list[dict]) -> list[dict]:
    """The battery's models fitted to state-years or directed dyad-years, with their democracy term."""
    found = []
    for model in models:
        if model.get("table", "dyad_years") not in MONADIC_TABLES:
            continue
        term = next((t for t in model["terms"] if t["term"] == model["democracy_term"]), None)
        found.append(
            {
                "label": model["label"],
                "table": model.get("table"),
                "description": model.get("description", ""),
                "term": term_label(model["democracy_term"]),
                "coef": formatting.coefficient(term["coef"]) if term else "\u2014",
                "interval": formatting.interval(term["ci_low"], term["ci_high"])
                if term and term["ci_low"] is not None
                else "\u2014",
                "p": formatting.p_value(term["p"]) if term else "\u2014",
                "n": formatting.integer(model["n"]),
                "events": formatting.integer(model["n_events"]),
                "p_democratic": _percent(model, "p_democratic"),
                "p_other": _percent(model, "p_other"),
            }
        )
    return found


# Below this a probability reads per 1,000 (a directed pair's yearly chance of initiating),
# above it as a percentage (a state's yearly chance of entering a dispute).
PERCENT_FROM = 0.01


def _percent(model: dict, quantity: str) -> str:
    """A stored predicted probability as '12.3% (10.1\u201314.6)' or '0.52 per 1,000 (0.40\u20130.66)',
    or a dash without one."""
    effects = model.get("effects")
    if not effects or quantity not in effects:
        return "\u2014"
    value = effects[quantity]
    if value["estimate"] >= PERCENT_FROM:
        return (
            f"{100 * value['estimate']:.1f}% ({100 * value['ci_low']:.1f}\u2013{100 * value['ci_high']:.1f})"
        )
    per_1000 = [formatting.probability_per_1000(value[key]) for key in ("estimate", "ci_low", "ci_high")]
    return f"{per_1000[0]} per 1,000 ({per_1000[1]}\u2013{per_1000[2]})"


def comparison_sentence(rows: list[dict]) -> str | None:
    """Polity democracies' dispute-entry rate against other states', in words."""
    polity = {r["is_democracy"]: r for r in rows if r["measure"] == "polity_democracy"}
    if True not in polity or False not in polity:
        return None
    democratic, other = polity[True], polity[False]
    rate_d = democratic["disputes_entered"] / democratic["state_years"]
    rate_o = other["disputes_entered"] / other["state_years"]
    return (
        f"By Polity, democracies entered {100 * rate_d:.2f} disputes per 100 state-years and other states "
        f"{100 * rate_o:.2f} ({rate_d / rate_o:.2f} times the rate), over "
        f"{democratic['first_year']}\u2013{democratic['last_year']}."
        if rate_o
        else None
    )

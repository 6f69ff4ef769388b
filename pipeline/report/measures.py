"""The democracy measures the report compares, by the column names the SQL uses."""

from __future__ import annotations

# Dyad-level measures (the `measure` column of the exceptions and wars queries), in the
# order the report shows them: Polity first, the main model's measure.
DYAD_MEASURES = {
    "joint_democracy": {
        "name": "Polity",
        "label": "both states Polity2 \u2265 {threshold} (Polity5)",
    },
    "joint_democracy_bmr": {
        "name": "BMR",
        "label": "both states democracies in Boix, Miller and Rosato's dichotomous coding",
    },
}

# State-level measures (the `measure` column of monadic_rates.sql).
STATE_MEASURES = {
    "polity_democracy": {"name": "Polity", "label": "Polity2 \u2265 {threshold} (Polity5)"},
    "bmr_democracy": {"name": "BMR", "label": "a democracy in Boix, Miller and Rosato's coding"},
}


def measure_order(measure: str) -> int:
    names = list(DYAD_MEASURES) + list(STATE_MEASURES)
    return names.index(measure) if measure in names else len(names)


def describe(measure: str, threshold: int) -> dict:
    """{'id', 'name', 'label'} of a measure, the threshold filled in."""
    known = DYAD_MEASURES.get(measure) or STATE_MEASURES.get(measure)
    if known is None:
        return {"id": measure, "name": measure, "label": measure.replace("_", " ")}
    return {"id": measure, "name": known["name"], "label": known["label"].format(threshold=threshold)}

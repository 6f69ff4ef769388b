"""Fitting one model for dpeace.api through the battery's own functions."""

from __future__ import annotations

from pathlib import Path

from dpeace.api.results import Results
from dpeace.errors import ModelError
from dpeace.model.battery import fit_one
from dpeace.model.sample import load_table
from dpeace.model.specification import load_battery, parse_model

# What an inline model needs no more than: the battery's usual choices.
INLINE_DEFAULTS = {
    "id": "custom",
    "label": "Custom model",
    "description": "A model written inline through dpeace.api.",
    "estimator": "logit",
    "sample": "all",
    "ongoing": "drop",
}


def fit_model_on(database: Path, model: str | None, battery_path: Path | None, fields: dict) -> Results:
    battery = load_battery(battery_path)
    if model is not None and fields:
        raise ModelError("give a battery model's id or the fields of an inline model, not both")
    if model is not None:
        spec = battery.model(model)
    elif fields:
        defaults = dict(INLINE_DEFAULTS)
        if fields.get("table") == "state_years":
            # A state-year has no dispute "ongoing but not begun" to drop.
            defaults["ongoing"] = "keep"
        entry = {**defaults, **fields}
        if isinstance(entry.get("years"), tuple):
            entry["years"] = list(entry["years"])
        spec = parse_model(entry, source="the inline model")
    else:
        raise ModelError(f"name a battery model ({', '.join(battery.ids)}) or give an inline model's fields")
    frame = load_table(database, spec.table, [spec])
    sample, fitted, entry = fit_one(frame, spec, battery)
    return Results(spec, sample, fitted, entry)

"""The report's robustness section: the specification curve (`dpeace curve`) in figures and words.

h14's report includes templates/_robustness.html.j2 with `robustness=robustness_context(document)`;
robustness_sentence gives the verdict its one sentence about robustness, drawn from the whole
grid rather than from the ten-model battery.
"""

from __future__ import annotations

import json
from pathlib import Path

from dpeace import paths
from dpeace.report import formatting
from dpeace.report.curve_selector import curve_selector_data
from dpeace.report.errors import ReportError
from dpeace.report.input_shapes import SPECIFICATION_CURVE, shape_problem
from dpeace.report.robustness_plots import specification_curve, threshold_sweep

SUPPORTED_SCHEMA_VERSION = 1
DIMENSION_LABELS = {
    "democracy": "Democracy measure",
    "outcome": "Outcome",
    "sample": "Sample",
    "controls": "Controls",
    "temporal": "Peace-year terms",
    "ongoing": "Ongoing-dispute years",
}
# Reasons a specification was not fitted, by the start of the engine's message (pipeline/curve/fit.py).
REASON_KINDS = (
    ("quasi-complete separation", "quasi-complete separation"),
    ("the coefficient of", "separation (a 0/1 coefficient beyond \u00b110)"),
    ("no events", "no events"),
    ("the Newton iterations did not converge", "no convergence"),
    ("the regressors are collinear", "collinear regressors"),
)


def load_specification_curve(path: Path | None = None) -> dict:
    path = Path(path) if path else paths.specification_curve_path()
    if not path.exists():
        raise ReportError(f"no specification curve at {path}: run `dpeace curve` first (or `make report`)")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReportError(f"{path} is not valid JSON ({error}): run `dpeace curve` again") from None
    if document.get("schema_version") != SUPPORTED_SCHEMA_VERSION:
        raise ReportError(
            f"{path} has schema_version {document.get('schema_version')!r}, the report reads version "
            f"{SUPPORTED_SCHEMA_VERSION}: run `dpeace curve` again"
        )
    return checked_curve(document, path)


def checked_curve(document: object, path: Path) -> dict:
    """The curve document, refused in one message when it is not of the shape the report reads."""
    problem = shape_problem(document, SPECIFICATION_CURVE)
    if problem:
        raise ReportError(
            f"{path} is not a specification curve as `dpeace curve` writes it: {problem}: "
            "run `dpeace curve` again"
        )
    return document


def robustness_context(curve_document: dict) -> dict:
    """Everything _robustness.html.j2 shows (under the name `robustness`)."""
    rows = curve_document["specifications"]
    levels = curve_document["grid"]["levels"]
    significance = curve_document["significance"]
    fitted = [row for row in rows if row["fitted"]]
    negative_significant = [row for row in fitted if _negative_significant(row, significance)]
    positive_significant = [row for row in fitted if row["estimate"] > 0 and row["p"] < significance]

    binary = {level["id"] for level in levels["democracy"] if level.get("binary")}
    on_curve = sorted(
        (row for row in fitted if row["democracy"] in binary),
        key=lambda row: (row["estimate"], row["position"]),
    )
    panel = [
        {
            "label": level["label"],
            "dimension_label": DIMENSION_LABELS[dimension],
            "used": [row[dimension] == level["id"] for row in on_curve],
        }
        for dimension in curve_document["grid"]["dimensions"]
        for level in levels[dimension]
        if dimension != "democracy" or level["id"] in binary
    ]
    sweep = threshold_rows(curve_document)
    share = len(negative_significant) / len(fitted) if fitted else None
    return {
        "n_specifications": len(rows),
        "n_fitted": len(fitted),
        "n_unfitted": len(rows) - len(fitted),
        "n_negative_significant": len(negative_significant),
        "n_positive_significant": len(positive_significant),
        "share_negative_significant": share,
        "share_negative_significant_text": formatting.share_percent(share),
        "significance": significance,
        "n_on_curve": len(on_curve),
        "n_off_curve": len(fitted) - len(on_curve),
        "off_curve_levels": [level["label"] for level in levels["democracy"] if level["id"] not in binary],
        "curve_plot": specification_curve(on_curve, panel, significance) if on_curve else None,
        "selector_json": curve_selector_data(curve_document, DIMENSION_LABELS) if on_curve else None,
        "selector_dimensions": [
            {
                "id": dimension,
                "label": DIMENSION_LABELS[dimension],
                "levels": [
                    level for level in levels[dimension] if dimension != "democracy" or level["id"] in binary
                ],
            }
            for dimension in curve_document["grid"]["dimensions"]
        ],
        "by_choice": summary_by_choice(curve_document),
        "sweep": [_formatted_sweep_row(row) for row in sweep],
        "sweep_plot": threshold_sweep(sweep) if any(row["estimate"] is not None for row in sweep) else None,
        "main_choices": [
            {"dimension": DIMENSION_LABELS[dimension], "level": _label(levels, dimension, level_id)}
            for dimension, level_id in curve_document["grid"]["main"].items()
            if dimension != "democracy"
        ],
        "unfitted_reasons": unfitted_reasons(rows),
        "clustering": curve_document["clustering"],
        "build_id": curve_document.get("build_id"),
        "sentence": robustness_sentence(curve_document),
    }


def robustness_sentence(curve_document: dict) -> str:
    """One sentence on how the answer depends on the choices, for the verdict."""
    rows = curve_document["specifications"]
    significance = curve_document["significance"]
    fitted = [row for row in rows if row["fitted"]]
    if not fitted:
        return f"None of the {formatting.integer(len(rows))} specifications of the robustness grid could be fitted."
    negative_significant = sum(1 for row in fitted if _negative_significant(row, significance))
    positive_significant = sum(1 for row in fitted if row["estimate"] > 0 and row["p"] < significance)
    level = f"{100 * significance:g}%"
    if negative_significant == len(fitted):
        how_many = (
            f"in every one of them the democracy estimate is negative and significant at the {level} level"
        )
    else:
        how_many = (
            f"in {formatting.integer(negative_significant)} of them "
            f"({formatting.share_percent(negative_significant / len(fitted))}) the democracy estimate is negative "
            f"and significant at the {level} level"
            + (
                f", in {formatting.integer(positive_significant)} positive and significant"
                if positive_significant
                else ", and in none positive and significant"
            )
        )
    sentence = (
        f"Across {formatting.integer(len(rows))} specifications crossing every defensible choice of democracy "
        f"measure, outcome, sample, controls, peace-year terms and ongoing-dispute years, "
        f"{formatting.integer(len(fitted))} could be fitted and {how_many}"
    )
    unfitted = len(rows) - len(fitted)
    if unfitted:
        reasons = unfitted_reasons(rows)
        share = "all" if len(reasons) == 1 else "most"
        sentence += (
            f"; {formatting.integer(unfitted)} could not be fitted ({share} for {reasons[0]['reason']})"
        )
    return sentence + "."


def summary_by_choice(curve_document: dict) -> list[dict]:
    """Per level of each dimension: specifications, fitted, and the share negative and significant."""
    rows = curve_document["specifications"]
    significance = curve_document["significance"]
    summary = []
    for dimension in curve_document["grid"]["dimensions"]:
        levels = []
        for level in curve_document["grid"]["levels"][dimension]:
            chosen = [row for row in rows if row[dimension] == level["id"]]
            fitted = [row for row in chosen if row["fitted"]]
            negative = sum(1 for row in fitted if _negative_significant(row, significance))
            levels.append(
                {
                    "label": level["label"],
                    "specifications": formatting.integer(len(chosen)),
                    "fitted": formatting.integer(len(fitted)),
                    "negative_significant": formatting.integer(negative),
                    "share": formatting.share_percent(negative / len(fitted) if fitted else None),
                }
            )
        summary.append({"dimension": DIMENSION_LABELS[dimension], "levels": levels})
    return summary


def threshold_rows(curve_document: dict) -> list[dict]:
    """The Polity threshold sweep: the main specification with each threshold k, in order of k."""
    main = curve_document["grid"]["main"]
    thresholds = {
        level["id"]: level["threshold"]
        for level in curve_document["grid"]["levels"]["democracy"]
        if level.get("threshold") is not None
    }
    sweep = [
        {**row, "threshold": thresholds[row["democracy"]]}
        for row in curve_document["specifications"]
        if row["democracy"] in thresholds
        and all(
            row[dimension] == level_id for dimension, level_id in main.items() if dimension != "democracy"
        )
    ]
    return sorted(sweep, key=lambda row: row["threshold"])


def unfitted_reasons(rows: list[dict]) -> list[dict]:
    """Counts of the specifications not fitted, by kind of reason, commonest first."""
    counts: dict[str, int] = {}
    for row in rows:
        if row["fitted"]:
            continue
        kind = next(
            (label for prefix, label in REASON_KINDS if row["reason"].startswith(prefix)), row["reason"]
        )
        counts[kind] = counts.get(kind, 0) + 1
    return [
        {"reason": reason, "count": formatting.integer(count)}
        for reason, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _formatted_sweep_row(row: dict) -> dict:
    fitted = row["estimate"] is not None
    return {
        "threshold": f"{row['threshold']:g}",
        "estimate": formatting.coefficient(row["estimate"]),
        "interval": formatting.interval(row["ci_low"], row["ci_high"]) if fitted else "\u2014",
        "p": formatting.p_value(row["p"]),
        "n": formatting.integer(row["n"]),
        "events": formatting.integer(row["events"]),
        "note": "" if fitted else row["reason"],
        "is_main": row["is_main"],
    }


def _negative_significant(row: dict, significance: float) -> bool:
    return row["estimate"] < 0 and row["p"] < significance


def _label(levels: dict, dimension: str, level_id: str) -> str:
    return next(level["label"] for level in levels[dimension] if level["id"] == level_id)

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
    "timing": "Timing of democracy",
    "reference": "Reference group",
    "outcome": "Outcome",
    "sample": "Sample",
    "controls": "Controls",
    "temporal": "Peace-year terms",
    "time_effects": "Period effects",
    "ongoing": "Ongoing-dispute years",
    "era": "Era",
}
# Not a dimension of its own: the record each outcome level comes from (grid.records).
RECORD_LABEL = "Dispute record"
FIRTH = "firth_logit"
# Reasons a specification was not fitted, by the start of the engine's message (pipeline/curve/fit.py).
REASON_KINDS = (
    ("quasi-complete separation", "quasi-complete separation"),
    ("the coefficient of", "separation (a 0/1 coefficient beyond \u00b110)"),
    ("no events", "no events"),
    ("the Newton iterations did not converge", "no convergence"),
    ("the regressors are collinear", "collinear regressors"),
)


# A regressor with one value in the sample (the engine's "<column> is constant (<value>) in the
# sample"): typically no jointly democratic pair at a strict threshold in an era or reference group.
CONSTANT_MARK = " is constant ("
CONSTANT_KIND = (
    "a regressor constant in the sample (typically the democracy term: no jointly democratic pair)"
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
    tested = _tested(fitted)
    negative_significant = [row for row in tested if _negative_significant(row, significance)]
    clustered_significant = [
        row for row in tested if _negative_significant(row, significance, "p_dyad_clustered")
    ]
    positive_significant = [row for row in tested if row["estimate"] > 0 and row["p"] < significance]
    firth_tested = _firth_tested(fitted)
    with_firth = len(negative_significant) + sum(
        1 for row in firth_tested if _negative_significant(row, significance, "p_penalized_lr")
    )
    n_with_firth = len(tested) + len(firth_tested)

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
    share = len(negative_significant) / len(tested) if tested else None
    return {
        "n_specifications": len(rows),
        "n_fitted": len(fitted),
        "n_tested": len(tested),
        "n_specifications_text": formatting.integer(len(rows)),
        "sampled": bool(curve_document["grid"].get("sampled")),
        "full_cross": formatting.integer(curve_document["grid"].get("full_cross") or len(rows)),
        "n_unfitted": len(rows) - len(fitted),
        "n_negative_significant": len(negative_significant),
        "n_positive_significant": len(positive_significant),
        "share_negative_significant": share,
        "share_negative_significant_text": formatting.share_percent(share),
        "n_negative_significant_dyad_clustered": len(clustered_significant),
        "share_negative_significant_dyad_clustered_text": formatting.share_percent(
            len(clustered_significant) / len(tested) if tested else None
        ),
        "n_firth": len(fitted) - len(tested),
        "n_firth_tested": len(firth_tested),
        "n_tested_with_firth": n_with_firth,
        "n_negative_significant_with_firth": with_firth,
        "counts_text": {
            name: formatting.integer(count)
            for name, count in (
                ("tested", len(tested)),
                ("firth", len(fitted) - len(tested)),
                ("firth_tested", len(firth_tested)),
                ("tested_with_firth", n_with_firth),
                ("negative_significant_with_firth", with_firth),
                ("on_curve", len(on_curve)),
                ("off_curve", len(fitted) - len(on_curve)),
            )
        },
        "share_negative_significant_with_firth_text": formatting.share_percent(
            with_firth / n_with_firth if n_with_firth else None
        ),
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
    """One sentence on how the answer depends on the choices, for the verdict.

    It claims only what the curve shows under the dyadic-robust errors, names the share under
    the dyad-clustered ones beside it, and says "every" only when it is every one.
    """
    rows = curve_document["specifications"]
    significance = curve_document["significance"]
    fitted = [row for row in rows if row["fitted"]]
    dimensions = [DIMENSION_LABELS.get(d, d).lower() for d in curve_document["grid"]["dimensions"]]
    crossing = ", ".join(dimensions[:-1]) + f" and {dimensions[-1]}"
    if not fitted:
        return f"None of the {formatting.integer(len(rows))} specifications of the robustness grid could be fitted."
    tested = _tested(fitted)
    firth = len(fitted) - len(tested)
    robust = sum(1 for row in tested if _negative_significant(row, significance))
    clustered = sum(1 for row in tested if _negative_significant(row, significance, "p_dyad_clustered"))
    positive = sum(1 for row in tested if row["estimate"] > 0 and row["p"] < significance)
    level = f"{100 * significance:g}%"
    sentence = (
        f"Across {formatting.integer(len(rows))} specifications crossing {crossing}, "
        f"{formatting.integer(len(fitted))} could be estimated"
        + (
            f" ({formatting.integer(firth)} of them, separated, by Firth's penalised logit, whose "
            "sandwich standard errors are not trusted there: they are left out of the first two counts "
            "that follow)"
            if firth
            else ""
        )
        + f"; of the {formatting.integer(len(tested))} maximum-likelihood fits, with dyadic-robust standard "
        f"errors the democracy estimate is negative and significant at the {level} level in "
        f"{_count_share(robust, len(tested))}"
        + (
            f" and positive and significant in {formatting.integer(positive)}"
            if positive
            else ", positive and significant in none"
        )
        + f", with errors clustered by dyad alone negative and significant in {_count_share(clustered, len(tested))}"
        + _with_firth_clause(fitted, tested, robust, significance)
    )
    unfitted = len(rows) - len(fitted)
    if unfitted:
        reasons = unfitted_reasons(rows)
        share = "all" if len(reasons) == 1 else "most"
        sentence += (
            f"; {formatting.integer(unfitted)} could not be estimated ({share} for {reasons[0]['reason']})"
        )
    return sentence + "."


def _with_firth_clause(fitted: list[dict], tested: list[dict], robust: int, significance: float) -> str:
    """'; counting the 560 Firth fits by their penalised likelihood-ratio test (...), in 1,700
    of the 2,916 (58.3%)': the third share, when some Firth fit has that test."""
    firth_tested = _firth_tested(fitted)
    if not firth_tested:
        return ""
    firth_negative = sum(
        1 for row in firth_tested if _negative_significant(row, significance, "p_penalized_lr")
    )
    total = len(tested) + len(firth_tested)
    return (
        f"; counting the {formatting.integer(len(firth_tested))} Firth fits by the penalised likelihood-ratio "
        "test of the democracy term (Heinze and Schemper 2002), which takes the dyad-years as independent, "
        f"beside the dyadic-robust ones, negative and significant in {formatting.integer(robust + firth_negative)} "
        f"of {formatting.integer(total)} ({formatting.share_percent((robust + firth_negative) / total)})"
    )


def _firth_tested(fitted: list[dict]) -> list[dict]:
    """The Firth fits with a penalised likelihood-ratio p (the curve's p_penalized_lr)."""
    return [row for row in fitted if row.get("estimator") == FIRTH and row.get("p_penalized_lr") is not None]


def _count_share(count: int, total: int) -> str:
    if not total:
        return "none of them"
    if count == total:
        return f"every one of them ({formatting.integer(total)})"
    return f"{formatting.integer(count)} of them ({formatting.share_percent(count / total)})"


def summary_by_choice(curve_document: dict) -> list[dict]:
    """Per level of each dimension (and per dispute record): specifications, fitted, the
    median and spread of the estimates, and the share negative and significant among the
    maximum-likelihood fits (the Firth ones are counted apart)."""
    rows = curve_document["specifications"]
    grid = curve_document["grid"]
    summary = []
    for dimension in grid["dimensions"]:
        levels = [
            _level_summary(
                curve_document, level["label"], [row for row in rows if row[dimension] == level["id"]]
            )
            for level in grid["levels"][dimension]
        ]
        summary.append({"dimension": DIMENSION_LABELS[dimension], "levels": levels})
    records = grid.get("records") or {}
    if len(records) > 1:
        record_of = {level["id"]: level.get("record", "mid") for level in grid["levels"]["outcome"]}
        levels = [
            _level_summary(
                curve_document,
                record["label"],
                [row for row in rows if record_of[row["outcome"]] == record_id],
            )
            for record_id, record in records.items()
        ]
        summary.append({"dimension": RECORD_LABEL, "levels": levels})
    return summary


def _level_summary(curve_document: dict, label: str, chosen: list[dict]) -> dict:
    significance = curve_document["significance"]
    fitted = [row for row in chosen if row["fitted"]]
    tested = _tested(fitted)
    negative = sum(1 for row in tested if _negative_significant(row, significance))
    clustered = sum(1 for row in tested if _negative_significant(row, significance, "p_dyad_clustered"))
    firth_tested = _firth_tested(fitted)
    with_firth = negative + sum(
        1 for row in firth_tested if _negative_significant(row, significance, "p_penalized_lr")
    )
    n_with_firth = len(tested) + len(firth_tested)
    estimates = sorted(row["estimate"] for row in fitted)
    return {
        "label": label,
        "specifications": formatting.integer(len(chosen)),
        "fitted": formatting.integer(len(fitted)),
        "firth": formatting.integer(len(fitted) - len(tested)),
        "median": formatting.coefficient(_quantile(estimates, 0.5)) if estimates else "\u2014",
        "spread": formatting.interval(_quantile(estimates, 0.1), _quantile(estimates, 0.9))
        if estimates
        else "\u2014",
        "negative_significant": formatting.integer(negative),
        "share": formatting.share_percent(negative / len(tested) if tested else None),
        "share_dyad_clustered": formatting.share_percent(clustered / len(tested) if tested else None),
        "share_with_firth": formatting.share_percent(with_firth / n_with_firth if n_with_firth else None),
    }


def _tested(fitted: list[dict]) -> list[dict]:
    """The maximum-likelihood fits: the rows whose significance is counted (not Firth's)."""
    return [row for row in fitted if row.get("estimator") != FIRTH]


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
            (label for prefix, label in REASON_KINDS if row["reason"].startswith(prefix)),
            CONSTANT_KIND if CONSTANT_MARK in row["reason"] else row["reason"],
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


def _negative_significant(row: dict, significance: float, p: str = "p") -> bool:
    """Negative and significant, by the dyadic-robust p (or the one named: p_dyad_clustered,
    p_penalized_lr)."""
    value = row.get(p)
    return row["estimate"] < 0 and value is not None and value < significance


def _quantile(values: list[float], q: float) -> float:
    """The q-quantile of sorted values, interpolated linearly (numpy's default)."""
    position = q * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _label(levels: dict, dimension: str, level_id: str) -> str:
    return next(level["label"] for level in levels[dimension] if level["id"] == level_id)

"""A model's whole coefficient table as plain text (dpeace model --only, Results.summary()).

It reads a model entry of the results document (dpeace.model.battery), so the text shows
the very numbers the battery stores.
"""

from __future__ import annotations

import math

HEADER = ("term", "coef", "std err", "z", "P>|z|", "[0.025", "0.975]", "odds ratio")


def model_summary(entry: dict) -> str:
    """The model, its sample and fit, then one line per term (the intercept is const)."""
    table = entry.get("table", "dyad_years")
    lines = [
        f"{entry['id']}: {entry['label']}",
        f"{_estimator_name(entry['estimator'])} of {entry['outcome']} on {table}, "
        f"{entry['years'][0]}-{entry['years'][1]}; {entry['sample']}; ongoing years: {entry['ongoing']}",
        f"N {entry['n']:,}  events {entry['n_events']:,}  clusters {entry['n_clusters']:,}  "
        f"log-likelihood {_number(entry['loglik'], '{:.3f}')}  pseudo R2 {_number(entry['pseudo_r2'], '{:.4f}')}  "
        f"AIC {_number(entry['aic'], '{:.1f}')}",
        f"standard errors: {entry['se_type']}; converged: {'yes' if entry['converged'] else 'NO'}; "
        f"separation: {'YES' if entry['separation'] else 'no'}",
        "",
    ]
    rows = [HEADER]
    for term in entry["terms"]:
        rows.append(
            (
                term["term"],
                _estimate(term["coef"]),
                _estimate(term["se"]),
                _number(term["z"], "{:.3f}"),
                _number(term["p"], "{:.3f}"),
                _estimate(term["ci_low"]),
                _estimate(term["ci_high"]),
                _estimate(term["odds_ratio"]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.extend(f"warning: {message}" for message in entry.get("warnings", []))
    return "\n".join(lines)


def _estimator_name(estimator: str) -> str:
    return {"logit": "Logit", "firth_logit": "Firth penalised logit"}.get(estimator, estimator)


def _estimate(value) -> str:
    """Four decimals, or three significant digits in scientific notation for the tiny
    coefficients of cubed terms (peace_years_cu), which four decimals would show as 0."""
    if value is not None and value != 0 and abs(value) < 1e-3:
        return _number(value, "{:.3e}")
    return _number(value, "{:.4f}")


def _number(value, pattern: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return pattern.format(value)

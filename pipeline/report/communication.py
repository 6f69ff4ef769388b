"""The communication claim: do trade dependence and shared IGO memberships rise before and
within the EC/EU and NATO, and does the joint-democracy effect survive them?

`communication_context(con, results)` reads sql/report/communication_in_communities.sql
and the battery's `kantian_peace` model beside the main model (never re-estimated here),
and says in words what the association shows and what it cannot.
"""

from __future__ import annotations

import duckdb

from dpeace.report import formatting
from dpeace.report.queries import report_rows

MODEL_ID = "kantian_peace"
COMMUNITIES = ("EC/EU", "NATO")

LIMITS = (
    "These are associations in observational data. A rise of trade and shared institutions before "
    "joint membership fits the claim that communication builds communities, but the same rise would follow "
    "if states that expected to join (or were already at peace and allied) traded more and joined more "
    "organisations for that reason; nor can a pair-year count say whether trade caused the peace, peace the "
    "trade, or a third thing both. The comparison is with all pairs of the same year, not with pairs alike in "
    "all else (neighbours, wealth, alliance), and trade dependence is current-dollar trade over constant-dollar "
    "GDP, comparable only within a year. Travel, migration and other communication are not in the data."
)


def _rising(values: list[float | None]) -> bool:
    known = [value for value in values if value is not None]
    return len(known) == len(values) and all(a < b for a, b in zip(known, known[1:]))


def community_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "community": row["community"],
            "period": row["period"],
            "pairs": formatting.integer(row["pairs"]),
            "dyad_years": formatting.integer(row["dyad_years"]),
            "dependence": f"{row['median_dependence_relative']:,.1f}"
            if row["median_dependence_relative"] is not None
            else "\u2013",
            "with_trade": formatting.integer(row["with_trade"]),
            "igos": formatting.signed(row["mean_igos_above_year_mean"], 1)
            if row["mean_igos_above_year_mean"] is not None
            else "\u2013",
        }
        for row in rows
    ]


def trend_sentences(rows: list[dict]) -> list[str]:
    sentences = []
    for community in COMMUNITIES:
        found = sorted((r for r in rows if r["community"] == community), key=lambda r: r["period_order"])
        if len(found) != 3:
            continue
        trade = _rising([r["median_dependence_relative"] for r in found])
        igos = _rising([r["mean_igos_above_year_mean"] for r in found])
        verdict = {
            (True, True): "both rose",
            (True, False): "trade dependence rose, shared IGOs did not rise throughout",
            (False, True): "shared IGOs rose, trade dependence did not rise throughout",
            (False, False): "neither rose throughout",
        }[(trade, igos)]
        sentences.append(
            f"{community}: {verdict} from twenty years before the pairs' joint membership to its years "
            f"(median trade dependence {found[0]['median_dependence_relative']:,.0f}, "
            f"{found[1]['median_dependence_relative']:,.0f} and {found[2]['median_dependence_relative']:,.0f} "
            f"times the year's median pair; shared IGOs {found[0]['mean_igos_above_year_mean']:+.1f}, "
            f"{found[1]['mean_igos_above_year_mean']:+.1f} and {found[2]['mean_igos_above_year_mean']:+.1f} "
            "against the year's mean)."
        )
    return sentences


def _democracy_term(model: dict) -> dict | None:
    return next((t for t in model["terms"] if t["term"] == model["democracy_term"]), None)


def survival(results: dict) -> dict | None:
    """The main model's joint-democracy estimate beside the Kantian model's."""
    models = {model["id"]: model for model in results.get("models", [])}
    main, kantian = models.get(results.get("main_model")), models.get(MODEL_ID)
    if main is None or kantian is None:
        return None
    main_term, kantian_term = _democracy_term(main), _democracy_term(kantian)
    if main_term is None or kantian_term is None:
        return None
    survives = kantian_term["coef"] < 0 and kantian_term["p"] < 0.05
    sentence = (
        f"With the lower trade dependence and shared IGOs held equal, joint democracy's coefficient is "
        f"{formatting.coefficient(kantian_term['coef'])} (SE {formatting.coefficient(kantian_term['se'])}, "
        f"{formatting.p_phrase(kantian_term['p'])}; N = {formatting.integer(kantian['n'])} dyad-years from "
        f"{kantian['years'][0]}, the years COW's trade data cover), against "
        f"{formatting.coefficient(main_term['coef'])} (SE {formatting.coefficient(main_term['se'])}) in the main "
        f"model on its larger sample: the joint-democracy effect "
        + ("survives them." if survives else "does not survive them at the 5% level.")
    )
    return {"survives": survives, "sentence": sentence}


def communication_context(con: duckdb.DuckDBPyConnection, results: dict) -> dict:
    rows = report_rows(con, "communication_in_communities")
    model = survival(results)
    return {
        "rows": community_rows(rows),
        "trends": trend_sentences(rows),
        "model": model,
        "limits": LIMITS,
        "finding": " ".join(trend_sentences(rows) + ([model["sentence"]] if model else [])),
    }

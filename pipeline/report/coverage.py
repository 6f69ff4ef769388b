"""Coverage: which states and years lack a Polity score, which disputes fall out with them,
and what a second democracy measure recovers."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.exceptions import hostility_text, pair_name, years_text

# Disputes readers know by name, for pairs the coverage table singles out. Editorial
# labels only: the rows themselves come from the data.
WELL_KNOWN_PAIRS = {(200, 395): "the Cod Wars"}
TOP_STATES = 15
TOP_PAIRS = 12


def state_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "state": row["state_name"],
            "years_without": formatting.integer(row["years_without_polity"]),
            "member_years": formatting.integer(row["member_years"]),
            "span": f"{row['first_year_without']}\u2013{row['last_year_without']}"
            if row["first_year_without"] != row["last_year_without"]
            else str(row["first_year_without"]),
            "whole_membership": row["years_without_polity"] == row["member_years"],
        }
        for row in rows
    ]


def lost_pairs(rows: list[dict]) -> list[dict]:
    """Dispute onsets lost for want of a Polity score, one row per pair, most first."""
    by_pair: dict[tuple, list[dict]] = {}
    for row in rows:
        by_pair.setdefault((row["ccode1"], row["ccode2"]), []).append(row)
    pairs = []
    for key, found in by_pair.items():
        last = found[-1]
        missing = [last["state_1"]] if last["missing_1"] else []
        missing += [last["state_2"]] if last["missing_2"] else []
        levels = [r["pair_hostlev"] for r in found if r["pair_hostlev"] is not None]
        pairs.append(
            {
                "pair": pair_name(last),
                "known_as": WELL_KNOWN_PAIRS.get(key),
                "onset_years": len(found),
                "years": years_text([r["year"] for r in found]),
                "disputes": ", ".join(r["dispute_numbers"] for r in found if r["dispute_numbers"]),
                "missing": " and ".join(missing),
                "highest_hostility": hostility_text(max(levels) if levels else None),
                "first_year": min(r["year"] for r in found),
            }
        )
    return sorted(pairs, key=lambda p: (-p["onset_years"], p["first_year"], p["pair"]))


def coverage_context(state_rows_found: list[dict], lost_rows: list[dict], bmr: dict | None) -> dict:
    pairs = lost_pairs(lost_rows)
    named = [p for p in pairs if p["known_as"]]
    top = pairs[:TOP_PAIRS] + [p for p in named if p not in pairs[:TOP_PAIRS]]
    return {
        "states_count": len(state_rows_found),
        "never_scored": sum(1 for r in state_rows_found if r["years_without_polity"] == r["member_years"]),
        "state_years_without": sum(r["years_without_polity"] for r in state_rows_found),
        "states": state_rows(state_rows_found),
        "top_states": state_rows(state_rows_found[:TOP_STATES]),
        "lost_onsets": len(lost_rows),
        "lost_pairs_count": len(pairs),
        "top_lost_pairs": top,
        "lost_pairs": pairs,
        "named": named,
        "bmr": bmr,
    }


def unscored_rows(rows: list[dict] | None) -> list[dict] | None:
    """Each dyad-level measure's unscored dyad-years and onset dyad-years, fewest first."""
    if not rows:
        return None
    return [
        {
            "measure": row["measure"],
            "description": row["description"],
            "unscored": formatting.integer(row["unscored"]),
            "share": f"{row['unscored'] / row['total']:.1%}" if row["total"] else "",
            "onsets_unscored": formatting.integer(row["onsets_unscored"]),
            "onsets": formatting.integer(row["onsets"]),
        }
        for row in rows
    ]

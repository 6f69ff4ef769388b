"""The exceptions: dispute onsets between two democracies, by measure, as the report lists them."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.measures import describe, measure_order

HOSTILITY_LABELS = {
    1: "no militarized action",
    2: "threat to use force",
    3: "display of force",
    4: "use of force",
    5: "war",
}
WAR_LEVEL = 5
FORCE_LEVEL = 4
# The pairs table shows the pairs with the most onsets; every pair is in the full lists.
TOP_PAIRS = 15


def hostility_text(level: int | None) -> str:
    if level is None:
        return "unknown"
    return f"{level} ({HOSTILITY_LABELS.get(level, 'unknown')})"


def fatal_text(fatal: bool | None) -> str:
    return "unknown" if fatal is None else ("yes" if fatal else "no")


def pair_name(row: dict) -> str:
    return f"{row['state_1']} \u2013 {row['state_2']}"


def years_text(years: list[int]) -> str:
    """'1958, 1960, 1972\u20131973': runs of consecutive years joined."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}" for run in runs)


def _score(score: int | None) -> str:
    return "\u2014" if score is None else formatting.signed_integer(score)


def regime_text(row: dict) -> str:
    """'10 (10) / 8 (\u22128 the year before, regime change)': each state's polity2 that year,
    with the previous year's beside it (Polity scores the regime at the year's end)."""
    sides = []
    for side in ("1", "2"):
        text = f"{_score(row[f'polity2_{side}'])} ({_score(row[f'polity2_lag_{side}'])} the year before"
        sides.append(text + (", regime change)" if row[f"regime_change_{side}"] else ")"))
    return " / ".join(sides)


def regime_changed(row: dict) -> bool:
    return bool(row["regime_change_1"] or row["regime_change_2"])


def is_level_one(row: dict) -> bool:
    """An onset in which the two took no militarized action against each other (the pair's
    own level 1 over the whole dispute): a dispute in name between them, not a use of force."""
    return bool(row.get("onset")) and row["dispute_pair_hostlev"] == 1


def _listed(row: dict) -> dict:
    return {
        "year": row["year"],
        "pair": pair_name(row),
        "kind": "onset" if row["onset"] else "escalation",
        "dispute_numbers": row["dispute_numbers"] or "\u2014",
        "hostility": hostility_text(row["pair_hostlev"]),
        "fatal": fatal_text(row["pair_fatal"]),
        "dispute_pair_hostility": hostility_text(row["dispute_pair_hostlev"]) if row["onset"] else "\u2014",
        "dispute_hostility": hostility_text(row["dispute_hostlev_max"]),
        "regimes": regime_text(row),
        "regime_change": regime_changed(row),
        "level_one": is_level_one(row),
        "polity_unknown": row["polity_joint_democracy"] is None,
    }


def _pairs(rows: list[dict]) -> list[dict]:
    by_pair: dict[tuple, list[dict]] = {}
    for row in rows:
        if not row["onset"]:
            continue
        by_pair.setdefault((row["ccode1"], row["ccode2"]), []).append(row)
    pairs = []
    for found in by_pair.values():
        levels = [r["pair_hostlev"] for r in found if r["pair_hostlev"] is not None]
        pairs.append(
            {
                "pair": pair_name(found[-1]),
                "onset_years": len(found),
                "disputes": len({n for r in found for n in (r["dispute_list"] or [])}),
                "years": years_text([r["year"] for r in found]),
                "highest_hostility": hostility_text(max(levels) if levels else None),
                "fatal_years": sum(1 for r in found if r["pair_fatal"]),
                "first_year": min(r["year"] for r in found),
            }
        )
    return sorted(pairs, key=lambda p: (-p["onset_years"], p["first_year"], p["pair"]))


def measure_exceptions(measure: str, rows: list[dict], threshold: int) -> dict:
    """The exceptions by one measure. Rows are dyad-years of two democracies with an onset
    or an escalation (force or deaths that year in a dispute begun earlier); the counts of
    force, deaths and war are of what happened between the two in that year, so a level-1
    onset (no militarized action between them) is in none of them."""
    onsets = [r for r in rows if r["onset"]]
    disputes = {number for row in onsets for number in (row["dispute_list"] or [])}
    serious = [r for r in rows if r["pair_fatal"] or (r["pair_hostlev"] or 0) >= WAR_LEVEL]
    pairs = _pairs(rows)
    return {
        "measure": describe(measure, threshold),
        "dyad_years": len(onsets),
        "escalation_years": len(rows) - len(onsets),
        "disputes": len(disputes),
        "pairs_count": len(pairs),
        "force_years": sum(1 for r in rows if (r["pair_hostlev"] or 0) >= FORCE_LEVEL),
        "fatal_years": sum(1 for r in rows if r["pair_fatal"]),
        "level_one_years": sum(1 for r in rows if is_level_one(r)),
        "regime_change_years": sum(1 for r in rows if regime_changed(r)),
        "war_level": [_listed(r) for r in rows if r["pair_hostlev"] == WAR_LEVEL],
        "serious": [_listed(r) for r in serious],
        "top_pairs": pairs[:TOP_PAIRS],
        "pairs": pairs,
        "rows": [_listed(r) for r in rows],
        "polity_unknown": sum(1 for r in onsets if r["polity_joint_democracy"] is None),
        "polity_unknown_pairs": _pairs([r for r in rows if r["polity_joint_democracy"] is None]),
    }


def exceptions_by_measure(rows: list[dict], threshold: int) -> list[dict]:
    """One entry per democracy measure in the rows, Polity first."""
    measures = sorted({row["measure"] for row in rows}, key=measure_order)
    return [
        measure_exceptions(measure, [r for r in rows if r["measure"] == measure], threshold)
        for measure in measures
    ]


def summary_sentence(found: dict) -> str:
    """'236 dyad-years with an onset between two democracies (Polity ...), 201 disputes, 133 pairs.'"""
    return (
        f"By {found['measure']['name']} ({found['measure']['label']}): "
        f"{formatting.count_of(found['dyad_years'], 'dyad-year')} in which two democracies began a dispute "
        f"with each other, {formatting.count_of(found['disputes'], 'distinct dispute')} among "
        f"{formatting.count_of(found['pairs_count'], 'pair')} of states; in "
        f"{formatting.integer(found['level_one_years'])} of them the two took no militarized action "
        f"against each other (hostility level 1 between them). Counting what happened between the "
        f"two in the year it happened (a dispute's later escalations in the year of their incidents, "
        f"{formatting.count_of(found['escalation_years'], 'such dyad-year')} more), the pair used "
        f"force in {formatting.integer(found['force_years'])}, a state of the pair suffered deaths in "
        f"{formatting.integer(found['fatal_years'])} and their hostility reached war in "
        f"{formatting.integer(len(found['war_level']))}. In "
        f"{formatting.integer(found['regime_change_years'])} of all these dyad-years a state of the "
        f"pair changed regime during the year (marked)."
    )

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


def _listed(row: dict) -> dict:
    return {
        "year": row["year"],
        "pair": pair_name(row),
        "dispute_numbers": row["dispute_numbers"] or "\u2014",
        "hostility": hostility_text(row["pair_hostlev"]),
        "fatal": fatal_text(row["pair_fatal"]),
        "dispute_hostility": hostility_text(row["dispute_hostlev_max"]),
        "polity_unknown": row["polity_joint_democracy"] is None,
    }


def _pairs(rows: list[dict]) -> list[dict]:
    by_pair: dict[tuple, list[dict]] = {}
    for row in rows:
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
    disputes = {number for row in rows for number in (row["dispute_list"] or [])}
    serious = [r for r in rows if r["pair_fatal"] or (r["pair_hostlev"] or 0) >= WAR_LEVEL]
    pairs = _pairs(rows)
    return {
        "measure": describe(measure, threshold),
        "dyad_years": len(rows),
        "disputes": len(disputes),
        "pairs_count": len(pairs),
        "force_years": sum(1 for r in rows if (r["pair_hostlev"] or 0) >= FORCE_LEVEL),
        "fatal_years": sum(1 for r in rows if r["pair_fatal"]),
        "war_level": [_listed(r) for r in rows if r["pair_hostlev"] == WAR_LEVEL],
        "serious": [_listed(r) for r in serious],
        "top_pairs": pairs[:TOP_PAIRS],
        "pairs": pairs,
        "rows": [_listed(r) for r in rows],
        "polity_unknown": sum(1 for r in rows if r["polity_joint_democracy"] is None),
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
        f"{formatting.count_of(found['pairs_count'], 'pair')} of states. In "
        f"{formatting.integer(found['force_years'])} of the dyad-years the pair used force, in "
        f"{formatting.integer(found['fatal_years'])} a state of the pair suffered deaths and in "
        f"{formatting.integer(len(found['war_level']))} their hostility reached war."
    )

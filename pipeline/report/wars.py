"""Wars between democracies: from the COW war data, and from MID's war level, by measure."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.exceptions import pair_name
from dpeace.report.measures import describe, measure_order


def _war_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "year": row["year"],
            "pair": pair_name(row),
            "war": f"{row['war_name']} (COW #{row['war_number']})",
            "battle_deaths": formatting.integer(row["war_battle_deaths"]),
            "polity_unknown": row["polity_joint_democracy"] is None,
        }
        for row in rows
    ]


def cow_wars_by_measure(rows: list[dict] | None, threshold: int) -> list[dict] | None:
    """Per measure: the dyad-years in which a COW war began between two democracies, and the
    distinct wars; None when the build has no war columns."""
    if rows is None:
        return None
    measures = sorted({row["measure"] for row in rows} | {"joint_democracy"}, key=measure_order)
    found = []
    for measure in measures:
        own = [r for r in rows if r["measure"] == measure]
        wars: dict[int, dict] = {}
        for row in own:
            wars.setdefault(row["war_number"], {"name": row["war_name"], "year": row["year"]})
        found.append(
            {
                "measure": describe(measure, threshold),
                "rows": _war_rows(own),
                "war_count": len(wars),
                "war_names": "; ".join(f"{w['name']} ({w['year']})" for w in wars.values()),
            }
        )
    return found


def verdict_wars(cow_wars: list[dict] | None) -> dict | None:
    """{'cow_count', 'cow_names'} by Polity, for the verdict."""
    if cow_wars is None:
        return None
    polity = next(w for w in cow_wars if w["measure"]["id"] == "joint_democracy")
    return {"cow_count": polity["war_count"], "cow_names": polity["war_names"]}

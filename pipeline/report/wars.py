"""Wars between democracies: from the COW war data, and from MID's war level, by measure."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.exceptions import pair_name, regime_changed, regime_text
from dpeace.report.measures import describe, measure_order


def _war_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "year": row["year"],
            "pair": pair_name(row),
            "war": f"{row['war_name']} (COW #{row['war_number']})",
            "battle_deaths": formatting.integer(row["war_battle_deaths"]),
            "regimes": regime_text(row),
            "regime_change": regime_changed(row),
            "polity_unknown": row["polity_joint_democracy"] is None,
        }
        for row in rows
    ]


def cow_wars_by_measure(rows: list[dict] | None, threshold: int) -> list[dict] | None:
    """Per measure: the dyad-years in which a COW war the two fought each other began between
    two democracies, and the distinct wars; apart, the pairs of democracies on opposite sides
    of a war that never fought each other (nominal co-belligerents, not counted). None when
    the build has no war columns."""
    if rows is None:
        return None
    measures = sorted({row["measure"] for row in rows} | {"joint_democracy"}, key=measure_order)
    found = []
    for measure in measures:
        own = [r for r in rows if r["measure"] == measure and r["fought"]]
        nominal = [r for r in rows if r["measure"] == measure and not r["fought"]]
        wars: dict[int, dict] = {}
        for row in own:
            wars.setdefault(row["war_number"], {"name": row["war_name"], "year": row["year"]})
        found.append(
            {
                "measure": describe(measure, threshold),
                "rows": _war_rows(own),
                "war_count": len(wars),
                "nominal_rows": _war_rows(nominal),
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

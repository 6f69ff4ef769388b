"""The data behind the report's interactive specification curve: every fitted specification
with a 0/1 democracy term (the ones on the static curve), its estimate, 95% interval, whether
it is negative and significant, and the level it takes on each dimension of the grid.

The page embeds it as JSON and a small inline script (templates/_curve_selector.html.j2)
draws the curve for the level a reader picks: no network, no server.
"""

from __future__ import annotations

import json

# The class of each point: negative and significant, not significant, positive and significant,
# or a Firth refit of a separated specification (its sandwich p-value is not trusted, so it is
# counted in no significance share, as in the report's text and static figure).
NEGATIVE, NOT_SIGNIFICANT, POSITIVE, FIRTH = 0, 1, 2, 3


def point_class(row: dict, significance: float) -> int:
    if row.get("estimator") == "firth_logit":
        return FIRTH
    if row["p"] is None or row["p"] >= significance:
        return NOT_SIGNIFICANT
    return NEGATIVE if row["estimate"] < 0 else POSITIVE


def curve_selector_data(curve_document: dict, dimension_labels: dict[str, str]) -> str:
    """The JSON the page's script reads: {"dimensions": [{"id", "label", "levels": [{"id",
    "label"}]}], "points": [[estimate, ci_low, ci_high, class, is_main, level index per
    dimension...]]}, sorted by estimate; numbers rounded to 4 places (a figure's precision)."""
    grid = curve_document["grid"]
    significance = curve_document["significance"]
    binary = {level["id"] for level in grid["levels"]["democracy"] if level.get("binary")}
    dimensions = [
        {
            "id": dimension,
            "label": dimension_labels[dimension],
            "levels": [
                {"id": level["id"], "label": level["label"]}
                for level in grid["levels"][dimension]
                if dimension != "democracy" or level["id"] in binary
            ],
        }
        for dimension in grid["dimensions"]
    ]
    index = {
        dimension["id"]: {level["id"]: position for position, level in enumerate(dimension["levels"])}
        for dimension in dimensions
    }
    rows = sorted(
        (row for row in curve_document["specifications"] if row["fitted"] and row["democracy"] in binary),
        key=lambda row: (row["estimate"], row["position"]),
    )
    points = [
        [
            round(row["estimate"], 4),
            round(row["ci_low"], 4),
            round(row["ci_high"], 4),
            point_class(row, significance),
            1 if row["is_main"] else 0,
            *(index[dimension["id"]][row[dimension["id"]]] for dimension in dimensions),
        ]
        for row in rows
    ]
    document = {"dimensions": dimensions, "points": points}
    # "</" never appears in the JSON, so it cannot close the <script> element it sits in.
    return json.dumps(document, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")

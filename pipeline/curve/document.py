"""The curve's results document: the grid, its provenance, one entry per specification."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dpeace.build_identity import build_id_of
from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import DIMENSIONS, Grid, Level
from dpeace.model.store import rounded

SCHEMA_VERSION = 1
CLUSTERING = (
    "dyadic-robust standard errors (Aronow, Samii and Assenova 2015), with those clustered by dyad "
    "(ccode1, ccode2) beside them"
)
SIGNIFICANCE = 0.05
# How the Firth rows are counted: apart, and by their penalised likelihood-ratio test.
FIRTH_INFERENCE = (
    "Specifications fitted by Firth's penalised logit (separated: no finite maximum-likelihood "
    "estimate) keep their estimates but are left out of the counts of significant estimates under "
    "either standard error: their sandwich standard errors rest on a penalised fit where the data "
    "are separated and are not trusted. Each carries instead the penalised likelihood-ratio test of "
    "its democracy term (p_penalized_lr; Heinze and Schemper 2002, as logistf computes it: the "
    "model refitted with the term held at 0 under the same penalty, twice the difference of the "
    "penalised log-likelihoods against a chi-square with one degree of freedom), which takes the "
    "dyad-years as independent. n_negative_significant_with_firth counts the maximum-likelihood "
    "fits by their dyadic-robust p and the Firth fits by that test, out of n_tested_with_firth."
)


def curve_document(grid: Grid, frame: AnalysisFrame, rows: list[dict], build_id: str | None) -> dict:
    """Everything `dpeace curve` stores, rounded so that reruns are byte-identical.

    No timings and no absolute paths: the document depends on the data and the grid only.
    """
    specifications = []
    for spec, row in zip(grid.specifications, rows):
        specifications.append({**row, "is_main": grid.is_main(spec)})
    fitted = [row for row in specifications if row["fitted"]]
    # the denominator of the shares under either standard error: the maximum-likelihood fits
    # (FIRTH_INFERENCE); the third share adds the Firth fits with a penalised likelihood-ratio p
    tested = [row for row in fitted if row["estimator"] == "logit"]
    firth_tested = [
        row for row in fitted if row["estimator"] == "firth_logit" and row.get("p_penalized_lr") is not None
    ]
    return rounded(
        {
            "schema_version": SCHEMA_VERSION,
            "build_id": build_id,
            "grid": {
                "file": grid.path.name,
                "specifications": len(grid.specifications),
                "full_cross": grid.full_count,
                "sampled": grid.sampled,
                "dimensions": list(DIMENSIONS),
                "levels": {
                    dimension: [
                        {"id": level.id, "label": level.label, **_level_facts(level, frame)}
                        for level in grid.levels[dimension]
                    ]
                    for dimension in DIMENSIONS
                },
                "main": grid.main,
                "records": grid.records,
                "spline_knots": frame.spline_knots,
            },
            "clustering": CLUSTERING,
            "significance": SIGNIFICANCE,
            "dyad_years_total": frame.n_rows,
            "n_specifications": len(specifications),
            "n_fitted": len(fitted),
            "n_tested": len(tested),
            "n_negative_significant": sum(
                1 for row in tested if row["estimate"] < 0 and row["p"] < SIGNIFICANCE
            ),
            "n_negative_significant_dyad_clustered": sum(
                1 for row in tested if row["estimate"] < 0 and row["p_dyad_clustered"] < SIGNIFICANCE
            ),
            "n_firth": sum(1 for row in fitted if row["estimator"] == "firth_logit"),
            "n_tested_with_firth": len(tested) + len(firth_tested),
            "n_negative_significant_with_firth": sum(
                1 for row in tested if row["estimate"] < 0 and row["p"] < SIGNIFICANCE
            )
            + sum(1 for row in firth_tested if row["estimate"] < 0 and row["p_penalized_lr"] < SIGNIFICANCE),
            "firth_inference": FIRTH_INFERENCE,
            "specifications": specifications,
        }
    )


def _level_facts(level: Level, frame: AnalysisFrame) -> dict:
    """For democracy levels, whether the term is 0/1 (so its estimates share one scale)."""
    if level.dimension == "outcome":
        return {"record": level.record}
    if level.dimension != "democracy":
        return {}
    values = frame.columns[level.columns[0]]
    known = values[~np.isnan(values)]
    binary = level.threshold is not None or bool(np.all((known == 0) | (known == 1)))
    return {"column": level.columns[0], "threshold": level.threshold, "binary": binary}


def read_build_id(database: Path) -> str:
    """The build's id (table build_info); a database without one must be built again."""
    return build_id_of(database)

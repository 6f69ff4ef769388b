"""The curve over the real data: its main specification is the battery's main model.

A one-specification grid (the main choices of pipeline/model/curve_grid.toml) keeps this
to one fit; the whole grid is timed by `make bench`, not by the tests.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from dpeace.curve.grid import default_grid_path, load_grid
from dpeace.curve.pipeline import compute_curve

pytestmark = pytest.mark.mirror


def _main_only_grid(path, whole: tuple[str, ...] = (), thresholds: tuple[int, ...] = ()) -> None:
    """The declared grid cut to its [main] level on every dimension but those in `whole`
    (kept with all their levels), the Polity thresholds to `thresholds` (default: main's)."""
    text = default_grid_path().read_text(encoding="utf-8")
    main = load_grid().main
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    head = re.sub(r"(?ms)^\[sample_run\]\n.*?(?=^\[)", "", blocks[0])  # the cut grid is fitted whole
    kept = []
    for block in blocks[1:]:
        dimension = block[2 : block.index("]]")]
        level_id = re.search(r'(?m)^id = "([^"]+)"', block).group(1)
        if dimension == "democracy" and main["democracy"].startswith(level_id + "_"):
            k = ", ".join(str(t) for t in thresholds) or main["democracy"].rsplit("_", 1)[1]
            block = re.sub(r"(?m)^thresholds = .*$", f"thresholds = [{k}]", block)
            kept.append(block)
        elif level_id == main[dimension] or dimension in whole:
            kept.append(block)
    levels: dict[str, int] = {}
    for block in kept:
        dimension = block[2 : block.index("]]")]
        found = re.search(r"(?m)^thresholds = \[(.*)\]$", block)
        levels[dimension] = levels.get(dimension, 0) + (len(found.group(1).split(",")) if found else 1)
    head = re.sub(
        r"(?m)^specifications = \d+", f"specifications = {math.prod(levels.values())}", head, count=1
    )
    path.write_text(head + "".join(kept), encoding="utf-8")


def test_the_main_specification_equals_the_batterys_main_model(tmp_path, real_database, real_model_results):
    grid_path = tmp_path / "main_only.toml"
    _main_only_grid(grid_path)
    document, _, _ = compute_curve(real_database, grid_path, workers=1, progress=False)
    [row] = document["specifications"]
    assert row["is_main"] and row["fitted"]

    results = json.loads(real_model_results.read_text())
    main = next(model for model in results["models"] if model["id"] == results["main_model"])
    democracy = next(term for term in main["terms"] if term["term"] == main["democracy_term"])
    assert (row["n"], row["events"], row["n_clusters"]) == (main["n"], main["n_events"], main["n_clusters"])
    assert row["estimate"] == pytest.approx(democracy["coef"], rel=1e-7)
    assert row["se"] == pytest.approx(democracy["se"], rel=1e-7)


def test_the_main_specification_by_era_and_outcome_under_both_errors(tmp_path, real_database):
    # The main choices crossed with every era and outcome, Polity thresholds 6 and 10 (the
    # strictest: where separation, and Firth, come in): its size and shares, printed (pytest -s).
    grid_path = tmp_path / "eras.toml"
    _main_only_grid(grid_path, whole=("era", "outcome"), thresholds=(6, 10))
    document, _, fit_seconds = compute_curve(real_database, grid_path, workers=2, progress=False)
    rows = document["specifications"]
    assert len(rows) == 2 * 5 * 5
    fitted = [row for row in rows if row["fitted"]]
    robust = sum(1 for row in fitted if row["estimate"] < 0 and row["p"] < 0.05)
    clustered = sum(1 for row in fitted if row["estimate"] < 0 and row["p_dyad_clustered"] < 0.05)
    firth = [row for row in fitted if row["estimator"] == "firth_logit"]
    assert all(row["separation"] for row in firth)
    print(
        f"\ncurve over the real data (main choices x 5 eras x 5 outcomes x thresholds 6, 10): {len(rows)} "
        f"specifications, {len(fitted)} fitted ({len(firth)} by Firth) in {fit_seconds:.1f} s; negative and "
        f"significant at 5%: {robust} dyadic-robust, {clustered} clustered by dyad"
    )
    for row in rows:
        if row["outcome"] == "mid_onset" and row["democracy"] == "polity2_ge_6":
            print(
                f"  era {row['era']:>10}: {row['estimate']:+.3f} (dyadic-robust SE {row['se']:.3f}, p {row['p']:.3g}; "
                f"clustered SE {row['se_dyad_clustered']:.3f}, p {row['p_dyad_clustered']:.3g})"
            )

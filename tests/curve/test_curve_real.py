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
    # The main choices crossed with every era and outcome (9: MID, COW war, GML), Polity thresholds 6 and 10 (the
    # strictest: where separation, and Firth, come in): its size and shares, printed (pytest -s).
    grid_path = tmp_path / "eras.toml"
    _main_only_grid(grid_path, whole=("era", "outcome"), thresholds=(6, 10))
    document, _, fit_seconds = compute_curve(real_database, grid_path, workers=2, progress=False)
    rows = document["specifications"]
    assert len(rows) == 2 * 5 * 9
    fitted = [row for row in rows if row["fitted"]]
    firth = [row for row in fitted if row["estimator"] == "firth_logit"]
    tested = [row for row in fitted if row["estimator"] == "logit"]  # Firth's p are not counted
    robust = sum(1 for row in tested if row["estimate"] < 0 and row["p"] < 0.05)
    clustered = sum(1 for row in tested if row["estimate"] < 0 and row["p_dyad_clustered"] < 0.05)
    assert all(row["separation"] for row in firth)
    assert (document["n_negative_significant"], document["n_negative_significant_dyad_clustered"]) == (
        robust,
        clustered,
    )
    print(
        f"\ncurve over the real data (main choices x 5 eras x 9 outcomes x thresholds 6, 10): {len(rows)} "
        f"specifications, {len(fitted)} fitted ({len(firth)} by Firth, not counted) in {fit_seconds:.1f} s; "
        f"negative and significant at 5% of {len(tested)}: {robust} dyadic-robust, {clustered} clustered by dyad"
    )
    for row in rows:
        if row["outcome"] == "mid_onset" and row["democracy"] == "polity2_ge_6":
            print(
                f"  era {row['era']:>10}: {row['estimate']:+.3f} (dyadic-robust SE {row['se']:.3f}, p {row['p']:.3g}; "
                f"clustered SE {row['se_dyad_clustered']:.3f}, p {row['p_dyad_clustered']:.3g})"
            )


def test_every_choice_moved_alone_from_the_main_specification_under_both_errors(tmp_path, real_database):
    # The declared grid with no random draws: its sample is then the main specification and
    # every level of every dimension moved alone (the one-at-a-time part of the default run).
    # Its size and shares, and those the full cross and the default sample would have, are
    # printed (pytest -s).
    grid = load_grid()
    text = default_grid_path().read_text(encoding="utf-8")
    one_at_a_time = sum(len(levels) for levels in grid.levels.values()) - len(grid.levels) + 1
    text = re.sub(r"(?m)^draws = \d+$", "draws = 0", text)
    text = re.sub(r"(?ms)^(\[sample_run\]\nspecifications = )\d+", rf"\g<1>{one_at_a_time}", text)
    grid_path = tmp_path / "one_at_a_time.toml"
    grid_path.write_text(text, encoding="utf-8")
    document, _, fit_seconds = compute_curve(real_database, grid_path, workers=2, progress=False)
    rows = document["specifications"]
    assert len(rows) == one_at_a_time == 37 and document["grid"]["full_cross"] == 518_400
    assert sum(row["is_main"] for row in rows) == 1
    fitted = [row for row in rows if row["fitted"]]
    tested = [row for row in fitted if row["estimator"] == "logit"]
    robust = sum(1 for row in tested if row["estimate"] < 0 and row["p"] < 0.05)
    clustered = sum(1 for row in tested if row["estimate"] < 0 and row["p_dyad_clustered"] < 0.05)
    assert (document["n_tested"], document["n_negative_significant"]) == (len(tested), robust)
    assert document["n_negative_significant_dyad_clustered"] == clustered
    print(
        f"\ncurve grid: full cross {document['grid']['full_cross']} specifications, default sample "
        f"{len(grid.specifications)}; the main specification moved one choice at a time: {len(rows)} "
        f"specifications, {len(fitted)} fitted ({len(fitted) - len(tested)} by Firth, not counted) in "
        f"{fit_seconds:.1f} s; negative and significant at 5% of {len(tested)} maximum-likelihood fits: "
        f"{robust} dyadic-robust, {clustered} clustered by dyad"
    )
    for row in rows:
        moved = [d for d in document["grid"]["dimensions"] if row[d] != document["grid"]["main"][d]]
        estimate = (
            "not fitted"
            if not row["fitted"]
            else (
                f"{row['estimate']:+.3f} (dyadic-robust SE {row['se']:.3f}, clustered SE {row['se_dyad_clustered']:.3f})"
                + (" Firth" if row["estimator"] == "firth_logit" else "")
            )
        )
        print(f"  {(moved[0] + ' = ' + row[moved[0]]) if moved else 'main':>40}: {estimate}")

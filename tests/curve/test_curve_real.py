"""The curve over the real data: its main specification is the battery's main model.

A one-specification grid (the main choices of pipeline/model/curve_grid.toml) keeps this
to one fit; the whole grid is timed by `make bench`, not by the tests.
"""

from __future__ import annotations

import json
import re

import pytest

from dpeace.curve.grid import default_grid_path, load_grid
from dpeace.curve.pipeline import compute_curve

pytestmark = pytest.mark.mirror


def _main_only_grid(path) -> None:
    """The declared grid cut to its [main] level on every dimension."""
    text = default_grid_path().read_text(encoding="utf-8")
    main = load_grid().main
    blocks = re.split(r"(?m)^(?=\[\[)", text)
    kept = [blocks[0].replace("specifications = 1440", "specifications = 1")]
    for block in blocks[1:]:
        dimension = block[2 : block.index("]]")]
        level_id = re.search(r'(?m)^id = "([^"]+)"', block).group(1)
        if dimension == "democracy" and main["democracy"].startswith(level_id + "_"):
            k = main["democracy"].rsplit("_", 1)[1]
            block = re.sub(r"(?m)^thresholds = .*$", f"thresholds = [{k}]", block)
            kept.append(block)
        elif level_id == main[dimension]:
            kept.append(block)
    path.write_text("".join(kept), encoding="utf-8")


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

"""The curve's fit cache: a rerun fits nothing, a grown grid fits only its new specifications."""

from __future__ import annotations

import shutil

import pytest

from dpeace.curve import fit as fit_module
from dpeace.curve.pipeline import run_curve
from dpeace.fit_cache import cache_path


@pytest.fixture()
def counted_fits(monkeypatch) -> list[str]:
    """The spec ids the engine is asked to fit, in one process (workers=1)."""
    fitted: list[str] = []
    real_fit_one = fit_module._fit_one

    def counting_fit_one(spec, *rest):
        fitted.append(spec.id)
        return real_fit_one(spec, *rest)

    monkeypatch.setattr(fit_module, "_fit_one", counting_fit_one)
    return fitted


def test_a_rerun_fits_nothing_and_a_new_level_fits_only_its_specifications(
    curve_database, small_grid_path, tmp_path, counted_fits
):
    database = tmp_path / "peace.duckdb"
    shutil.copyfile(curve_database, database)
    grid = tmp_path / "grid.toml"
    shutil.copyfile(small_grid_path, grid)
    json_path = tmp_path / "specification_curve.json"

    first = run_curve(database, grid, json_path, workers=1, progress=False)
    assert len(counted_fits) == 192 == first.document["n_specifications"]
    written = json_path.read_bytes()
    cache = cache_path("curve", database)
    cache_stat = cache.stat()

    counted_fits.clear()
    run_curve(database, grid, json_path, workers=1, progress=False)
    assert counted_fits == []
    assert json_path.read_bytes() == written
    assert cache.stat().st_mtime_ns == cache_stat.st_mtime_ns

    # One more threshold: 48 new specifications (1 level x 2 x 2 x 2 x 3 x 2), the rest reused.
    grid.write_text(
        grid.read_text()
        .replace("thresholds = [5, 6]", "thresholds = [5, 6, 7]")
        .replace("specifications = 192", "specifications = 240")
    )
    counted_fits.clear()
    third = run_curve(database, grid, json_path, workers=1, progress=False)
    assert len(counted_fits) == 48 and all(spec_id.startswith("polity2_ge_7/") for spec_id in counted_fits)
    old = {row["spec_id"]: row for row in first.document["specifications"]}
    for row in third.document["specifications"]:
        if row["spec_id"] in old:
            assert {k: v for k, v in row.items() if k != "position"} == {
                k: v for k, v in old[row["spec_id"]].items() if k != "position"
            }

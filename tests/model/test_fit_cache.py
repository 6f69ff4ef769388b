"""The battery's fit cache: a model is refitted exactly when its specification, the build or the code changed."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from dpeace.fit_cache import cache_path
from dpeace.model import battery as battery_module
from dpeace.model.battery import run_battery
from dpeace.model.specification import default_spec_path, load_battery


@pytest.fixture()
def counted_fits(monkeypatch) -> list[str]:
    """The ids of the models the battery fits (not those it takes from the cache), in order."""
    fitted: list[str] = []
    real_fit = battery_module.fit_model

    def counting_fit(sample, spec):
        fitted.append(spec.id)
        return real_fit(sample, spec)

    monkeypatch.setattr(battery_module, "fit_model", counting_fit)
    return fitted


@pytest.fixture()
def workspace(synthetic_database, tmp_path):
    database = tmp_path / "peace.duckdb"
    shutil.copyfile(synthetic_database, database)
    spec = tmp_path / "battery.toml"
    shutil.copyfile(default_spec_path(), spec)
    return database, spec, tmp_path / "model_results.json"


def test_an_unchanged_battery_is_taken_whole_from_the_cache(workspace, counted_fits):
    database, spec, results = workspace
    first = run_battery(database, spec, results)
    every_model = list(load_battery(spec).ids)
    assert counted_fits == every_model
    written = results.read_bytes()
    cache = cache_path("model", database)
    cache_stat, cache_bytes = cache.stat(), cache.read_bytes()

    counted_fits.clear()
    second = run_battery(database, spec, results)
    assert counted_fits == []
    assert second == first and results.read_bytes() == written
    # nothing new to keep: the cache file is not even rewritten
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == (cache_stat.st_mtime_ns, cache_bytes)


def test_editing_one_model_refits_that_model_only(workspace, counted_fits):
    database, spec, results = workspace
    first = run_battery(database, spec, results)
    # the post-1945 era now starts in 1950
    text = spec.read_text()
    years = text.index("years = [1945", text.index('id = "era_post1945"'))
    spec.write_text(text[:years] + "years = [1950" + text[years + len("years = [1945") :])

    counted_fits.clear()
    second = run_battery(database, spec, results)
    assert counted_fits == ["era_post1945"]
    changed = [new["id"] for old, new in zip(first["models"], second["models"], strict=True) if old != new]
    assert changed == ["era_post1945"]
    assert next(m for m in second["models"] if m["id"] == "era_post1945")["years"][0] >= 1950

    # undoing the edit refits nothing: the build's earlier fit is still in the cache
    spec.write_text(text)
    counted_fits.clear()
    assert run_battery(database, spec, results) == first
    assert counted_fits == []


def test_another_build_refits_every_model(workspace, counted_fits):
    database, spec, results = workspace
    run_battery(database, spec, results)
    con = duckdb.connect(str(database))
    try:
        con.execute("UPDATE build_info SET build_id = 'another-build'")
    finally:
        con.close()
    counted_fits.clear()
    document = run_battery(database, spec, results)
    assert counted_fits == list(load_battery(spec).ids)
    assert document["build_id"] == "another-build"

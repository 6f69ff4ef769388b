"""The curve stage from database to stored results, timed for the command and the benchmark."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from dpeace import paths
from dpeace.curve.document import curve_document, read_build_id
from dpeace.curve.frame import load_frame
from dpeace.curve.grid import DEFAULT_RECORDS, DIMENSIONS, Grid, Specification, load_grid
from dpeace.curve.run import fit_grid
from dpeace.curve.store import write_curve_json, write_curve_table
from dpeace.fit_cache import FitCache, code_digest


@dataclass(frozen=True)
class CurveRun:
    document: dict
    json_path: Path
    load_seconds: float
    fit_seconds: float

    @property
    def specifications_per_second(self) -> float:
        return self.document["n_specifications"] / self.fit_seconds if self.fit_seconds > 0 else float("inf")


def curve_cache(database: Path) -> FitCache:
    """The curve's fits, kept under their specification, the build and the fitting code."""
    curve_code = Path(__file__).resolve().parent
    return FitCache(
        "curve", database, read_build_id(database), code_digest(curve_code, curve_code.parent / "model")
    )


def compute_curve(
    database: Path,
    grid_path: Path | None = None,
    workers: int | None = None,
    progress: bool = True,
    cache: FitCache | None = None,
    full: bool = False,
) -> tuple[dict, float, float]:
    """The curve document, without storing it, and the load and fit times in seconds.

    Specifications whose row `cache` holds are not fitted again; the new rows go into it
    (the caller saves it).
    """
    started = time.perf_counter()
    grid = load_grid(grid_path, full=full)
    frame = load_frame(database, grid)
    build_id = read_build_id(database)
    loaded = time.perf_counter()
    keys = (
        {spec.position: cache.key(_cache_description(spec, grid)) for spec in grid.specifications}
        if cache
        else {}
    )
    cached = {position: cache.get(key) for position, key in keys.items()} if cache else {}
    missing = [spec for spec in grid.specifications if cached.get(spec.position) is None]
    fitted_rows = {
        row["position"]: row
        for row in fit_grid(frame, grid, workers=workers, progress=progress, specifications=missing)
    }
    rows = []
    for spec in grid.specifications:
        if spec.position in fitted_rows:
            row = fitted_rows[spec.position]
            if cache:
                cache.put(
                    keys[spec.position], {key: value for key, value in row.items() if key != "position"}
                )
        else:
            row = {"position": spec.position, **cached[spec.position]}
        rows.append(row)
    fitted = time.perf_counter()
    return curve_document(grid, frame, rows, build_id), loaded - started, fitted - loaded


def _cache_description(spec: Specification, grid: Grid) -> dict:
    """A specification by what it is (its levels' definitions and its outcome's record: the
    coverage, ongoing years and peace years it takes), not by where the grid puts it."""
    description = {dimension: dataclasses.asdict(spec.level(dimension)) for dimension in DIMENSIONS}
    return {**description, "record": (grid.records or DEFAULT_RECORDS)[spec.outcome.record]}


def run_curve(
    database: Path | None = None,
    grid_path: Path | None = None,
    json_path: Path | None = None,
    workers: int | None = None,
    progress: bool = True,
    full: bool = False,
) -> CurveRun:
    """Fit the whole grid, replace the table in the database, then write the JSON.

    The JSON is written only after the database swap succeeded, so the two never disagree
    (and make, which tracks the JSON, reruns the stage after a failed swap).
    """
    database = Path(database) if database is not None else paths.database_path()
    json_path = Path(json_path) if json_path is not None else paths.specification_curve_path()
    cache = curve_cache(database)
    document, load_seconds, fit_seconds = compute_curve(database, grid_path, workers, progress, cache, full)
    write_curve_table(database, document)
    write_curve_json(json_path, document)
    cache.save()
    return CurveRun(document, json_path, load_seconds, fit_seconds)

"""The curve stage from database to stored results, timed for the command and the benchmark."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from dpeace import paths
from dpeace.curve.document import curve_document, read_build_id
from dpeace.curve.frame import load_frame
from dpeace.curve.grid import load_grid
from dpeace.curve.run import fit_grid
from dpeace.curve.store import write_curve_json, write_curve_table


@dataclass(frozen=True)
class CurveRun:
    document: dict
    json_path: Path
    load_seconds: float
    fit_seconds: float

    @property
    def specifications_per_second(self) -> float:
        return self.document["n_specifications"] / self.fit_seconds if self.fit_seconds > 0 else float("inf")


def compute_curve(
    database: Path,
    grid_path: Path | None = None,
    workers: int | None = None,
    progress: bool = True,
    full: bool = False,
) -> tuple[dict, float, float]:
    """The curve document, without storing it, and the load and fit times in seconds."""
    started = time.perf_counter()
    grid = load_grid(grid_path, full=full)
    frame = load_frame(database, grid)
    build_id = read_build_id(database)
    loaded = time.perf_counter()
    rows = fit_grid(frame, grid, workers=workers, progress=progress)
    fitted = time.perf_counter()
    return curve_document(grid, frame, rows, build_id), loaded - started, fitted - loaded


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
    document, load_seconds, fit_seconds = compute_curve(database, grid_path, workers, progress, full)
    write_curve_table(database, document)
    write_curve_json(json_path, document)
    return CurveRun(document, json_path, load_seconds, fit_seconds)

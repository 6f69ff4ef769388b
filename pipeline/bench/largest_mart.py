"""The build against DuckDB's own time for its largest mart alone.

The yardstick is the one SQL model the build spent the longest on (by the build log: the
table behind the dyad-year marts, which are views of it), run once more by DuckDB into a
copy of the built database, whose tables it reads are all there: what DuckDB needs for that table by itself, with no Python, no other model
and no data test around it. The ratio build / yardstick says what the rest of the build
costs on top of its biggest single query.
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import duckdb

from dpeace import paths
from dpeace.bench.measure import Measurement, Run
from dpeace.transform.models import discover_models
from dpeace.transform.runner import materialise


def largest_mart(build_log: dict) -> str | None:
    """The model the build spent the most seconds on. Not the one with the most rows: a view
    (dyad_years_directed) counts rows it does not write."""
    models = [model for model in build_log.get("models", []) if model.get("layer") != "seeds"]
    return max(models, key=lambda model: model["seconds"])["name"] if models else None


def bench_largest_mart(database: Path, build_log: dict, folder: Path, repeats: int) -> Measurement | None:
    name = largest_mart(build_log)
    if name is None or not database.exists():
        return None
    model = next(model for model in discover_models(paths.sql_dir()) if model.name == name)
    copy = folder / "largest_mart.duckdb"
    measurement = Measurement(f"{name} alone (DuckDB)")
    try:
        for run in range(repeats):
            shutil.copyfile(database, copy)
            con = duckdb.connect(str(copy))
            try:
                # The build's own settings (pipeline/transform/runner.py).
                con.execute("SET enable_progress_bar = false")
                con.execute("SET preserve_insertion_order = false")
                started, cpu = time.perf_counter(), time.process_time()
                materialise(con, dataclasses.replace(model, name=f"bench_{name}_{run}"))
                measurement.runs.append(
                    Run(time.perf_counter() - started, None, cpu_seconds=time.process_time() - cpu)
                )
            finally:
                con.close()
    finally:
        copy.unlink(missing_ok=True)
        Path(f"{copy}.wal").unlink(missing_ok=True)
    return measurement

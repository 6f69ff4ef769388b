"""The build against DuckDB's own time for its largest mart alone.

The yardstick is the one SQL model of the build that writes the most rows (by the build
log), run once more by DuckDB into a copy of the built database, whose tables it reads
are all there: what DuckDB needs for that table by itself, with no Python, no other model
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
    marts = [model for model in build_log.get("models", []) if model.get("layer") == "marts"]
    return max(marts, key=lambda model: model["rows"])["name"] if marts else None


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

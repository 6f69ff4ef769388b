"""The battery's time per model on the real data, each model fitted in this process.

Each analysis table is loaded once (timed on its own row), as the model stage loads it;
then every model of pipeline/model/battery.toml is cut from it and fitted with the
estimation engine, without the fit cache, wall and CPU seconds each.
"""

from __future__ import annotations

import time
from pathlib import Path

from dpeace.bench.measure import Measurement, Run


def bench_battery(database: Path) -> list[Measurement]:
    from dpeace.model.estimate import fit_model
    from dpeace.model.sample import load_table, select_sample
    from dpeace.model.specification import load_battery

    battery = load_battery()
    measurements: list[Measurement] = []
    frames = {}
    for table in dict.fromkeys(spec.table for spec in battery.models):
        with _timed(measurements, f"(load {table})"):
            frames[table] = load_table(
                database, table, [spec for spec in battery.models if spec.table == table]
            )
    for spec in battery.models:
        with _timed(measurements, spec.id):
            fit_model(select_sample(frames[spec.table], spec), spec)
    return measurements


class _timed:
    """Appends one run (wall and CPU seconds of this process) to `measurements` under `name`."""

    def __init__(self, measurements: list[Measurement], name: str) -> None:
        self.measurements, self.name = measurements, name

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc) -> None:
        run = Run(time.perf_counter() - self.wall, None, cpu_seconds=time.process_time() - self.cpu)
        self.measurements.append(Measurement(self.name, [run]))

"""Present the measurements: plain-text tables for the terminal, and bench.json."""

from __future__ import annotations

import json
from pathlib import Path

from dpeace.atomic_files import write_text_atomically
from dpeace.bench.measure import Measurement
from dpeace.bench.scaling import ScalePoint

STAGE_HEADER = ("stage", "median s", "min s", "max s", "median CPU s", "peak RSS MiB", "runs")


def _number(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _layout(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]

    def line(cells: tuple[str, ...]) -> str:
        # The first column is text (left-aligned), the rest are numbers (right-aligned).
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, rows)])


def stage_table(measurements: list[Measurement]) -> str:
    rows = [
        (
            m.stage,
            _number(m.median_seconds),
            _number(m.min_seconds),
            _number(m.max_seconds),
            _number(m.median_cpu_seconds),
            _number(m.peak_rss_mib, 0),
            str(len(m.runs)),
        )
        for m in measurements
    ]
    return _layout(STAGE_HEADER, rows)


def _growth(value: float | None, base: float | None) -> str:
    return "-" if value is None or not base else f"x{value / base:.1f}"


def scaling_table(points: list[ScalePoint]) -> str:
    """One row per world size; growth factors are relative to the first (smallest) world."""
    if not points:
        return ""
    stage_names = [m.stage for m in points[0].stages]
    header = ("scale", "states", "dyad-years", "growth")
    for name in stage_names:
        header += (f"{name} s", "growth", "MiB")
    base = points[0]
    rows = []
    for point in points:
        row = (
            f"{point.scale}x",
            str(point.states),
            str(point.dyad_years or "-"),
            _growth(point.dyad_years, base.dyad_years),
        )
        for measurement, base_measurement in zip(point.stages, base.stages):
            row += (
                _number(measurement.median_seconds),
                _growth(measurement.median_seconds, base_measurement.median_seconds),
                _number(measurement.peak_rss_mib, 0),
            )
        rows.append(row)
    return _layout(header, rows)


def measurement_record(m: Measurement) -> dict:
    record = {
        "stage": m.stage,
        "median_seconds": round(m.median_seconds, 4),
        "min_seconds": round(m.min_seconds, 4),
        "max_seconds": round(m.max_seconds, 4),
        "median_cpu_seconds": None if m.median_cpu_seconds is None else round(m.median_cpu_seconds, 4),
        "peak_rss_mib": None if m.peak_rss_mib is None else round(m.peak_rss_mib, 1),
        "runs": len(m.runs),
        "seconds": [round(run.seconds, 4) for run in m.runs],
    }
    if m.note:
        record["note"] = m.note
    return record


def scale_record(point: ScalePoint) -> dict:
    return {
        "scale": point.scale,
        "states": point.states,
        "dyad_years": point.dyad_years,
        "disputes": point.disputes,
        "stages": [measurement_record(m) for m in point.stages],
    }


def write_bench_json(document: dict, path: Path) -> Path:
    path = Path(path)
    write_text_atomically(path, json.dumps(document, indent=2) + "\n")
    return path

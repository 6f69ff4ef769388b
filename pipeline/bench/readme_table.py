"""The README's performance table, written from bench.json so that it cannot drift from a run.

`make bench` writes `reports/bench.json` (kept in the repository as the latest record) and
then the block of README.md between the two markers below; a test checks that the README's
block is what this module makes of the committed record.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dpeace.atomic_files import write_text_atomically
from dpeace.bench.real_data import BUILD_AND_MAIN_MODEL

# Rows read wrongly without their stage note (bench.json's stage_notes), which follows the table.
NOTED_STAGES = (BUILD_AND_MAIN_MODEL,)
START = "<!-- performance table: written by `make bench` from reports/bench.json -->"
END = "<!-- end of performance table -->"


class ReadmeBlockMissing(ValueError):
    """README.md has no block between the performance table's markers."""


def _seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _load(values: list[float] | None) -> str:
    return "unknown" if not values else f"{values[0]:.2f}"


def _row(label: str, wall: float | None, cpu: float | None, rss: float | None) -> str:
    return f"| {label} | {_seconds(wall)} | {_seconds(cpu)} | {_mib(rss)} |"


def _stage_rows(real: dict) -> list[str]:
    rows = []
    for stage in real.get("stages", []):
        rows.append(
            _row(stage["stage"], stage["median_seconds"], stage["median_cpu_seconds"], stage["peak_rss_mib"])
        )
    mart = real.get("largest_mart")
    if mart:
        ratio = real.get("build_over_largest_mart")
        label = f"{mart['stage']}: the whole build takes {ratio:.1f} times this"
        rows.append(_row(label, mart["median_seconds"], mart["median_cpu_seconds"], None))
    fits = [m for m in real.get("battery_models", []) if not m["stage"].startswith("(")]
    if fits:
        rows.append(
            _row(
                f"the battery's {len(fits)} fits alone (tables loaded once, no fit cache)",
                sum(m["median_seconds"] for m in fits),
                sum(m["median_cpu_seconds"] or 0 for m in fits),
                None,
            )
        )
    return rows


def _stage_note_lines(document: dict, real: dict) -> list[str]:
    notes = document.get("stage_notes") or {}
    measured = {stage["stage"] for stage in real.get("stages", [])}
    return [f"{name}: {notes[name]}." for name in NOTED_STAGES if name in measured and name in notes]


def _curve_sentence(curve: dict | None) -> str:
    if not curve:
        return "The specification curve's speed was not measured in this run."
    return (
        f"The specification curve in the same run: {curve['specifications']:,} specifications "
        f"({curve['fitted']:,} fitted) in {curve['fit_seconds']:.1f} s on both cores, "
        f"{curve['specifications_per_second']:.1f} per second ({curve['fit_cpu_seconds']:.0f} CPU s; "
        f"load average {_load(curve.get('load_average_before'))} before it). One plain "
        f"`statsmodels.formula` logit of the main specification with dyad-clustered errors took "
        f"{curve['yardstick_seconds']:.2f} s, {curve['ratio_yardstick_to_curve_per_specification']:.1f} "
        f"times the curve's time per specification."
    )


def _scaling_lines(scaling: dict | None) -> list[str]:
    points = (scaling or {}).get("points") or []
    if not points:
        return []
    names = [stage["stage"] for stage in points[0]["stages"]]
    lines = [
        "",
        f"Synthetic worlds of {', '.join(str(p['states']) for p in points)} states through "
        + " and ".join(f"`{name}`" for name in names)
        + " (median seconds, peak RSS MiB):",
        "",
        "| world | states | dyad-years | " + " | ".join(f"{name} s | {name} MiB" for name in names) + " |",
        "|---" * (3 + 2 * len(names)) + "|",
    ]
    for point in points:
        cells = [f"{point['scale']}x", str(point["states"]), f"{point['dyad_years'] or 0:,}"]
        for stage in point["stages"]:
            cells += [_seconds(stage["median_seconds"]), _mib(stage["peak_rss_mib"])]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def performance_table(document: dict) -> str:
    """The README block (markers excluded) for one bench.json document."""
    machine = document["machine"]
    real = document.get("real_data") or {}
    memory = machine.get("memory_gib")
    lines = [
        f"Measured by `make bench` on {document['generated'][:10]} (commit {machine.get('commit') or 'unknown'}; "
        f"{machine['cpu']}, {machine['cores']} cores, {memory if memory is not None else '?'} GiB; "
        f"Python {machine['python']}, DuckDB {machine['duckdb']}), each stage the median of "
        f"{document['repeats']} run(s) in a fresh process; load average (1 minute) "
        f"{_load(machine.get('load_average_at_start'))} at the start and "
        f"{_load(machine.get('load_average_at_end'))} at the end:",
        "",
    ]
    if real.get("skipped"):
        lines.append(f"The real-data stages were not measured: {real['skipped']}.")
    else:
        lines += ["| measured | wall s | CPU s | peak RSS MiB |", "|---|---|---|---|", *_stage_rows(real)]
        noted = _stage_note_lines(document, real)
        lines += ["", *noted] if noted else []
    lines += ["", _curve_sentence(document.get("specification_curve"))]
    lines += _scaling_lines(document.get("scaling"))
    return "\n".join(lines)


def replace_block(readme: str, block: str) -> str:
    try:
        start = readme.index(START) + len(START)
        end = readme.index(END, start)
    except ValueError:
        raise ReadmeBlockMissing(f"README.md has no block between {START!r} and {END!r}") from None
    return readme[:start] + "\n" + block + "\n" + readme[end:]


def readme_block(readme: str) -> str:
    """The text between the markers, without the line breaks that frame it."""
    start = readme.index(START) + len(START)
    return readme[start : readme.index(END, start)].strip("\n")


def write_readme_table(bench_json: Path, readme: Path) -> None:
    document = json.loads(Path(bench_json).read_text(encoding="utf-8"))
    text = readme.read_text(encoding="utf-8")
    write_text_atomically(readme, replace_block(text, performance_table(document)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dpeace.bench.readme_table", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--bench-json", type=Path, default=Path("reports/bench.json"))
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    args = parser.parse_args(argv)
    write_readme_table(args.bench_json, args.readme)
    print(f"Wrote the performance table of {args.readme} from {args.bench_json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

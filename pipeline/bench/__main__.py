"""`python -m dpeace.bench` (`make bench`): time and measure every stage.

A benchmark, not a test: slow figures are reported, never failed. It exits non-zero only
when a stage itself fails (then there is nothing to time).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from dpeace import paths
from dpeace.bench.curve import bench_curve
from dpeace.bench.machine import load_average, machine_info
from dpeace.bench.measure import StageFailed
from dpeace.bench.readme_table import write_readme_table
from dpeace.bench.real_data import REPO_ROOT, RealDataResult, bench_real_data
from dpeace.bench.report_table import (
    measurement_record,
    scale_record,
    scaling_table,
    stage_table,
    write_bench_json,
)
from dpeace.bench.scaling import BASE_STATES, MAIN_MODEL, bench_scaling
from dpeace.errors import PipelineError

# What each real-data row measures, for readers of bench.json.
STAGE_NOTES = {
    "fetch (first, from the mirror)": "`dpeace fetch` into an empty cache, copying from the mirror (one run)",
    "fetch (cache hit)": "`dpeace fetch` when every file is cached and verified",
    "build": "`dpeace build`: raw files to data/peace.duckdb through every SQL model, under the default "
    "memory limit (dpeace.transform.memory_limit)",
    "build, --memory-limit -1": "`dpeace build --memory-limit -1`: DuckDB's own cap, 80% of memory (one run)",
    "build, --memory-limit 1GB": "`dpeace build --memory-limit 1GB`: a higher cap than the default (one run)",
    "build + main model": "`dpeace build` then `dpeace model --only` the battery's main model (main_model in "
    "pipeline/model/battery.toml), fitted without storing, as one chain from the cached raw files: wall and "
    "CPU seconds of both processes, peak RSS the larger of the two processes' peaks",
    "model battery": "`dpeace model`: every model in pipeline/model/battery.toml",
    "specification curve": "`dpeace curve`: the specifications a default run fits (the declared sample of pipeline/model/curve_grid.toml; one run)",
    "report": "`dpeace report`: reports/democratic_peace.html",
    "fetch+build+model+curve+report, fresh": "the five verbs as one shell chain after removing the database, "
    "results and report (raw cache kept): a full run on a warm cache",
    "make report, fresh": "`make report` with the database, results, curve and report removed: make re-runs "
    "build, model, curve and report (fetch is up to date)",
    "make report, up to date": "`make report` with nothing changed: the cost of the incremental no-op",
}


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dpeace.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each stage; the median is reported (default 3)"
    )
    parser.add_argument("--skip-real", action="store_true", help="skip the stages on the real data")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the synthetic scaling runs")
    parser.add_argument("--skip-curve", action="store_true", help="skip the specification-curve speed test")
    parser.add_argument(
        "--skip-fresh",
        action="store_true",
        help="skip the two whole runs from a clean data folder (each fits the whole curve again)",
    )
    parser.add_argument(
        "--scales", default="1,2,4", help="world sizes as multiples of the base (default 1,2,4)"
    )
    parser.add_argument(
        "--base-states",
        type=int,
        default=BASE_STATES,
        help=f"states in the 1x synthetic world (default {BASE_STATES})",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path("data/bench"),
        help="the bench's own data folders (default data/bench, beside the data folder's own files)",
    )
    parser.add_argument(
        "--output", type=Path, default=None, help="where to write bench.json (default reports/bench.json)"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    try:
        args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--scales must be whole numbers separated by commas, not {args.scales!r}")
    if any(scale < 1 for scale in args.scales):
        parser.error(f"--scales must be 1 or more, not {args.scales}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    folder = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "bench.log"  # every stage's own output, for when one fails
    log_path.unlink(missing_ok=True)
    failures: list[str] = []
    document: dict = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(REPO_ROOT),
        "repeats": args.repeats,
        "bench_folder": str(folder),
        "stage_notes": STAGE_NOTES,
    }

    real = RealDataResult(skipped="--skip-real")
    if not args.skip_real:
        print(f"Real data: every stage {args.repeats} time(s) in {folder / 'real'} ...", flush=True)
        try:
            real = bench_real_data(folder / "real", args.repeats, log_path, fresh_runs=not args.skip_fresh)
        except StageFailed as error:
            failures.append(str(error))
            real = RealDataResult(skipped=f"a stage failed: {error}")
    document["real_data"] = {
        "skipped": real.skipped or None,
        "stages": [measurement_record(m) for m in real.stages],
        "sql_models": [measurement_record(m) for m in real.sql_models],
        "data_tests": [measurement_record(m) for m in real.data_tests],
        "battery_models": [measurement_record(m) for m in real.battery],
        "largest_mart": measurement_record(real.largest_mart) if real.largest_mart else None,
        "build_over_largest_mart": _build_over_largest_mart(real),
    }

    document["specification_curve"] = None
    if not args.skip_curve:
        try:
            document["specification_curve"] = run_curve_bench(folder, real)
        except PipelineError as error:
            failures.append(f"specification curve: {error}")

    points = []
    if not args.skip_scaling:
        print(
            f"Scaling: synthetic worlds of {', '.join(f'{s}x' for s in args.scales)} "
            f"{args.base_states} states ...",
            flush=True,
        )
        try:
            points = bench_scaling(folder, args.scales, args.repeats, log_path, base_states=args.base_states)
        except StageFailed as error:
            failures.append(str(error))
    document["scaling"] = {
        "base_states": args.base_states,
        "model": MAIN_MODEL,
        "points": [scale_record(p) for p in points],
    }

    document["machine"]["load_average_at_end"] = load_average()
    print_tables(document["machine"], real, points)
    output = write_bench_json(document, args.output or paths.reports_dir() / "bench.json")
    print(f"\nWrote {output}")
    # The README's table is the record of a whole run; a partial or failed run leaves it alone.
    if args.output is None and not failures and not real.skipped and not args.skip_curve:
        write_readme_table(output, REPO_ROOT / "README.md")
        print(f"Wrote the performance table of {REPO_ROOT / 'README.md'}")
    for failure in failures:
        print(f"\nbench: a stage failed (see {log_path}):\n{failure}", file=sys.stderr)
    return 1 if failures else 0


def run_curve_bench(folder: Path, real: RealDataResult) -> dict | None:
    """On the bench's real database if the real-data part built one, else on the user's."""
    database = folder / "real" / "data" / "peace.duckdb"
    if real.skipped or not database.exists():
        database = paths.database_path()
    if not database.exists():
        print("\nSpecification curve skipped: no real database (run `make build`)")
        return None
    print(f"\nSpecification curve: the whole grid on {database} ...", flush=True)
    curve = bench_curve(database)
    print(
        f"  {curve.specifications} specifications ({curve.fitted} fitted) in {curve.fit_seconds:.1f} s "
        f"(+ {curve.load_seconds:.1f} s loading): {curve.specifications_per_second:.1f} per second, "
        f"{curve.fit_cpu_seconds:.0f} CPU s; load average before {curve.load_average_before[0]}\n"
        f"  yardstick, one statsmodels.formula logit of the main specification clustered by dyad: "
        f"{curve.yardstick_seconds:.2f} s\n"
        f"  ratio (seconds per yardstick fit / seconds per curve specification): {curve.ratio:.1f}"
    )
    return curve.record()


def _build_over_largest_mart(real: RealDataResult) -> float | None:
    build = next((m for m in real.stages if m.stage == "build" and m.ok), None)
    if build is None or real.largest_mart is None or not real.largest_mart.runs:
        return None
    return round(build.median_seconds / real.largest_mart.median_seconds, 2)


def print_tables(machine: dict, real: RealDataResult, points) -> None:
    print(
        f"\nMachine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
        f"Python {machine['python']}, DuckDB {machine['duckdb']}; "
        f"load average {machine['load_average_at_start']} at start, {machine['load_average_at_end']} at end"
    )
    if real.stages:
        print("\nStages on the real data (warm cache; each a fresh process)\n")
        print(stage_table(real.stages))
        for measurement in real.stages:
            if measurement.note:
                print(f"  {measurement.stage}: {measurement.note}")
    else:
        print(f"\nReal data skipped: {real.skipped}")
    if real.sql_models:
        print("\nSQL models in the build (seconds from build_log.json)\n")
        print(stage_table(real.sql_models))
    if real.data_tests:
        print("\nData tests in the build, per query (seconds from build_log.json)\n")
        print(stage_table(real.data_tests))
    if real.largest_mart is not None:
        ratio = _build_over_largest_mart(real)
        print(
            f"\nThe build against DuckDB alone on its largest mart: {real.largest_mart.stage} "
            f"{real.largest_mart.median_seconds:.2f} s (median, {real.largest_mart.median_cpu_seconds:.1f} CPU s); "
            f"whole build / that = {'-' if ratio is None else f'{ratio:.1f}'}"
        )
    if real.battery:
        print("\nThe battery, per model (one process, tables loaded once, no fit cache)\n")
        print(stage_table(real.battery))
        fits = [m for m in real.battery if not m.stage.startswith("(")]
        print(
            f"  all {len(fits)} models: {sum(m.median_seconds for m in fits):.1f} s, "
            f"{sum(m.median_cpu_seconds or 0 for m in fits):.1f} CPU s"
        )
    if points:
        print("\nScaling on synthetic worlds (growth relative to the smallest)\n")
        print(scaling_table(points))


if __name__ == "__main__":
    raise SystemExit(main())

"""Time every stage on the real data, from a warm cache in a bench data folder.

The bench has its own data and reports folders (under the bench folder, by default
data/bench/real/), filled from the offline mirror, so it never touches the user's data/
or reports/. Each stage is a fresh `python -m dpeace <verb>` process, as a user runs it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dpeace.bench.battery import bench_battery
from dpeace.bench.largest_mart import bench_largest_mart
from dpeace.bench.measure import Measurement, Run, measure

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# The build's memory limits measured beside the default: -1 leaves DuckDB's own (80% of memory).
MEMORY_LIMITS_COMPARED = ("-1", "1GB")
# The stage that builds from the cached raw files and fits the main model, one chain.
BUILD_AND_MAIN_MODEL = "build + main model"
# The Makefile's set-up stamp; `make -o` keeps a bench from re-creating the virtualenv.
SETUP_STAMP = ".venv/.setup-done"


@dataclass
class RealDataResult:
    stages: list[Measurement] = field(default_factory=list)
    sql_models: list[Measurement] = field(default_factory=list)
    data_tests: list[Measurement] = field(default_factory=list)  # per query, from the build logs
    battery: list[Measurement] = field(default_factory=list)  # per model, fitted in the bench's process
    largest_mart: Measurement | None = None  # DuckDB alone on the build's largest mart
    build_log: dict = field(default_factory=dict)
    skipped: str = ""  # why the real-data part did not run, if it did not


def find_mirror() -> str | None:
    """DPEACE_MIRROR if set (a folder or a URL), else ../shared/mirror beside the repo."""
    configured = os.environ.get("DPEACE_MIRROR")
    if configured:
        return configured
    beside = REPO_ROOT.parent / "shared" / "mirror"
    return str(beside) if (beside / "MANIFEST.csv").exists() else None


def pipeline_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "dpeace", *arguments]


def bench_environment(data: Path, reports: Path, mirror: str | None = None) -> dict[str, str]:
    env = dict(os.environ, DPEACE_DATA=str(data.resolve()), DPEACE_REPORTS=str(reports.resolve()))
    if mirror:
        env["DPEACE_MIRROR"] = mirror
    return env


def main_model_id() -> str:
    """The battery's main model (`main_model` in pipeline/model/battery.toml)."""
    from dpeace.model.specification import load_battery

    return load_battery().main_model


def build_and_main_model_command(main_model: str) -> list[str]:
    """`dpeace build`, then `dpeace model --only MAIN` (fitted, printed, not stored), as one
    shell chain: the model runs only if the build succeeded, and the chain's peak memory
    (measure.py: the largest of any one process of the tree) is the larger of the two."""
    steps = (pipeline_command("build"), pipeline_command("model", "--only", main_model))
    return ["sh", "-c", " && ".join(shlex.join(step) for step in steps)]


def sql_model_seconds(build_log: dict) -> dict[str, float]:
    """Seconds per SQL model from build_log.json's "models": [{"name", "rows", "seconds", ...}]."""
    return {m["name"]: float(m["seconds"]) for m in build_log.get("models", [])}


def bench_real_data(folder: Path, repeats: int, log_path: Path, fresh_runs: bool = True) -> RealDataResult:
    """Every stage on the real data; fresh_runs False skips the two whole runs from a clean
    data folder (the shell chain and `make report`), each of which fits the whole curve again."""
    mirror = find_mirror()
    if mirror is None:
        return RealDataResult(
            skipped="the offline data mirror is absent (set DPEACE_MIRROR, or place it at "
            "../shared/mirror beside the repo)"
        )
    data, reports = folder / "data", folder / "reports"
    for path in (data, reports):
        path.mkdir(parents=True, exist_ok=True)
    env = bench_environment(data, reports, mirror)
    result = RealDataResult()

    def stage(name: str, *arguments: str, runs: int = repeats, **hooks) -> Measurement:
        measurement = measure(
            name, pipeline_command(*arguments), runs, env=env, cwd=REPO_ROOT, log_path=log_path, **hooks
        )
        result.stages.append(measurement)
        return measurement

    # The first fetch fills an empty cache from the mirror; measured once, for the record.
    shutil.rmtree(data / "raw", ignore_errors=True)
    stage("fetch (first, from the mirror)", "fetch", runs=1)
    stage("fetch (cache hit)", "fetch")

    build_logs: list[dict] = []
    stage("build", "build", after_each=lambda: build_logs.append(read_json(data / "build_log.json")))
    # The build's memory against its time: once each without DuckDB's cap and under a low one
    # (the build above runs under the default, dpeace.transform.memory_limit).
    for limit in MEMORY_LIMITS_COMPARED:
        stage(f"build, --memory-limit {limit}", "build", "--memory-limit", limit, runs=1)
    # What a researcher waits for to get one answer from the raw files (the yardstick
    # against peacesciencer's create_dyadyears() |> add_*() |> glm()): measured as one chain.
    result.stages.append(
        measure(
            BUILD_AND_MAIN_MODEL,
            build_and_main_model_command(main_model_id()),
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
        )
    )
    result.sql_models = _sql_model_measurements(build_logs)
    result.data_tests = _data_test_measurements(build_logs)
    result.build_log = build_logs[-1] if build_logs else {}
    result.largest_mart = bench_largest_mart(data / "peace.duckdb", result.build_log, folder, repeats)
    result.battery = bench_battery(data / "peace.duckdb")

    # Every run fits from scratch: the fit cache (data/cache) would make runs after the first free.
    def remove_fit_cache() -> None:
        shutil.rmtree(data / "cache", ignore_errors=True)

    stage("model battery", "model", before_each=remove_fit_cache)
    # Once: the curve's own speed is measured apart (pipeline/bench/curve.py).
    stage("specification curve", "curve", "--no-progress", runs=1, before_each=remove_fit_cache)
    stage("report", "report")

    outputs = [
        data / "peace.duckdb",
        data / "build_log.json",
        data / "model_results.json",
        data / "specification_curve.json",
        reports / "democratic_peace.html",
    ]

    def remove_outputs() -> None:
        for path in outputs:
            path.unlink(missing_ok=True)
        remove_fit_cache()

    chain = " && ".join(
        shlex.join(pipeline_command(verb)) for verb in ("fetch", "build", "model", "curve", "report")
    )
    make = ["make", "-o", SETUP_STAMP, "report"]
    if fresh_runs:
        _fresh_runs(result, chain, make, repeats, env, log_path, remove_outputs)
    else:
        # make's own stamps for a data folder the verbs filled: make then starts up to date.
        subprocess.run(make, env=env, cwd=REPO_ROOT, capture_output=True, check=False)
    # `make -q` exits 0 only when the target is up to date; if a source file changed
    # meanwhile (someone editing the tree), the figure is not a pure no-op: say so.
    up_to_date = subprocess.run([*make[:-1], "-q", "report"], env=env, cwd=REPO_ROOT).returncode == 0
    result.stages.append(
        measure("make report, up to date", make, repeats, env=env, cwd=REPO_ROOT, log_path=log_path)
    )
    result.stages[-1].note = (
        ""
        if up_to_date
        else "NOT a no-op: make found sources newer than the outputs (the tree changed meanwhile)"
    )

    # A report template touched (its mtime only): make re-renders the report and nothing else.
    template = REPO_ROOT / "pipeline" / "report" / "templates" / "report.html.j2"
    result.stages.append(
        measure(
            "make report, a template touched",
            make,
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
            before_each=lambda: os.utime(template),
        )
    )
    # One battery model edited: what make runs then (the model stage, the report), with a
    # copy of battery.toml in which one model's first year moves on every run, so that each
    # run refits exactly that model from a warm fit cache. The repo's battery.toml is not touched.
    edited = folder / "battery_one_model_edited.toml"
    original = (REPO_ROOT / "pipeline" / "model" / "battery.toml").read_text("utf-8")
    runs_so_far = iter(range(1, 1000))

    def edit_one_model() -> None:
        edited.write_text(_one_model_edited(original, next(runs_so_far)), encoding="utf-8")

    chain = " && ".join(
        [shlex.join(pipeline_command("model", "--spec", str(edited))), shlex.join(pipeline_command("report"))]
    )
    result.stages.append(
        measure(
            "one battery model edited: model + report",
            ["sh", "-c", chain],
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
            before_each=edit_one_model,
        )
    )
    # Back to the repo's battery (from the cache, untimed).
    subprocess.run(pipeline_command("model"), env=env, cwd=REPO_ROOT, capture_output=True, check=False)
    return result


EDITED_MODEL = 'id = "era_post1945"'


def _one_model_edited(battery: str, shift: int) -> str:
    """battery.toml with the post-1945 model starting `shift` years later."""
    start = battery.index("years = [1945", battery.index(EDITED_MODEL))
    return battery[:start] + f"years = [{1945 + shift}" + battery[start + len("years = [1945") :]


def _fresh_runs(
    result: RealDataResult, chain: str, make: list[str], repeats: int, env, log_path, remove_outputs
) -> None:
    """The verbs as one shell chain, then `make report`, each from a data folder without outputs.

    The Makefile takes its data and reports folders from DPEACE_DATA and DPEACE_REPORTS in env.
    """
    result.stages.append(
        measure(
            "fetch+build+model+curve+report, fresh",
            ["sh", "-c", chain],
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
            before_each=remove_outputs,
        )
    )

    result.stages.append(
        measure(
            "make report, fresh",
            make,
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
            before_each=remove_outputs,
        )
    )


def read_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def _data_test_measurements(build_logs: list[dict]) -> list[Measurement]:
    """Seconds per data-test query (one table's row-wise tests share one) from build_log.json's "data_tests"."""
    per_query: dict[str, Measurement] = {}
    for log in build_logs:
        for query in log.get("data_tests", []):
            name = f"{query['name']} ({query['tests']} test{'s' if query['tests'] != 1 else ''})"
            per_query.setdefault(name, Measurement(name)).runs.append(Run(float(query["seconds"]), None))
    return list(per_query.values())


def _sql_model_measurements(build_logs: list[dict]) -> list[Measurement]:
    per_model: dict[str, Measurement] = {}
    for log in build_logs:
        for name, seconds in sql_model_seconds(log).items():
            per_model.setdefault(name, Measurement(name)).runs.append(Run(seconds, None))
        total = log.get("seconds")  # the build's own total
        if total is not None:
            per_model.setdefault(
                "(whole build, as logged)", Measurement("(whole build, as logged)")
            ).runs.append(Run(float(total), None))
    return list(per_model.values())

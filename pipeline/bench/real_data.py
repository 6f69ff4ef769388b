"""Time every stage on the real data, from a warm cache in a bench data folder.

The bench has its own data and reports folders (under the bench folder, by default
build/bench/real/), filled from the offline mirror, so it never touches the user's data/
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

from dpeace.bench.measure import Measurement, Run, measure

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# The Makefile's set-up stamp; `make -o` keeps a bench from re-creating the virtualenv.
SETUP_STAMP = ".venv/.setup-done"


@dataclass
class RealDataResult:
    stages: list[Measurement] = field(default_factory=list)
    sql_models: list[Measurement] = field(default_factory=list)
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


def sql_model_seconds(build_log: dict) -> dict[str, float]:
    """Seconds per SQL model from build_log.json's "models": [{"name", "rows", "seconds", ...}]."""
    return {m["name"]: float(m["seconds"]) for m in build_log.get("models", [])}


def bench_real_data(folder: Path, repeats: int, log_path: Path) -> RealDataResult:
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
    result.sql_models = _sql_model_measurements(build_logs)

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

    # The Makefile takes its data and reports folders from DPEACE_DATA and DPEACE_REPORTS in env.
    make = ["make", "-o", SETUP_STAMP, "report"]
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
    return result


def read_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


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

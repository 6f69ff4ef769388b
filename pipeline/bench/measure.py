"""Run one command as a fresh process and measure what a user would wait for.

Wall time is taken around the whole process (interpreter start-up included, as a user
running `dpeace build` waits for it). Peak memory is the largest resident set size
reached by any one process of the command's tree (the command, or a descendant it
waited for: for `make report`, the biggest stage), not their sum. A small wrapper
process runs the command and reports getrusage(RUSAGE_CHILDREN) for it: a fresh wrapper
per run keeps earlier runs out of the maximum, and since a child starts as a copy of its
parent, a small wrapper keeps the bench's own memory (large after generating a synthetic
world) out of the command's figure.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float | None  # None when only a time is known (a SQL model inside a build)
    returncode: int = 0
    # User + system CPU time: on a shared machine it moves less than wall time does.
    cpu_seconds: float | None = None


@dataclass
class Measurement:
    """Several runs of one stage, summarised for the table and bench.json."""

    stage: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    extra: dict = field(default_factory=dict)  # e.g. dyad-years for a scaling point

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.returncode == 0 for run in self.runs)

    @property
    def median_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def min_seconds(self) -> float:
        return min(run.seconds for run in self.runs)

    @property
    def max_seconds(self) -> float:
        return max(run.seconds for run in self.runs)

    @property
    def median_cpu_seconds(self) -> float | None:
        known = [run.cpu_seconds for run in self.runs if run.cpu_seconds is not None]
        return statistics.median(known) if known else None

    @property
    def peak_rss_mib(self) -> float | None:
        known = [run.peak_rss_mib for run in self.runs if run.peak_rss_mib is not None]
        return max(known) if known else None


class StageFailed(RuntimeError):
    """A measured command exited non-zero; the message carries the end of its log."""


def run_measured(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log_path: Path | None = None,
) -> Run:
    """Run `command` to completion; its output goes to log_path (or is discarded)."""
    log = open(log_path, "ab") if log_path else open(os.devnull, "wb")
    with log, tempfile.TemporaryDirectory(prefix="dpeace-bench-") as scratch:
        result_path = Path(scratch) / "run.json"
        subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(result_path), *command],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
        result = json.loads(result_path.read_text("utf-8"))
    return Run(
        seconds=result["seconds"],
        peak_rss_mib=_rss_mib(result["maxrss"]),
        returncode=result["returncode"],
        cpu_seconds=result["cpu_seconds"],
    )


# Runs argv[2:], then writes its wall time, peak RSS and exit code to the file argv[1].
_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
try:
    returncode = subprocess.call(sys.argv[2:])
except OSError as error:  # the command could not be started at all
    print(error, file=sys.stderr)
    returncode = 127
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "maxrss": usage.ru_maxrss, "returncode": returncode,
               "cpu_seconds": usage.ru_utime + usage.ru_stime}, out)
"""


def _rss_mib(maxrss: int) -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def measure(
    stage: str,
    command: list[str],
    repeats: int,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log_path: Path | None = None,
    before_each=None,
    after_each=None,
) -> Measurement:
    """Run a stage `repeats` times; before_each() resets state (outside the timing),
    after_each() collects per-run detail such as the build log."""
    measurement = Measurement(stage)
    for _ in range(repeats):
        if before_each:
            before_each()
        run = run_measured(command, env=env, cwd=cwd, log_path=log_path)
        measurement.runs.append(run)
        if run.returncode != 0:
            raise StageFailed(_failure_message(stage, command, run, log_path))
        if after_each:
            after_each()
    return measurement


def _failure_message(stage: str, command: list[str], run: Run, log_path: Path | None) -> str:
    tail = ""
    if log_path and Path(log_path).exists():
        tail = "\n".join(Path(log_path).read_text("utf-8", errors="replace").splitlines()[-15:])
    return f"{stage}: `{' '.join(command)}` exited with {run.returncode}\n{tail}"

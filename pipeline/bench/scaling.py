"""How build and model time and memory grow with the number of states.

Synthetic worlds with 1x, 2x, 4x ... the base number of states (so about 4x and 16x as
many dyad-years) are written as warm raw caches in their own bench data folders, then
each is built and the main model fitted, each a fresh process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dpeace.bench.measure import Measurement, Run, measure
from dpeace.bench.real_data import REPO_ROOT, bench_environment, pipeline_command, read_json
from dpeace.bench.synthetic_world import generate_world, write_world

# 50 states over 1816-2016 give about 55,000 dyad-years; 4x (200 states, about the
# real system's count over two centuries) builds and fits in well under a minute.
BASE_STATES = 50
MAIN_MODEL = "joint_democracy"


@dataclass
class ScalePoint:
    scale: int
    states: int
    dyad_years: int | None = None
    disputes: int = 0
    stages: list[Measurement] = field(default_factory=list)


def count_dyad_years(database: Path) -> int | None:
    if not database.exists():
        return None
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("SELECT count(*) FROM dyad_years").fetchone()[0]


def bench_scale(
    folder: Path, scale: int, repeats: int, log_path: Path, *, base_states: int = BASE_STATES, seed: int = 0
) -> ScalePoint:
    data, reports = folder / "data", folder / "reports"
    world = generate_world(base_states * scale, seed=seed)
    write_world(world, data / "raw")
    env = bench_environment(data, reports)
    point = ScalePoint(scale, base_states * scale, disputes=len(world.disputes))
    del world  # the bench's own memory does not matter to the measured processes, but need not grow

    # Every `dpeace` process pays the same start-up (imports) whatever the world's size;
    # the build's own logged time shows the growth of the SQL work without it.
    logged = Measurement("build, SQL (logged)", note="seconds from build_log.json, without process start-up")
    point.stages.append(
        measure(
            "build",
            pipeline_command("build"),
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
            after_each=lambda: logged.runs.append(Run(read_json(data / "build_log.json")["seconds"], None)),
        )
    )
    point.stages.append(logged)
    point.dyad_years = count_dyad_years(data / "peace.duckdb")
    point.stages.append(
        measure(
            f"model {MAIN_MODEL}",
            pipeline_command("model", "--only", MAIN_MODEL),
            repeats,
            env=env,
            cwd=REPO_ROOT,
            log_path=log_path,
        )
    )
    return point


def bench_scaling(
    folder: Path, scales: list[int], repeats: int, log_path: Path, *, base_states: int = BASE_STATES
) -> list[ScalePoint]:
    return [
        bench_scale(folder / f"scale-{scale}x", scale, repeats, log_path, base_states=base_states)
        for scale in scales
    ]

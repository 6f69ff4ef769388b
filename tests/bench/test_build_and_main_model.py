"""The bench's "build + main model" chain: both processes measured as one, on a fixture
world of raw files, and its peak memory the larger of the two processes' peaks."""

from __future__ import annotations

import shlex
import sys

import pytest

from dpeace.bench.measure import StageFailed, measure
from dpeace.bench.real_data import (
    REPO_ROOT,
    bench_environment,
    build_and_main_model_command,
    main_model_id,
    pipeline_command,
)
from dpeace.bench.synthetic_world import generate_world, write_world
from dpeace.model.specification import load_battery


def chain(*scripts: str) -> list[str]:
    return ["sh", "-c", " && ".join(shlex.join([sys.executable, "-c", script]) for script in scripts)]


def test_the_chains_peak_is_the_larger_processs_not_their_sum():
    # 120 MiB then 160 MiB: the sum (280) and the first alone (120) are both out of range.
    for order in ((120, 160), (160, 120)):
        run = measure("chain", chain(*(f"block = bytearray({m} * 2**20)" for m in order)), 1).runs[0]
        assert 160 <= run.peak_rss_mib < 250, order


def test_a_failed_build_stops_the_chain_before_the_model(tmp_path):
    marker = tmp_path / "model-ran"
    with pytest.raises(StageFailed, match="exited with 2"):
        measure("chain", chain("raise SystemExit(2)", f"open({str(marker)!r}, 'w')"), 1)
    assert not marker.exists()


def test_the_main_model_is_the_batterys():
    battery = load_battery()
    assert main_model_id() == battery.main_model == "joint_democracy"
    command = build_and_main_model_command("joint_democracy")
    assert command[:2] == ["sh", "-c"]
    build, model = command[2].split(" && ")
    assert shlex.split(build) == pipeline_command("build")
    assert shlex.split(model) == pipeline_command("model", "--only", "joint_democracy")


def test_the_chain_builds_from_raw_files_and_fits_the_main_model(tmp_path):
    data, reports = tmp_path / "data", tmp_path / "reports"
    write_world(generate_world(20, seed=3), data / "raw")
    env = bench_environment(data, reports)
    log = tmp_path / "bench.log"
    measured = measure(
        "build + main model",
        build_and_main_model_command(main_model_id()),
        1,
        env=env,
        cwd=REPO_ROOT,
        log_path=log,
    )
    assert measured.ok and len(measured.runs) == 1
    assert (data / "peace.duckdb").exists() and (data / "build_log.json").exists()
    output = log.read_text("utf-8")
    # The model's whole table, printed and not stored: the fit cache and results stay absent.
    assert "joint_democracy: Joint democracy + controls" in output
    assert "converged: yes" in output
    assert not (data / "model_results.json").exists()
    assert measured.runs[0].cpu_seconds > 0 and measured.runs[0].peak_rss_mib > 0

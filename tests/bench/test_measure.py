"""Measuring a fresh process: its exit code and its own peak memory, known in advance."""

from __future__ import annotations

import sys

import pytest

from dpeace.bench.measure import StageFailed, measure, run_measured


def test_peak_memory_is_the_childs_own():
    # The child holds 150 MiB at once; an interpreter alone stays far below that.
    big = run_measured([sys.executable, "-c", "block = bytearray(150 * 2**20)"])
    small = run_measured([sys.executable, "-c", "pass"])
    assert big.returncode == 0
    assert 150 <= big.peak_rss_mib < 250
    assert big.cpu_seconds > 0
    assert small.peak_rss_mib < 100  # the earlier, larger child does not leak into it


def test_a_failing_stage_stops_the_measurement_with_its_output(tmp_path):
    log = tmp_path / "bench.log"
    with pytest.raises(StageFailed, match="exited with 3(.|\n)*broken on purpose"):
        measure(
            "broken",
            [sys.executable, "-c", "import sys; print('broken on purpose'); sys.exit(3)"],
            2,
            log_path=log,
        )


def test_a_command_that_cannot_start_is_a_failure_not_a_crash():
    assert run_measured(["/nonexistent/dpeace-command"]).returncode == 127


def test_each_run_is_counted_and_hooks_run_around_it():
    calls = []
    m = measure(
        "noop",
        [sys.executable, "-c", "pass"],
        3,
        before_each=lambda: calls.append("before"),
        after_each=lambda: calls.append("after"),
    )
    assert len(m.runs) == 3 and m.ok
    assert calls == ["before", "after"] * 3

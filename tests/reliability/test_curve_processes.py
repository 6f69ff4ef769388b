"""Case 6 of issue 18: the curve's forked workers die with their parent, the data folder's
lock is never held by a process that is not a running stage, and Ctrl-C ends the run within
a few seconds keeping nothing half-written."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dpeace.data_lock import data_folder_lock
from tests.curve.synthetic_curve import simulate_curve_dyad_years, write_dyad_years
from tests.reliability.conftest import sums

# How long the workers may take to end, on a machine shared by several jobs.
ENDS_WITHIN_SECONDS = 10


@pytest.fixture(scope="module")
def curve_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("curve-processes") / "peace.duckdb"
    write_dyad_years(path, simulate_curve_dyad_years())
    return path


@pytest.fixture()
def data_folder(data_dir, curve_database) -> Path:
    (data_dir / "peace.duckdb").write_bytes(curve_database.read_bytes())
    return data_dir


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead child its new parent has not reaped yet)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_curve(data_folder: Path) -> tuple[subprocess.Popen, set[int]]:
    """`dpeace curve` in a session of its own, once its two workers are fitting."""
    process = subprocess.Popen(
        [sys.executable, "-m", "dpeace", "curve", "--workers", "2", "--no-progress"],
        env={**os.environ, "DPEACE_DATA": str(data_folder)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        workers = children_of(process.pid)
    assert len(workers) == 2, f"no workers: {process.communicate()}"
    time.sleep(1.0)  # well into the grid
    assert process.poll() is None, "the curve ended before the test could stop it"
    return process, workers


def wait_until_gone(pids: set[int]) -> set[int]:
    """The pids still running after a few seconds; those are then killed, so that a failing
    test leaves no process behind."""
    deadline = time.monotonic() + ENDS_WITHIN_SECONDS
    while time.monotonic() < deadline and any(running(pid) for pid in pids):
        time.sleep(0.1)
    left = {pid for pid in pids if running(pid)}
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and uses Linux's parent-death signal"
)
def test_killing_the_curve_leaves_no_worker_and_frees_the_lock(data_folder):
    before = sums(data_folder)
    process, workers = start_curve(data_folder)

    process.kill()  # kill -9: the parent runs no code of its own on the way out
    process.wait()

    assert wait_until_gone(workers) == set()
    with data_folder_lock("build"):  # the next writer takes the lock
        pass
    assert sums(data_folder) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_ends_the_curve_within_seconds_keeping_nothing(data_folder):
    before = sums(data_folder)
    process, workers = start_curve(data_folder)

    signalled = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
    try:
        code = process.wait(timeout=ENDS_WITHIN_SECONDS)
    finally:
        ended_after = time.monotonic() - signalled
        process.kill()
        left = wait_until_gone(workers)
    _, err = process.communicate()

    assert code == 130
    assert "dpeace curve: interrupted; nothing half-written was kept" in err.decode()
    assert "Traceback" not in err.decode()
    assert ended_after < ENDS_WITHIN_SECONDS
    assert left == set()
    assert not (data_folder / "specification_curve.json").exists()
    assert sums(data_folder) == before
    with data_folder_lock("build"):
        pass

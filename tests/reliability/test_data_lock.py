"""The data folder's writer lock, on both of its ways of locking: the POSIX record lock (where
`fcntl` exists) and filelock's marker (where it does not, as on Windows; here by running
with `fcntl` made unimportable). On each: a second writer is refused at once naming the
holder, the lock is free again once its holder leaves or dies (kill -9 included), and a
forked child never holds it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from dpeace import data_lock
from dpeace.data_lock import DataFolderBusy, MarkerLock, RecordLock, data_folder_lock

# How a child Python is made to run without fcntl: the import fails, as on Windows.
WITHOUT_FCNTL = "import sys\nsys.modules['fcntl'] = None\n"
BACKENDS = {"record": "", "marker": WITHOUT_FCNTL}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request, data_dir, monkeypatch) -> str:
    """The way of locking under test, in this process and in the child Pythons it starts."""
    if request.param == "marker":
        monkeypatch.setattr(data_lock, "fcntl", None)
    return request.param


def python(backend: str, body: str) -> subprocess.Popen:
    """A child Python running `body` with the backend's fcntl (or none), its output piped."""
    return subprocess.Popen(
        [sys.executable, "-c", BACKENDS[backend] + body],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def free(stage: str = "build") -> bool:
    try:
        with data_folder_lock(stage):
            return True
    except DataFolderBusy:
        return False


def test_the_lock_is_a_record_lock_with_fcntl_and_a_marker_without(data_dir, monkeypatch):
    assert isinstance(data_lock.platform_lock(data_dir), RecordLock)
    assert data_lock.lock_path() == data_dir / ".dpeace.lock"
    monkeypatch.setattr(data_lock, "fcntl", None)
    assert isinstance(data_lock.platform_lock(data_dir), MarkerLock)
    assert data_lock.lock_path() == data_dir / ".dpeace.lock.marker"


def test_a_child_python_without_fcntl_takes_the_marker(data_dir):
    child = python(
        "marker", "from dpeace import data_lock\nprint(data_lock.fcntl, data_lock.lock_path().name)"
    )
    out, err = child.communicate(timeout=60)
    assert out.split() == ["None", ".dpeace.lock.marker"], err


def test_a_second_writer_in_the_same_process_is_refused_at_once(backend):
    with data_folder_lock("build"):
        started = time.monotonic()
        with pytest.raises(DataFolderBusy) as refused:
            with data_folder_lock("fetch"):
                pass
        assert time.monotonic() - started < 1
    message = str(refused.value)
    assert f"`dpeace build` (process {os.getpid()}) is writing to the data folder" in message
    assert "then run `dpeace fetch` again" in message
    assert free()  # the refused attempt did not disturb the holder's release


def test_a_writer_in_another_process_is_refused_naming_it_then_takes_over_when_it_dies(backend):
    holder = python(
        backend,
        "import time\nfrom dpeace.data_lock import data_folder_lock\n"
        "with data_folder_lock('fetch'):\n    print('locked', flush=True)\n    time.sleep(60)\n",
    )
    try:
        assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
        started = time.monotonic()
        with pytest.raises(DataFolderBusy, match=rf"`dpeace fetch` \(process {holder.pid}\) is writing"):
            with data_folder_lock("build"):
                pass
        assert time.monotonic() - started < 5
    finally:
        holder.kill()  # kill -9: the holder releases nothing itself
        holder.wait()
    assert free()


def test_the_lock_is_free_once_its_holder_leaves_the_block_and_once_it_exits(backend):
    left_block = python(
        backend,
        "import time\nfrom dpeace.data_lock import data_folder_lock\n"
        "with data_folder_lock('model'):\n    pass\nprint('left', flush=True)\ntime.sleep(60)\n",
    )
    try:
        assert left_block.stdout.readline().strip() == "left", left_block.stderr.read()
        assert free()  # released while the process still runs
    finally:
        left_block.kill()
        left_block.wait()
    failed = python(
        backend,
        "from dpeace.data_lock import data_folder_lock\n"
        "with data_folder_lock('model'):\n    raise SystemExit(3)\n",
    )
    failed.communicate(timeout=60)
    assert failed.returncode == 3
    assert free()


FORK_THEN_DIE = (
    "import os, time\nfrom dpeace.data_lock import data_folder_lock\n"
    "with data_folder_lock('curve'):\n"
    "    if os.fork() == 0:\n"
    "        time.sleep(20)\n"
    "        os._exit(0)\n"
    "    print('forked', flush=True)\n"
    "    os._exit(0)  # as a killed stage would: no release, its worker still running\n"
)


def test_a_forked_child_that_outlives_the_stage_does_not_hold_the_lock(backend):
    """The curve forks workers while it holds the lock. Checked at once after the stage ends,
    several times over: a child that kept the lock only until it got round to closing its copy
    would be caught in the act."""
    for _ in range(5):
        stage = python(backend, FORK_THEN_DIE)
        assert stage.stdout.readline().strip() == "forked", stage.stderr.read()
        stage.wait()
        assert free()


def test_a_forked_child_leaving_the_block_does_not_release_its_parents_lock(backend):
    stage = python(
        backend,
        "import os, sys, time\nfrom dpeace.data_lock import data_folder_lock\n"
        "with data_folder_lock('curve'):\n"
        "    child = os.fork()\n"
        "    if child == 0:\n"
        "        sys.exit(0)  # through the block's exit and the interpreter's\n"
        "    os.waitpid(child, 0)\n"
        "    print('child gone', flush=True)\n"
        "    time.sleep(60)\n",
    )
    try:
        assert stage.stdout.readline().strip() == "child gone", stage.stderr.read()
        with pytest.raises(DataFolderBusy, match=rf"`dpeace curve` \(process {stage.pid}\) is writing"):
            with data_folder_lock("build"):
                pass
    finally:
        stage.kill()
        stage.wait()


def test_a_forked_child_may_not_take_the_lock_its_parent_holds(backend):
    with data_folder_lock("curve"):
        child = os.fork()
        if child == 0:
            # Whatever happens here, the child ends with a code and runs none of pytest's exit.
            try:
                with data_folder_lock("build"):
                    os._exit(1)
            except DataFolderBusy as refused:
                os._exit(0 if f"`dpeace curve` (process {os.getppid()})" in str(refused) else 2)
            except BaseException:
                os._exit(3)
        _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0

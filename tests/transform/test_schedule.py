"""Running statements two at a time, each after the ones it needs (dpeace.transform.schedule)."""

from __future__ import annotations

import threading

import duckdb
import pytest

from dpeace.transform.schedule import run_concurrently

# Long enough never to pass by chance on a loaded machine; only a failure waits for it.
PATIENCE = 30


def test_a_job_runs_after_the_jobs_it_needs_and_sees_their_tables(tmp_path):
    # c reads a and b; d reads c. Each job creates its table on its own cursor; the results
    # come back in the jobs' order, whatever order they finished in.
    con = duckdb.connect(str(tmp_path / "jobs.duckdb"))
    statements = {
        "a": "create table a as select 1 as n",
        "b": "create table b as select 2 as n",
        "c": "create table c as select (select n from a) + (select n from b) as n",
        "d": "create table d as select n * 10 as n from c",
    }
    needs = {"a": [], "b": [], "c": ["a", "b"], "d": ["c"]}

    def run(cursor, job):
        cursor.execute(statements[job])
        return job, cursor.execute(f"select n from {job}").fetchall()[0][0]

    assert run_concurrently(con, list(statements), run, needs=needs.get) == [
        ("a", 1),
        ("b", 2),
        ("c", 3),
        ("d", 30),
    ]


def test_two_independent_jobs_run_at_the_same_time():
    # Each job waits at a barrier for the other: run one after the other, the first would
    # wait in vain and the barrier break.
    barrier = threading.Barrier(2, timeout=PATIENCE)
    threads = set()

    def run(cursor, job):
        barrier.wait()
        threads.add(threading.get_ident())
        return cursor.execute(f"select {job}").fetchall()[0][0]

    assert run_concurrently(duckdb.connect(), [1, 2], run) == [1, 2]
    assert len(threads) == 2


def test_a_job_that_needs_a_running_one_waits_for_it():
    # b needs a: b may start only once a has finished, though a worker is free meanwhile.
    a_finished = threading.Event()
    seen_by_b = []

    def run(cursor, job):
        if job == "a":
            # Gives b time to start too early, were it allowed to.
            a_finished.wait(0.2)
            a_finished.set()
        else:
            seen_by_b.append(a_finished.is_set())
        return job

    assert run_concurrently(duckdb.connect(), ["a", "b"], run, needs={"a": [], "b": ["a"]}.get) == ["a", "b"]
    assert seen_by_b == [True]


def test_after_a_failure_nothing_that_needs_it_starts_and_the_earliest_failure_is_raised():
    # a and b fail; c needs a, d needs nothing but comes after the failures: neither starts.
    # The failure raised is a's, the earliest job in the list, whichever failed first.
    started = []
    lock = threading.Lock()

    def run(cursor, job):
        with lock:
            started.append(job)
        if job in ("a", "b"):
            cursor.execute(f"select cast('{job}' as integer)")
        return job

    with pytest.raises(duckdb.ConversionException, match="'a'"):
        run_concurrently(
            duckdb.connect(), ["a", "b", "c", "d"], run, needs={"a": [], "b": [], "c": ["a"], "d": []}.get
        )
    assert sorted(started) == ["a", "b"]


def test_each_worker_works_on_a_cursor_of_its_own_which_is_closed_at_the_end():
    con = duckdb.connect()
    cursors = []

    def run(cursor, job):
        cursors.append(cursor)
        return job

    run_concurrently(con, ["a", "b", "c"], run)
    assert cursors and all(cursor is not con for cursor in cursors)
    for cursor in cursors:
        with pytest.raises(duckdb.ConnectionException):
            cursor.execute("select 1")

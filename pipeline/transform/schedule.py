"""Running the build's SQL on two connections at once, each statement as soon as it may run.

Most models are small: their time goes to planning and committing, which one thread does
while the other core idles. Run two at a time, each on a cursor of its own (DuckDB releases
the interpreter while it works), and the small ones fit beside each other and beside the
long ones, which DuckDB spreads over its threads anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

import duckdb

Job = TypeVar("Job", bound=Hashable)
Result = TypeVar("Result")

# Two: the machines dpeace runs on have two cores or more, and DuckDB already spreads one
# big statement over all of them.
WORKERS = 2


def run_concurrently(
    con: duckdb.DuckDBPyConnection,
    jobs: list[Job],
    run: Callable[[duckdb.DuckDBPyConnection, Job], Result],
    needs: Callable[[Job], Iterable[Job]] = lambda job: (),
    workers: int = WORKERS,
) -> list[Result]:
    """run(cursor, job) for every job, on `workers` cursors of `con`; the results in the jobs' order.

    A job starts only after every job that needs(job) names has finished; among the jobs
    ready to start, the earliest in `jobs` goes first. On a failure no further job starts,
    the running ones finish, and the failure of the earliest job in `jobs` is raised.
    """
    position = {job: index for index, job in enumerate(jobs)}
    waiting = {job: {need for need in needs(job) if need in position} for job in jobs}
    results: dict[Job, Result] = {}
    errors: dict[Job, BaseException] = {}
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []
    lock = threading.Lock()

    def on_own_cursor(job: Job) -> Result:
        cursor = getattr(local, "cursor", None)
        if cursor is None:
            cursor = local.cursor = con.cursor()
            with lock:
                cursors.append(cursor)
        return run(cursor, job)

    running: dict[Future, Job] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="build") as pool:
            while waiting or running:
                if not errors:
                    ready = sorted((job for job, left in waiting.items() if not left), key=position.get)
                    for job in ready[: workers - len(running)]:
                        del waiting[job]
                        running[pool.submit(on_own_cursor, job)] = job
                if not running:
                    break  # after a failure, once the running jobs are done
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    error = future.exception()
                    if error is not None:
                        errors[job] = error
                        continue
                    results[job] = future.result()
                    for left in waiting.values():
                        left.discard(job)
    finally:
        for cursor in cursors:
            cursor.close()
    if errors:
        raise errors[min(errors, key=position.get)]
    return [results[job] for job in jobs]

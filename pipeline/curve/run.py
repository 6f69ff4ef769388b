"""Fitting the whole grid on both cores, with the same result whatever the scheduling.

The frame is loaded once in the parent; worker processes are forked after that, so they
share its memory instead of each reading the database. The parent owns them: Ctrl-C or any
failure ends them at once, and they die with the parent however it ends. A batch is always fitted whole by
one worker, in the same order, from the same warm starts, so its numbers do not depend on
which worker ran it or when; results are put back in grid order.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys

from tqdm import tqdm

from dpeace.child_processes import die_with_parent
from dpeace.curve.blas import limit_blas_threads
from dpeace.curve.fit import fit_batch
from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import Grid, Specification
from dpeace.curve.reused_memory import ReusedMemory

# Set in the parent before the workers fork; read by them.
_SHARED: dict = {}
PROGRESS_POLL_SECONDS = 0.2


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def fit_grid(
    frame: AnalysisFrame,
    grid: Grid,
    workers: int | None = None,
    progress: bool = True,
    specifications: list[Specification] | None = None,
) -> list[dict]:
    """One result row per specification (all of the grid's, or those given), in grid order."""
    chosen = grid.specifications if specifications is None else tuple(specifications)
    if not chosen:
        return []
    limit_blas_threads()  # before the workers fork, so that they inherit it
    positions = {spec.position for spec in chosen}
    batches = [
        batch
        for batch in (tuple(spec for spec in whole if spec.position in positions) for whole in grid.batches())
        if batch
    ]
    workers = min(workers or default_workers(), len(batches))
    bar = tqdm(
        total=len(chosen),
        desc="specifications",
        unit="spec",
        file=sys.stderr,
        # In a log (make's output redirected, CI) a bar is only noise: the summary line says it all.
        disable=not (progress and sys.stderr.isatty()),
        leave=False,
    )
    rows: dict[int, dict] = {}
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            memory = ReusedMemory(frame.n_rows)
            for batch in batches:
                for row in fit_batch(frame, batch, on_fitted=lambda: bar.update(1), memory=memory):
                    rows[row["position"]] = row
        else:
            for row in _fit_in_workers(frame, batches, workers, bar):
                rows[row["position"]] = row
    finally:
        bar.close()
    return [rows[spec.position] for spec in chosen]


def _fit_in_workers(frame: AnalysisFrame, batches, workers: int, bar) -> list[dict]:
    """Fit the batches on `workers` forked processes that this process owns: they ignore
    Ctrl-C (the parent stops them), die with the parent (a parent-death signal), and are
    killed at once when the parent stops early, so no worker outlives the run."""
    context = multiprocessing.get_context("fork")
    fitted_signals = context.SimpleQueue() if bar.disable else context.Queue()
    # each worker forks its own copy of the (empty) memory, which its batches then share
    _SHARED.update(
        frame=frame,
        batches=batches,
        signals=None if bar.disable else fitted_signals,
        memory=ReusedMemory(frame.n_rows),
    )
    rows: list[dict] = []
    pool = context.Pool(workers, initializer=_become_worker, initargs=(os.getpid(),))
    try:
        pending = [pool.apply_async(_fit_shared_batch, (index,)) for index in range(len(batches))]
        while pending:
            pending[0].wait(PROGRESS_POLL_SECONDS)
            still = []
            for result in pending:
                if result.ready():
                    rows += result.get()
                else:
                    still.append(result)
            pending = still
            if not bar.disable:
                bar.update(_drain(fitted_signals))
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        _SHARED.clear()
    return rows


def _become_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent alone answers it, by ending the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _drain(signals) -> int:
    count = 0
    while True:
        try:
            signals.get_nowait()
        except queue.Empty:
            return count
        count += 1


def _fit_shared_batch(index: int) -> list[dict]:
    signals = _SHARED["signals"]
    on_fitted = None if signals is None else (lambda: signals.put(1))
    return fit_batch(
        _SHARED["frame"], _SHARED["batches"][index], on_fitted=on_fitted, memory=_SHARED["memory"]
    )

"""Fitting the whole grid on both cores, with the same result whatever the scheduling.

The frame is loaded once in the parent; worker processes are forked after that, so they
share its memory instead of each reading the database. A batch is always fitted whole by
one worker, in the same order, from the same warm starts, so its numbers do not depend on
which worker ran it or when; results are put back in grid order.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from tqdm import tqdm

from dpeace.curve.blas import limit_blas_threads
from dpeace.curve.fit import fit_batch
from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import Grid, Specification

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
            for batch in batches:
                for row in fit_batch(frame, batch, on_fitted=lambda: bar.update(1)):
                    rows[row["position"]] = row
        else:
            for row in _fit_in_workers(frame, batches, workers, bar):
                rows[row["position"]] = row
    finally:
        bar.close()
    return [rows[spec.position] for spec in chosen]


def _fit_in_workers(frame: AnalysisFrame, batches, workers: int, bar) -> list[dict]:
    context = multiprocessing.get_context("fork")
    fitted_signals = context.SimpleQueue() if bar.disable else context.Queue()
    _SHARED.update(frame=frame, batches=batches, signals=None if bar.disable else fitted_signals)
    rows: list[dict] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            pending = {pool.submit(_fit_shared_batch, index) for index in range(len(batches))}
            while pending:
                done, pending = wait(pending, timeout=PROGRESS_POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    rows += future.result()
                if not bar.disable:
                    bar.update(_drain(fitted_signals))
    finally:
        _SHARED.clear()
    return rows


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
    return fit_batch(_SHARED["frame"], _SHARED["batches"][index], on_fitted=on_fitted)

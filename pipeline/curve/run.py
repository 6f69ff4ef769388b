"""Fitting the whole grid on both cores, with the same result whatever the scheduling.

The frame is loaded once in the parent; worker processes are forked after that, so they
share its memory instead of each reading the database. A batch is always fitted whole by
one worker, in the same order, from the same warm starts, so its numbers do not depend on
which worker ran it or when; results are put back in grid order.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

from tqdm import tqdm

from pipeline.curve.blas import limit_blas_threads
from pipeline.curve.fit import fit_batch
from pipeline.curve.frame import AnalysisFrame
from pipeline.curve.grid import Grid

# Set in the parent before the workers fork; read by them.
_SHARED: dict = {}


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def fit_grid(frame: AnalysisFrame, grid: Grid, workers: int | None = None, progress: bool = True) -> list[dict]:
    """One result row per specification, in grid order."""
    limit_blas_threads()  # before the workers fork, so that they inherit it
    batches = grid.batches()
    workers = workers or default_workers()
    bar = tqdm(
        total=len(grid.specifications), desc="specifications", unit="spec", file=sys.stderr,
        disable=not progress, leave=False,
    )
    rows: dict[int, dict] = {}
    try:
        if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                for row in fit_batch(frame, batch):
                    rows[row["position"]] = row
                bar.update(len(batch))
        else:
            _SHARED.update(frame=frame, batches=batches)
            try:
                context = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                    futures = {pool.submit(_fit_shared_batch, index): index for index in range(len(batches))}
                    for future in as_completed(futures):
                        batch_rows = future.result()
                        for row in batch_rows:
                            rows[row["position"]] = row
                        bar.update(len(batch_rows))
            finally:
                _SHARED.clear()
    finally:
        bar.close()
    return [rows[spec.position] for spec in grid.specifications]


def _fit_shared_batch(index: int) -> list[dict]:
    return fit_batch(_SHARED["frame"], _SHARED["batches"][index])

"""Passes over a design in blocks of rows that stay in the processor's cache.

Every pass of the engine (X'WX and the score for a Newton step, Firth's hat values) works
on BLOCK_ROWS rows at a time: a block of a dozen float64 columns (under a megabyte) stays
in cache while the weights, the products and the sums are formed from it, where whole
columns of a million rows would be read from memory once for each. The blocks are summed
in a fixed order, so the same inputs give the same bits on every run.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

BLOCK_ROWS = 8192
# A run of rows of one category (indicators.py) at least this long is passed in blocks of its
# own, whose indicator sums are the block's totals; shorter runs are passed together in blocks
# summed by category (see category_blocks).
MIN_CATEGORY_RUN = BLOCK_ROWS // 8


def row_blocks(n_rows: int, first_row: int = 0) -> Iterator[slice]:
    """Consecutive slices of at most BLOCK_ROWS rows covering first_row .. n_rows - 1."""
    for first in range(first_row, n_rows, BLOCK_ROWS):
        yield slice(first, min(first + BLOCK_ROWS, n_rows))


def category_blocks(category: np.ndarray) -> list[tuple[slice, int | None]]:
    """Blocks of rows covering the rows in order, each with its rows' one category, or None
    where the block's rows belong to several.

    A long run of one category (rows sorted by period, as the curve gives them) is cut into
    blocks of its own: summing the indicators' part of X'WX there needs the block's totals
    only, where a block of mixed categories needs a sum by category for every column,
    which costs as much as the rest of the pass. Rows in any order are still passed whole.
    """
    n = len(category)
    if n == 0:
        return []
    run_starts = np.flatnonzero(np.concatenate([[True], category[1:] != category[:-1]]))
    run_ends = np.append(run_starts[1:], n)
    blocks: list[tuple[slice, int | None]] = []
    done = 0
    for run in np.flatnonzero(run_ends - run_starts >= MIN_CATEGORY_RUN):
        start, end = int(run_starts[run]), int(run_ends[run])
        blocks += [(rows, None) for rows in row_blocks(start, done)]
        blocks += [(rows, int(category[start])) for rows in row_blocks(end, start)]
        done = end
    blocks += [(rows, None) for rows in row_blocks(n, done)]
    return blocks

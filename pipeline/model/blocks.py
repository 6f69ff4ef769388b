"""Passes over a design in blocks of rows that stay in the processor's cache.

Every pass of the engine (X'WX and the score for a Newton step, Firth's hat values) works
on BLOCK_ROWS rows at a time: a block of a dozen float64 columns (under a megabyte) stays
in cache while the weights, the products and the sums are formed from it, where whole
columns of a million rows would be read from memory once for each. The blocks are summed
in a fixed order, so the same inputs give the same bits on every run.
"""

from __future__ import annotations

from collections.abc import Iterator

BLOCK_ROWS = 8192


def row_blocks(n_rows: int) -> Iterator[slice]:
    """Consecutive slices of at most BLOCK_ROWS rows covering 0 .. n_rows - 1."""
    for first in range(0, n_rows, BLOCK_ROWS):
        yield slice(first, min(first + BLOCK_ROWS, n_rows))

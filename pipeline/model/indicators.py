"""Indicator regressors of which at most one is 1 in a row (period effects), held as categories.

A decade's indicator among twenty is zero in nineteen rows of twenty: written out as columns,
the indicators cost as much in every pass as the regressors that carry information, and their
products with one another (k^2) most. Held as each row's category, the engine forms their part
of X'WX and of the clusters' score sums from sums by category (logit.py, covariance.py), and
writes them out as columns only where a fit needs the whole design (Firth's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Indicators:
    """`count` indicators following the design's columns: `category` holds each row's number
    of the indicator that is 1 (0 .. count - 1), or count where none is (the reference)."""

    category: np.ndarray  # n, intp
    count: int

    @classmethod
    def of_rows(cls, indicator_of_row: np.ndarray, count: int) -> Indicators:
        """From each row's indicator number, -1 where none is 1."""
        numbers = np.asarray(indicator_of_row)
        if count < 1 or numbers.min(initial=0) < -1 or numbers.max(initial=-1) >= count:
            raise ValueError(f"indicator numbers must lie in -1 .. {count - 1} for {count} indicators")
        return cls(np.where(numbers >= 0, numbers, count).astype(np.intp), count)

    @classmethod
    def from_columns(cls, block: np.ndarray) -> Indicators:
        """From the indicators written out as 0/1 columns (n x count); refused unless each row
        holds zeros and at most one 1."""
        block = np.asarray(block, dtype=np.float64)
        count = block.shape[1]
        # Checked by products rather than by comparing every entry: with no entry negative,
        # a row whose entries sum to 1 and whose entry at the column its weighted sum names
        # is 1 holds that one 1 and zeros; a row summing to 0 holds zeros.
        sums = block @ np.ones(count)
        named = block @ np.arange(1.0, count + 1.0)  # the column number of the 1, from 1
        category = np.where(sums == 1.0, named - 1.0, count).astype(np.intp)
        marked = np.flatnonzero(sums == 1.0)
        if (
            count < 1
            or block.min(initial=0.0) < 0.0
            or not np.all((sums == 0.0) | (sums == 1.0))
            or not np.all(block[marked, np.clip(category[marked], 0, count - 1)] == 1.0)
        ):
            raise ValueError(
                f"the last {count} columns are not 0/1 indicators of which at most one is 1 in a row"
            )
        return cls(category, count)

    def __len__(self) -> int:
        return len(self.category)

    def columns(self) -> np.ndarray:
        """The indicators written out as n x count 0/1 columns (Fortran order)."""
        n = len(self.category)
        block = np.zeros((n, self.count), order="F")
        marked = np.flatnonzero(self.category < self.count)
        block.reshape(-1, order="F")[self.category[marked] * n + marked] = 1.0
        return block

    def rows(self, rows) -> Indicators:
        return Indicators(self.category[rows], self.count)

    def totals(self, values: np.ndarray) -> np.ndarray:
        """The sum of `values` over the rows of each indicator (count)."""
        return np.bincount(self.category, weights=values, minlength=self.count + 1)[: self.count]

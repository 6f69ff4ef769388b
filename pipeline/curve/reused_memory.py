"""Memory for the designs' matrices, handed from a design no longer used to the next one.

A design over all dyad-years is some 60 MB. Memory that large comes fresh from the kernel
with every allocation and is zeroed page by page on its first write, which costs more than
copying the design's columns into it (on the real data 12 ms against 5 for ten columns of
722,669 rows). The designs of one worker follow one another, so a design's memory, once the
design is done with, serves the next design that fits in it.
"""

from __future__ import annotations

import numpy as np


class ReusedMemory:
    """Float64 matrices (Fortran order) cut from memory that released matrices give back.

    It holds at most what the matrices in use at one time needed: when no free piece is large
    enough for a new matrix, the smaller free pieces are let go before fresh memory is taken.
    Fresh memory is taken for `row_capacity` rows at least (the frame's): memory never written
    costs nothing, and a later matrix of more rows then fits in it.
    """

    def __init__(self, row_capacity: int = 0) -> None:
        self.row_capacity = row_capacity
        self._free: list[np.ndarray] = []

    def matrix(self, n_rows: int, n_columns: int) -> np.ndarray:
        """An n_rows x n_columns matrix in Fortran order; its values are whatever was there."""
        size = n_rows * n_columns
        fitting = [piece for piece in self._free if piece.size >= size]
        if fitting:
            piece = min(fitting, key=lambda candidate: candidate.size)
            self._free = [other for other in self._free if other is not piece]
        else:
            self._free = []
            piece = np.empty(max(size, self.row_capacity * n_columns))
        return piece[:size].reshape((n_rows, n_columns), order="F")

    def release(self, matrix: np.ndarray) -> None:
        """Give back a matrix this memory handed out: nothing may use it afterwards."""
        owner = matrix if matrix.base is None else matrix.base
        if not (owner.flags.c_contiguous or owner.flags.f_contiguous) or owner.dtype != np.float64:
            raise ValueError("only contiguous float64 memory can be given back")
        if not any(np.may_share_memory(owner, other) for other in self._free):
            self._free.append(owner.reshape(-1, order="A"))

    @property
    def held_bytes(self) -> int:
        """The bytes kept for later matrices."""
        return sum(piece.nbytes for piece in self._free)

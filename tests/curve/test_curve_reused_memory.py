"""Designs' matrices cut from memory that earlier designs gave back (curve/reused_memory.py)."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.curve.frame import load_frame
from dpeace.curve.grid import load_grid
from dpeace.curve.reused_memory import ReusedMemory


def test_a_released_matrix_serves_a_smaller_one_from_the_same_memory():
    memory = ReusedMemory()
    first = memory.matrix(100, 3)
    assert first.shape == (100, 3) and first.flags["F_CONTIGUOUS"]
    memory.release(first)
    assert memory.held_bytes == 100 * 3 * 8
    second = memory.matrix(50, 4)
    assert second.shape == (50, 4) and second.flags["F_CONTIGUOUS"]
    assert np.shares_memory(first, second)
    assert memory.held_bytes == 0  # handed out again


def test_the_smallest_piece_that_fits_is_used_and_a_larger_need_lets_smaller_pieces_go():
    memory = ReusedMemory()
    small, large = memory.matrix(10, 2), memory.matrix(100, 2)
    memory.release(large)
    memory.release(small)
    memory.release(small)  # twice: still one piece
    assert memory.held_bytes == (20 + 200) * 8
    assert np.shares_memory(memory.matrix(5, 3), small)
    memory.release(small)
    bigger = memory.matrix(300, 2)
    assert not np.shares_memory(bigger, large) and not np.shares_memory(bigger, small)
    assert memory.held_bytes == 0  # both too small: let go rather than kept beside the new one


def test_fresh_memory_is_taken_for_the_row_capacity_so_that_a_later_larger_matrix_fits():
    memory = ReusedMemory(row_capacity=1_000)
    first = memory.matrix(10, 4)
    memory.release(first)
    assert memory.held_bytes == 1_000 * 4 * 8
    later = memory.matrix(900, 4)  # more rows than the first, within the capacity
    assert np.shares_memory(first, later)
    memory.release(later)
    assert memory.held_bytes == 1_000 * 4 * 8
    assert memory.matrix(1_000, 5).shape == (1_000, 5)  # beyond it: fresh memory
    assert memory.held_bytes == 0


def test_batches_sharing_memory_give_the_same_bits_as_each_batch_on_fresh_memory(
    curve_database, small_grid_path
):
    # The memory starts out holding NaN: an entry a design failed to write would carry one
    # into the estimates.
    from dpeace.curve.blas import limit_blas_threads
    from dpeace.curve.fit import fit_batch

    limit_blas_threads()
    grid = load_grid(small_grid_path)
    frame = load_frame(curve_database, grid)
    batches = [batch for batch in grid.batches() if batch[0].controls.id == "extended"]
    memory = ReusedMemory(frame.n_rows)
    memory.release(np.full((frame.n_rows, 40), np.nan, order="F"))
    shared = [row for batch in batches for row in fit_batch(frame, batch, memory=memory)]
    fresh = [row for batch in batches for row in fit_batch(frame, batch)]
    assert memory.held_bytes >= frame.n_rows * 40 * 8  # the designs gave their memory back
    assert sum(row["fitted"] for row in shared) >= len(shared) // 2
    assert shared == fresh
    assert all(not np.isnan(row["estimate"]) for row in shared if row["fitted"])


if __name__ == "__main__":
    pytest.main([__file__])

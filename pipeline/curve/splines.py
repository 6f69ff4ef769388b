"""A natural cubic spline basis in numpy (the truncated-power form of ESL 5.2.1)."""

from __future__ import annotations

import numpy as np


def spline_knots(values: np.ndarray, interior_knots: int) -> np.ndarray:
    """Boundary knots at the range of `values`, interior knots at equally spaced quantiles.

    Three interior knots sit at the quartiles, as R's ns(x, df = 4) places them.
    """
    values = values[~np.isnan(values)]
    shares = np.arange(1, interior_knots + 1) / (interior_knots + 1)
    knots = np.concatenate([[values.min()], np.quantile(values, shares), [values.max()]])
    if np.any(np.diff(knots) <= 0):
        raise ValueError(f"the spline knots {knots.tolist()} are not distinct: too few distinct values")
    return knots


def natural_spline_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """len(knots) - 1 columns: x, then d_j(x) - d_{K-1}(x) for j = 1..K-2.

    d_j(x) = ((x - t_j)+^3 - (x - t_K)+^3) / (t_K - t_j). The basis is cubic between knots,
    linear beyond the boundary knots, and spans the same functions as R's ns() with these
    knots (with the intercept). Each cubic column is divided by (t_K - t_1)^2 so that all
    columns have the scale of x, which keeps X'WX well conditioned.
    """
    last = knots[-1]

    def d(j: int) -> np.ndarray:
        return (np.maximum(x - knots[j], 0.0) ** 3 - np.maximum(x - last, 0.0) ** 3) / (last - knots[j])

    scale = (last - knots[0]) ** 2
    penultimate = d(len(knots) - 2)
    columns = [x] + [(d(j) - penultimate) / scale for j in range(len(knots) - 2)]
    return np.column_stack(columns)

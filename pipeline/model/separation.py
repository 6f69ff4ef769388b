"""Signs that a logit has no finite maximum-likelihood estimate, for the battery and the curve.

A 0/1 regressor one of whose levels has a constant outcome (quasi-complete separation)
has none; the engine finds it before fitting. A huge coefficient on a 0/1 regressor after
fitting is the same symptom where the check on single columns cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dpeace.model.indicators import Indicators

# An odds ratio above e^10 (about 22,000) for a 0/1 regressor is not an estimate but a
# symptom of (quasi-)separation that the level check did not catch.
SEPARATION_COEFFICIENT = 10.0


@dataclass(frozen=True)
class SeparatedLevel:
    column: int  # the regressor's position in the design
    level: int  # 0 or 1
    outcome: int  # the outcome every row at that level has
    rows: int


# A column's first rows are looked at before all of them: most columns that are not 0/1
# show it there, and a million rows are then not compared.
HEAD_ROWS = 4096


def is_binary(values: np.ndarray) -> bool:
    head = values[:HEAD_ROWS]
    if not np.all((head == 0.0) | (head == 1.0)):
        return False
    return bool(np.all((values == 0.0) | (values == 1.0)))


def separated_levels(
    design: np.ndarray,
    outcome: np.ndarray,
    binary_columns: list[int],
    indicators: Indicators | None = None,
) -> list[SeparatedLevel]:
    """Every level of a 0/1 regressor (by position in the design) where the outcome is constant.

    Counted by two dot products per column rather than by indexing, which on a million
    rows is the difference between microseconds and milliseconds. `indicators`, if given,
    are regressors after the design's columns (indicators.py), counted by category.
    """
    n = len(outcome)
    events = float(outcome.sum())
    found = []
    first = design.shape[1]
    counted = {
        j: (float(design[:, j].sum()), float(design[:, j] @ outcome)) for j in binary_columns if j < first
    }
    if indicators is not None:
        ones, events_at = indicators.totals(np.ones(n)), indicators.totals(outcome)
        counted.update({first + c: (float(ones[c]), float(events_at[c])) for c in range(indicators.count)})
    for j in binary_columns:
        ones, events_at_one = counted[j]
        for level, rows, level_events in ((0, n - ones, events - events_at_one), (1, ones, events_at_one)):
            if rows > 0 and (level_events == 0 or level_events == rows):
                found.append(SeparatedLevel(j, level, 0 if level_events == 0 else 1, int(rows)))
    return found


def large_binary_coefficients(params: np.ndarray, binary_columns: list[int]) -> list[int]:
    """Positions of the 0/1 regressors whose coefficient is a symptom of separation."""
    return [j for j in binary_columns if abs(params[j]) > SEPARATION_COEFFICIENT]

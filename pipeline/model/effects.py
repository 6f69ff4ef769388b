"""Substantive effects: predicted probabilities of onset for a democratic and another dyad."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from dpeace.model.sample import INTERCEPT
from dpeace.model.separation import is_binary
from dpeace.model.specification import EffectContrast

# Peace-year polynomial terms are set from the typical peace years, not averaged on their
# own: the mean of t^3 is not the cube of a typical t.
PEACE_YEARS = "peace_years"
PEACE_YEAR_POWERS = {"peace_years_sq": 2, "peace_years_cu": 3}
LOWER_PERCENTILE, UPPER_PERCENTILE = 2.5, 97.5
# The second profile: the typical pair made neighbours. The typical pair is not contiguous
# (most pairs are not), yet contiguous pairs are where disputes happen.
CONTIGUOUS = "contiguous"


def typical_values(design: Mapping[str, np.ndarray], democracy_term: str) -> dict[str, float | int]:
    """Modes of 0/1 variables, the median of peace years (and its powers), means otherwise.

    `design`: the design's columns by name (a dict of arrays, or a DataFrame)."""
    typical: dict[str, float | int] = {}
    median_peace_years = float(np.median(np.asarray(design[PEACE_YEARS]))) if PEACE_YEARS in design else None
    for column in design:
        if column in (INTERCEPT, democracy_term):
            continue
        values = np.asarray(design[column])
        if column == PEACE_YEARS or (column in PEACE_YEAR_POWERS and median_peace_years is not None):
            typical[column] = median_peace_years ** PEACE_YEAR_POWERS.get(column, 1)
        elif is_binary(values):
            typical[column] = int(values.mean() > 0.5)
        else:
            typical[column] = float(values.mean())
    return typical


def describe_method(draws: int, seed: int) -> str:
    return (
        "Predicted probability of the outcome with the democracy term at its democratic and "
        "other value and the controls at typical values (modes of 0/1 variables, the median "
        "of peace years with its square and cube, means of the rest); 95% intervals are the "
        f"2.5th and 97.5th percentiles over {draws} draws of the coefficients from a normal "
        f"distribution with the dyad-clustered covariance (seed {seed}). The contiguous profile "
        "is the same with contiguity set to 1, from the same draws."
    )


def predicted_contrast(
    names: Sequence[str],
    coefficients: np.ndarray,
    covariance: np.ndarray,
    design: Mapping[str, np.ndarray],
    democracy_term: str,
    contrast: EffectContrast,
    draws: int,
    seed: int,
) -> dict:
    """`coefficients` and `covariance` in the order of `names`; `design` as typical_values takes it."""
    typical = typical_values(design, democracy_term)
    names = list(names)
    coefficients = np.asarray(coefficients, dtype=np.float64)
    democratic_row = _profile(names, democracy_term, contrast.democratic, typical)
    other_row = _profile(names, democracy_term, contrast.other, typical)

    p_democratic = _inverse_logit(democratic_row @ coefficients)
    p_other = _inverse_logit(other_row @ coefficients)

    generator = np.random.default_rng(seed)
    simulated = generator.multivariate_normal(
        coefficients, np.asarray(covariance, dtype=np.float64), size=draws
    )
    simulated_democratic = _inverse_logit(simulated @ democratic_row)
    simulated_other = _inverse_logit(simulated @ other_row)

    return {
        "method": describe_method(draws, seed),
        "typical_values": typical,
        "p_democratic": _interval(p_democratic, simulated_democratic),
        "p_other": _interval(p_other, simulated_other),
        "ratio": _interval(p_democratic / p_other, simulated_democratic / simulated_other),
        **_contiguous_profile(names, democracy_term, contrast, typical, coefficients, simulated),
    }


def _contiguous_profile(names, democracy_term, contrast, typical, coefficients, simulated) -> dict:
    """{'contiguous': the same contrast for a contiguous pair}, from the same draws; empty
    when the model has no contiguity control."""
    if CONTIGUOUS not in typical:
        return {}
    neighbours = {**typical, CONTIGUOUS: 1}
    democratic_row = _profile(names, democracy_term, contrast.democratic, neighbours)
    other_row = _profile(names, democracy_term, contrast.other, neighbours)
    p_democratic = _inverse_logit(democratic_row @ coefficients)
    p_other = _inverse_logit(other_row @ coefficients)
    simulated_democratic = _inverse_logit(simulated @ democratic_row)
    simulated_other = _inverse_logit(simulated @ other_row)
    return {
        CONTIGUOUS: {
            "typical_values": neighbours,
            "p_democratic": _interval(p_democratic, simulated_democratic),
            "p_other": _interval(p_other, simulated_other),
            "ratio": _interval(p_democratic / p_other, simulated_democratic / simulated_other),
        }
    }


def _profile(names: list[str], democracy_term: str, democracy_value: float, typical: dict) -> np.ndarray:
    values = {INTERCEPT: 1.0, democracy_term: democracy_value, **typical}
    return np.array([float(values[name]) for name in names])


def _inverse_logit(eta):
    return 1.0 / (1.0 + np.exp(-eta))


def _interval(estimate: float, simulated: np.ndarray) -> dict[str, float]:
    low, high = np.percentile(simulated, [LOWER_PERCENTILE, UPPER_PERCENTILE])
    return {"estimate": float(estimate), "ci_low": float(low), "ci_high": float(high)}

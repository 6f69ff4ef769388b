"""Synthetic attributes of states: regimes (Polity), capabilities (NMC) and borders.

Each attribute is a matrix indexed [state, year - FIRST_YEAR] (NaN where the state is
not a member or the source has no value), so that the dispute generator can look a
dyad's attributes up for a whole year at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from dpeace.bench.synthetic_states import FIRST_YEAR, LAST_YEAR, Membership, Spell

# Polity5 runs two years past the COW system list.
POLITY_LAST_YEAR = 2018
YEARS = POLITY_LAST_YEAR - FIRST_YEAR + 1

# Share of states Polity does not cover at all (it leaves out the smallest states).
POLITY_UNCOVERED_SHARE = 0.08
REGIME_CHANGE_PER_YEAR = 0.04
SPECIAL_CODE_PER_YEAR = 0.01
# Polity's special codes and the polity2 value Polity gives them: -66 (foreign
# interruption) has none, -77 (interregnum) is 0, -88 (transition) is interpolated
# (here: the last year's value).
SPECIAL_CODES = (-66, -77, -88)

# Contiguity thresholds in units of the plane the states lie on (density: one state per
# unit square, so the number of neighbours does not depend on the world's size).
# conttype 1 = land border, 2-5 = separated by up to 12, 24, 150, 400 miles of water.
CONTIGUITY_DISTANCES = (0.9, 1.0, 1.1, 1.25, 1.45)


@dataclass(frozen=True)
class Attributes:
    member: np.ndarray  # bool [state, year]: a COW member that year
    polity2: np.ndarray  # float [state, year]: -10..10, NaN when missing
    polity_special: np.ndarray  # float [state, year]: -66/-77/-88 or NaN
    polity_covered: np.ndarray  # bool [state, year]: Polity has a row
    cinc: np.ndarray  # float [state, year]: sums to 1 over members each year
    conttype: np.ndarray  # int [state, state]: 1-5, 0 when not contiguous
    major: np.ndarray  # bool [state, year]


def year_index(year: int) -> int:
    return year - FIRST_YEAR


def generate_attributes(rng: np.random.Generator, membership: Membership) -> Attributes:
    member = _membership_matrix(membership)
    major = _major_matrix(membership)
    polity2, special, covered = _regimes(rng, member)
    return Attributes(
        member=member,
        polity2=polity2,
        polity_special=special,
        polity_covered=covered,
        cinc=_capabilities(rng, member, major),
        conttype=_contiguity(rng, len(membership.states)),
        major=major,
    )


def _spell_matrix(state_count: int, spells: Iterable[tuple[int, Spell]]) -> np.ndarray:
    """bool [state, year]: True in every year of each (state row, spell)."""
    matrix = np.zeros((state_count, YEARS), dtype=bool)
    for row, spell in spells:
        matrix[row, year_index(spell.start[0]) : year_index(spell.end[0]) + 1] = True
    return matrix


def _membership_matrix(membership: Membership) -> np.ndarray:
    spells = ((row, spell) for row, state in enumerate(membership.states) for spell in state.spells)
    return _spell_matrix(len(membership.states), spells)


def _major_matrix(membership: Membership) -> np.ndarray:
    row_of = {state.ccode: row for row, state in enumerate(membership.states)}
    return _spell_matrix(
        len(membership.states), ((row_of[ccode], spell) for ccode, spell in membership.majors)
    )


def _democracy_chance(year: int) -> float:
    """About a tenth of regimes democratic in 1816, over half by 2016, as in Polity."""
    return 0.1 + 0.45 * (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)


def _draw_regime(rng: np.random.Generator, year: int) -> int:
    if rng.random() < _democracy_chance(year):
        return int(rng.integers(6, 11))
    return int(rng.integers(-10, 6))


def _regimes(rng: np.random.Generator, member: np.ndarray):
    states = member.shape[0]
    polity2 = np.full((states, YEARS), np.nan)
    special = np.full((states, YEARS), np.nan)
    # Polity covers a state in its member years, and survivors through POLITY_LAST_YEAR.
    covered = member.copy()
    covered[:, year_index(LAST_YEAR) + 1 :] = member[:, [year_index(LAST_YEAR)]]
    covered[rng.random(states) < POLITY_UNCOVERED_SHARE] = False

    for row in range(states):
        value = None
        for column in np.flatnonzero(covered[row]):
            year = FIRST_YEAR + int(column)
            if value is None or rng.random() < REGIME_CHANGE_PER_YEAR:
                value = _draw_regime(rng, year)
            else:
                value = int(np.clip(value + rng.integers(-1, 2) * (rng.random() < 0.1), -10, 10))
            if rng.random() < SPECIAL_CODE_PER_YEAR:
                code = int(rng.choice(SPECIAL_CODES))
                special[row, column] = code
                polity2[row, column] = {-66: np.nan, -77: 0.0, -88: float(value)}[code]
            else:
                polity2[row, column] = value
    return polity2, special, covered


def _capabilities(rng: np.random.Generator, member: np.ndarray, major: np.ndarray) -> np.ndarray:
    states = member.shape[0]
    # Each state's size drifts as a random walk in logs; majors are several times larger.
    base = rng.lognormal(mean=0.0, sigma=1.2, size=(states, 1))
    drift = np.cumsum(rng.normal(0.0, 0.05, size=(states, YEARS)), axis=1)
    raw = base * np.exp(drift) * np.where(major, 8.0, 1.0)
    raw = np.where(member, raw, 0.0)
    totals = raw.sum(axis=0, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        cinc = np.where(member, raw / np.where(totals > 0, totals, 1.0), np.nan)
    return cinc


def _contiguity(rng: np.random.Generator, states: int) -> np.ndarray:
    side = np.sqrt(states)
    positions = rng.uniform(0.0, side, size=(states, 2))
    distance = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=2)
    conttype = np.zeros((states, states), dtype=np.int64)
    # Assign from the farthest threshold inwards so the nearest one wins.
    for code in range(len(CONTIGUITY_DISTANCES), 0, -1):
        conttype[distance < CONTIGUITY_DISTANCES[code - 1]] = code
    np.fill_diagonal(conttype, 0)
    return conttype

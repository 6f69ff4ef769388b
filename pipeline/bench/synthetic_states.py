"""Synthetic state-system membership: who is a state when, and which states are major powers.

The design is fixed in shares of the world's size so that the number of members in a
given year is known in advance (tests check it): a quarter of the states are founders
present from the first year, some states leave and come back (an occupation), some
leave for good (a union or dissolution), and the rest enter over the two centuries, more
of them later, as in the real system.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

from dpeace import paths

FIRST_YEAR = 1816
LAST_YEAR = 2016

FOUNDER_SHARE = 0.25
INTERRUPTED_SHARE = 0.15
DISSOLVED_SHARE = 0.10
MAJOR_POWER_SHARE = 0.06

# Interrupted and dissolved states are taken from those already in the system by this
# year, so that their first spell has room to end before the second one begins.
EARLY_ENTRY_LIMIT = 1950
# At least this many years out of the system between two spells, so that a state never
# has two spells in one calendar year.
MIN_GAP_YEARS = 3


@dataclass(frozen=True)
class Spell:
    """One continuous stretch of membership, with the day it began and the day it ended."""

    start: tuple[int, int, int]  # (year, month, day)
    end: tuple[int, int, int]

    @property
    def years(self) -> range:
        return range(self.start[0], self.end[0] + 1)


@dataclass(frozen=True)
class State:
    ccode: int
    stateabb: str
    statenme: str
    spells: tuple[Spell, ...]

    def member_in(self, year: int) -> bool:
        return any(year in spell.years for spell in self.spells)

    def spell_covering(self, year: int) -> Spell | None:
        return next((spell for spell in self.spells if year in spell.years), None)


@dataclass(frozen=True)
class Membership:
    states: tuple[State, ...]
    majors: tuple[tuple[int, Spell], ...]  # (ccode, spell as a major power)
    founders: int  # states present from FIRST_YEAR
    dissolved: int  # states gone before LAST_YEAR and never back
    interrupted: int  # states with two spells

    def members(self, year: int) -> list[State]:
        return [state for state in self.states if state.member_in(year)]


def state_abbreviation(index: int) -> str:
    """Three capital letters, unique for the first 26**3 states."""
    letters = []
    for _ in range(3):
        index, remainder = divmod(index, 26)
        letters.append(chr(ord("A") + remainder))
    return "".join(reversed(letters))


def codes_polity_renumbers() -> set[int]:
    """Country codes the build's Polity-COW crosswalk maps (sql/seeds/): a synthetic state
    must not carry one, or its Polity rows would be moved to another state."""
    crosswalk = paths.sql_dir() / "seeds" / "polity_cow_crosswalk.csv"
    if not crosswalk.exists():
        return set()
    with crosswalk.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return {int(row[column]) for row in rows for column in ("polity_ccode", "cow_ccode") if row.get(column)}


def country_codes(count: int) -> list[int]:
    """Codes spaced by 5 like COW's (2, 20, 40, ...), skipping those Polity renumbers."""
    reserved = codes_polity_renumbers()
    codes: list[int] = []
    candidate = 2
    while len(codes) < count:
        if candidate not in reserved:
            codes.append(candidate)
        candidate += 5
    return codes


def _random_date(rng: np.random.Generator, year: int) -> tuple[int, int, int]:
    return (year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))


def _entry_years(rng: np.random.Generator, count: int) -> np.ndarray:
    # Later years weigh more: the real system grew from 23 states to about 195.
    years = np.arange(FIRST_YEAR + 1, LAST_YEAR - 5)
    weights = (years - FIRST_YEAR) ** 1.5
    return np.sort(rng.choice(years, size=count, p=weights / weights.sum()))


def generate_membership(rng: np.random.Generator, state_count: int) -> Membership:
    founders = round(state_count * FOUNDER_SHARE)
    entry_years = np.concatenate([np.full(founders, FIRST_YEAR), _entry_years(rng, state_count - founders)])
    early = [i for i, year in enumerate(entry_years) if year <= EARLY_ENTRY_LIMIT]
    rng.shuffle(early)
    interrupted = set(early[: round(state_count * INTERRUPTED_SHARE)])
    dissolved = set(early[len(interrupted) : len(interrupted) + round(state_count * DISSOLVED_SHARE)])

    codes = country_codes(state_count)
    states = []
    for index, entry_year in enumerate(entry_years):
        entry_year = int(entry_year)
        start = (entry_year, 1, 1) if entry_year == FIRST_YEAR else _random_date(rng, entry_year)
        survivor_end = (LAST_YEAR, 12, 31)
        if index in interrupted:
            first_end = int(rng.integers(entry_year + 5, 1990))
            back = int(rng.integers(first_end + MIN_GAP_YEARS, min(first_end + 30, LAST_YEAR)))
            spells = (
                Spell(start, _random_date(rng, first_end)),
                Spell(_random_date(rng, back), survivor_end),
            )
        elif index in dissolved:
            spells = (Spell(start, _random_date(rng, int(rng.integers(entry_year + 5, LAST_YEAR)))),)
        else:
            spells = (Spell(start, survivor_end),)
        abbreviation = state_abbreviation(index)
        states.append(State(codes[index], abbreviation, f"State {abbreviation}", spells))

    return Membership(
        states=tuple(states),
        majors=_major_powers(rng, states, founders, interrupted | dissolved),
        founders=founders,
        dissolved=len(dissolved),
        interrupted=len(interrupted),
    )


def _major_powers(
    rng: np.random.Generator, states: list[State], founders: int, left: set[int]
) -> tuple[tuple[int, Spell], ...]:
    """Majors come from founders that never left, so their status lies inside membership."""
    candidates = [i for i in range(founders) if i not in left]
    count = min(len(candidates), max(2, round(len(states) * MAJOR_POWER_SHARE)))
    chosen = sorted(rng.choice(candidates, size=count, replace=False)) if count else []
    majors = []
    for index in chosen:
        start_year = int(rng.choice([FIRST_YEAR, int(rng.integers(FIRST_YEAR, 1950))]))
        start = (FIRST_YEAR, 1, 1) if start_year == FIRST_YEAR else _random_date(rng, start_year)
        majors.append((states[index].ccode, Spell(start, (LAST_YEAR, 12, 31))))
    return tuple(majors)

"""Synthetic militarized disputes, with the democratic peace built in.

Each year every pair of member states may start a dispute. The chance is higher for
neighbours and for pairs with a major power, and much lower when both are democracies
(polity2 >= 6), so the model battery has a real effect to find. A dispute has two
originators on opposite sides, sometimes one or two joiners (2-4 participants), lasts
one to three years, and one that reaches war (hostility 5) is also an inter-state war.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dpeace.bench.synthetic_attributes import Attributes, year_index
from dpeace.bench.synthetic_states import FIRST_YEAR, Membership

# MID 5.0 covers disputes through 2014.
LAST_DISPUTE_YEAR = 2014

BASE_ONSET_RATE = 0.0015
CONTIGUITY_FACTOR = 10.0  # conttype 1-4, as the analysis defines contiguity
MAJOR_POWER_FACTOR = 4.0
JOINT_DEMOCRACY_FACTOR = 0.2
JOINER_CHANCE = 0.25

DURATION_YEARS = (1, 2, 3)
DURATION_WEIGHTS = (0.7, 0.2, 0.1)
HOSTILITY_LEVELS = (1, 2, 3, 4, 5)
ORIGINATOR_HOSTILITY_WEIGHTS = (0.05, 0.15, 0.38, 0.40, 0.02)
JOINER_HOSTILITY_WEIGHTS = (0.3, 0.2, 0.3, 0.18, 0.02)
# The highest action (hiact, 0-23) typical of each hostility level.
HIACT_BY_HOSTILITY = {1: 0, 2: 3, 3: 8, 4: 16, 5: 21}


@dataclass(frozen=True)
class Participant:
    row: int  # index into Membership.states
    side_a: bool
    originator: bool
    hostlev: int
    fatality: int


@dataclass(frozen=True)
class Dispute:
    dispnum: int
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    participants: tuple[Participant, ...]

    @property
    def hostlev(self) -> int:
        return max(p.hostlev for p in self.participants)

    @property
    def fatality(self) -> int:
        return max(p.fatality for p in self.participants)


def onset_probabilities(
    attributes: Attributes, first: np.ndarray, second: np.ndarray, column: int
) -> np.ndarray:
    """The chance that each pair (first[i], second[i]) starts a dispute in that year."""
    contiguous = (attributes.conttype[first, second] >= 1) & (attributes.conttype[first, second] <= 4)
    any_major = attributes.major[first, column] | attributes.major[second, column]
    polity2 = attributes.polity2[:, column]
    # NaN >= 6 is False: a missing regime is not a democracy.
    joint_democracy = (polity2[first] >= 6) & (polity2[second] >= 6)
    return (
        BASE_ONSET_RATE
        * np.where(contiguous, CONTIGUITY_FACTOR, 1.0)
        * np.where(any_major, MAJOR_POWER_FACTOR, 1.0)
        * np.where(joint_democracy, JOINT_DEMOCRACY_FACTOR, 1.0)
    )


def generate_disputes(
    rng: np.random.Generator, membership: Membership, attributes: Attributes
) -> list[Dispute]:
    disputes: list[Dispute] = []
    for year in range(FIRST_YEAR, LAST_DISPUTE_YEAR + 1):
        column = year_index(year)
        members = np.flatnonzero(attributes.member[:, column])
        first_positions, second_positions = np.triu_indices(len(members), k=1)
        first, second = members[first_positions], members[second_positions]
        started = rng.random(len(first)) < onset_probabilities(attributes, first, second, column)
        for a, b in zip(first[started], second[started]):
            if rng.random() < 0.5:
                a, b = b, a  # either state may be the initiator (side A)
            disputes.append(_dispute(rng, membership, attributes, len(disputes) + 1, year, int(a), int(b)))
    return disputes


def _last_common_year(membership: Membership, rows: list[int], year: int) -> int:
    """The last year (from `year`) in which every listed state is still in the same spell."""
    ends = [membership.states[row].spell_covering(year).end[0] for row in rows]
    return min([LAST_DISPUTE_YEAR, *ends])


def _dispute(
    rng: np.random.Generator,
    membership: Membership,
    attributes: Attributes,
    dispnum: int,
    year: int,
    initiator: int,
    target: int,
) -> Dispute:
    duration = int(rng.choice(DURATION_YEARS, p=DURATION_WEIGHTS))
    end_year = min(year + duration - 1, _last_common_year(membership, [initiator, target], year))
    participants = [
        _participant(rng, initiator, side_a=True, originator=True),
        _participant(rng, target, side_a=False, originator=True),
    ]
    if rng.random() < JOINER_CHANCE:
        # Joiners must be members for the whole dispute, and not already in it.
        eligible = [
            row
            for row in np.flatnonzero(
                attributes.member[:, year_index(year) : year_index(end_year) + 1].all(axis=1)
            )
            if row not in (initiator, target)
        ]
        count = min(len(eligible), int(rng.integers(1, 3)))
        for row in rng.choice(eligible, size=count, replace=False) if count else []:
            participants.append(
                _participant(rng, int(row), side_a=bool(rng.random() < 0.5), originator=False)
            )

    start = (year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    if end_year == year:
        end = (year, int(rng.integers(start[1], 13)), int(rng.integers(start[2], 29)))
    else:
        end = (end_year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    return Dispute(dispnum, start, end, tuple(participants))


def _participant(rng: np.random.Generator, row: int, *, side_a: bool, originator: bool) -> Participant:
    weights = ORIGINATOR_HOSTILITY_WEIGHTS if originator else JOINER_HOSTILITY_WEIGHTS
    hostlev = int(rng.choice(HOSTILITY_LEVELS, p=weights))
    # Fatality bands: 0 none, 1-5 growing bands, 6 = 1000 or more; wars are fatal.
    if hostlev == 5:
        fatality = 6
    elif hostlev == 4:
        fatality = int(rng.choice([0, 0, 0, 1, 2, 3]))
    else:
        fatality = 0
    return Participant(row, side_a, originator, hostlev, fatality)

"""Synthetic alliances (ATOP 5.1's three files), BMR democracy, Gleditsch-Ward state
lists and capital distances, laid out as the registry's files.

Alliances are fixed by the design rather than drawn, so that their dyad-years are known:
every fourth state (by row) and the next one sign a bilateral alliance on the later of
their first spells' start days, in effect until the earlier of those spells' ends (still
in effect, yrexit 0, when that is the system list's last year). Pairs starting at a
multiple of eight get a defence pact, the others a consultation pact.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.bench.registry_columns import registry_columns
from dpeace.bench.synthetic_attributes import FIRST_YEAR, Attributes
from dpeace.bench.synthetic_states import LAST_YEAR, Membership

ATOP_VERSION = 5.1
ATOP_LAST_YEAR = 2018
FIRST_ATOPID = 1000
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
# A state with polity2 at least this is a BMR democracy in the synthetic world.
BMR_POLITY2_THRESHOLD = 6


def synthetic_alliances(membership: Membership) -> list[dict]:
    """One dict per alliance: atopid, the two member rows, start and end dates, obligations."""
    alliances = []
    for first in range(0, len(membership.states) - 1, 4):
        a, b = membership.states[first], membership.states[first + 1]
        start = max(a.spells[0].start, b.spells[0].start)
        end = min(a.spells[0].end, b.spells[0].end)
        if start > end:
            continue
        alliances.append(
            {
                "atopid": FIRST_ATOPID + len(alliances),
                "rows": (first, first + 1),
                "start": start,
                "end": None if end[0] == LAST_YEAR else end,
                "obligation": "defense" if first % 8 == 0 else "consul",
            }
        )
    return alliances


def atop_member_table(membership: Membership) -> pd.DataFrame:
    columns = registry_columns("atop_members")
    rows = []
    for alliance in synthetic_alliances(membership):
        end = alliance["end"] or (0, 0, 0)
        for row in alliance["rows"]:
            record = dict.fromkeys(columns, 0)
            record.update(
                {
                    "atopid": alliance["atopid"],
                    "cowid": "",
                    "cow4id": "",
                    "member": membership.states[row].ccode,
                    "yrent": alliance["start"][0],
                    "moent": alliance["start"][1],
                    "dayent": alliance["start"][2],
                    "yrexit": end[0],
                    "moexit": end[1],
                    "dayexit": end[2],
                    "ineffect": int(alliance["end"] is None),
                    "bilat": 1,
                    alliance["obligation"]: 1,
                    "version": ATOP_VERSION,
                }
            )
            rows.append(record)
    return pd.DataFrame(rows, columns=columns)


def atop_alliance_table(membership: Membership) -> pd.DataFrame:
    columns = registry_columns("atop_alliances")
    rows = []
    for alliance in synthetic_alliances(membership):
        end = alliance["end"] or (0, 0, 0)
        record = dict.fromkeys(columns, "")
        record.update({column: 0 for column in columns if not column.startswith("mem")})
        record.update(
            {
                "atopid": alliance["atopid"],
                "cowid": "",
                "cow4id": "",
                "begyr": alliance["start"][0],
                "begmo": alliance["start"][1],
                "begday": alliance["start"][2],
                "endyr": end[0],
                "endmo": end[1],
                "endday": end[2],
                "ineffect": int(alliance["end"] is None),
                "bilat": 1,
                alliance["obligation"]: 1,
                "version": ATOP_VERSION,
                "mem1": membership.states[alliance["rows"][0]].ccode,
                "mem2": membership.states[alliance["rows"][1]].ccode,
            }
        )
        rows.append(record)
    return pd.DataFrame(rows, columns=columns)


def atop_state_year_table(membership: Membership) -> pd.DataFrame:
    """ATOP's state-year file: a row per state and year in at least one alliance."""
    columns = registry_columns("atop_state_years")
    held: dict[tuple[int, int], list[dict]] = {}
    for alliance in synthetic_alliances(membership):
        last = alliance["end"][0] if alliance["end"] else ATOP_LAST_YEAR
        for row in alliance["rows"]:
            for year in range(alliance["start"][0], last + 1):
                held.setdefault((membership.states[row].ccode, year), []).append(alliance)
    rows = []
    for (ccode, year), alliances in sorted(held.items()):
        record = dict.fromkeys(columns, "")
        record.update({"state": ccode, "year": year, "atopally": 1, "number": len(alliances), "transyr": 0})
        for obligation in OBLIGATIONS:
            record[obligation] = int(any(a["obligation"] == obligation for a in alliances))
        for position, alliance in enumerate(sorted(alliances, key=lambda a: a["atopid"]), start=1):
            record[f"atopid{position}"] = alliance["atopid"]
        record["version"] = ATOP_VERSION
        rows.append(record)
    return pd.DataFrame(rows, columns=columns)


def bmr_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    """BMR's state-years: the member years, democracy from polity2 (NA where it is missing)."""
    rows = []
    for index, state in enumerate(membership.states):
        for spell in state.spells:
            for year in spell.years:
                polity2 = attributes.polity2[index, year - FIRST_YEAR]
                democracy = "NA" if np.isnan(polity2) else int(polity2 >= BMR_POLITY2_THRESHOLD)
                rows.append(
                    {
                        "country": state.statenme.upper(),
                        "ccode": state.ccode,
                        "abbreviation": state.stateabb,
                        "abbreviation_undp": state.stateabb,
                        "year": year,
                        "democracy": democracy,
                        "democracy_trans": 0,
                        "democracy_breakdowns": 0,
                        "democracy_duration": "NA",
                        "democracy_omitteddata": 0,
                        "democracy_femalesuffrage": "NA",
                    }
                )
    return pd.DataFrame(rows, columns=registry_columns("bmr_democracy"))


def _gw_date(day: tuple[int, int, int]) -> str:
    year, month, date = day
    return f"{date:02d}:{month:02d}:{year}"


def gw_states_table(membership: Membership) -> pd.DataFrame:
    """Gleditsch-Ward's list: here the COW spells under the same codes."""
    rows = [
        (state.ccode, state.stateabb, state.statenme, _gw_date(spell.start), _gw_date(spell.end))
        for state in membership.states
        for spell in state.spells
    ]
    return pd.DataFrame(rows, columns=registry_columns("gw_states"))


def gw_microstates_table() -> pd.DataFrame:
    return pd.DataFrame([], columns=registry_columns("gw_microstates"))


MAX_CAPITAL_KM = 20_000.0


def capdist_table(membership: Membership) -> pd.DataFrame:
    """Every ordered pair of states, the capitals spaced evenly along a line of at most
    20,000 km (no two real capitals are further apart: half the earth's circumference),
    150 km apart per step between their rows in a world small enough for that."""
    count = len(membership.states)
    first, second = np.nonzero(~np.eye(count, dtype=bool))
    ccodes = np.array([s.ccode for s in membership.states])
    abbreviations = np.array([s.stateabb for s in membership.states])
    step = min(150.0, MAX_CAPITAL_KM / max(count - 1, 1))
    km = np.round(np.abs(first - second) * step).astype(np.int64)
    return pd.DataFrame(
        {
            "numa": ccodes[first],
            "ida": abbreviations[first],
            "numb": ccodes[second],
            "idb": abbreviations[second],
            "kmdist": km,
            "midist": np.round(km / 1.609344).astype(np.int64),
        }
    )

"""The synthetic world laid out as the registry's files: one DataFrame per file name,
with exactly the registry's columns in its order, coded as the real files are (-9 for
unknown in COW files, -8 for not applicable in the war data, empty cells in Polity).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.bench.registry_columns import registry_columns
from dpeace.bench.synthetic_attributes import FIRST_YEAR, Attributes
from dpeace.bench.synthetic_covariates import (
    atop_alliance_table,
    atop_member_table,
    atop_state_year_table,
    bmr_table,
    capdist_table,
    gw_microstates_table,
    gw_states_table,
)
from dpeace.bench.synthetic_disputes import HIACT_BY_HOSTILITY, Dispute
from dpeace.bench.synthetic_r_sources import (
    ccode_democracy_table,
    cw_democracy_table,
    gml_directed_table,
    gml_dispute_table,
    gml_dyad_year_table,
    uds_2014_table,
    vdem_simple_table,
)
from dpeace.bench.synthetic_rivals import rival_tables
from dpeace.bench.synthetic_states import Membership

STATES_VERSION = 2016
MID_VERSION = 5
NMC_VERSION = 2021
CONTIGUITY_VERSION = 3.2
WAR_VERSION = 4


def world_tables(
    membership: Membership, attributes: Attributes, disputes: list[Dispute]
) -> dict[str, pd.DataFrame]:
    gml_directed = gml_directed_table(membership, disputes)
    return {
        "states": states_table(membership),
        "system": system_table(membership),
        "majors": majors_table(membership),
        "nmc": nmc_table(membership, attributes),
        "polity": polity_table(membership, attributes),
        "contdird": contiguity_table(membership, attributes),
        "mida": dispute_table(disputes),
        "midb": participant_table(membership, disputes),
        "midi": incident_table(disputes),
        "midip": incident_participant_table(membership, disputes),
        "interstate_wars": war_table(membership, disputes),
        "dyadic_mid": dyadic_mid_table(membership, disputes),
        "atop_members": atop_member_table(membership),
        "atop_alliances": atop_alliance_table(membership),
        "atop_state_years": atop_state_year_table(membership),
        "bmr_democracy": bmr_table(membership, attributes),
        "gw_states": gw_states_table(membership),
        "gw_microstates": gw_microstates_table(),
        "capdist": capdist_table(membership),
        **rival_tables(membership, attributes),
        "cw_democracy": cw_democracy_table(membership, attributes),
        "ccode_democracy": ccode_democracy_table(membership, attributes),
        "vdem_simple": vdem_simple_table(membership, attributes),
        "uds_2014": uds_2014_table(membership, attributes),
        "gml_dirdisp": gml_directed,
        "gml_mid_disps": gml_dispute_table(disputes),
        "gml_mid_ddydisps": gml_dyad_year_table(gml_directed),
    }


def states_table(membership: Membership) -> pd.DataFrame:
    rows = [
        (s.stateabb, s.ccode, s.statenme, *spell.start, *spell.end, STATES_VERSION)
        for s in membership.states
        for spell in s.spells
    ]
    columns = registry_columns("states")
    return pd.DataFrame(rows, columns=columns)


def system_table(membership: Membership) -> pd.DataFrame:
    rows = [
        (s.stateabb, s.ccode, year, STATES_VERSION)
        for s in membership.states
        for spell in s.spells
        for year in spell.years
    ]
    return pd.DataFrame(rows, columns=["stateabb", "ccode", "year", "version"]).sort_values(
        ["year", "ccode"], kind="stable"
    )


def majors_table(membership: Membership) -> pd.DataFrame:
    abbreviation = {s.ccode: s.stateabb for s in membership.states}
    rows = [
        (abbreviation[ccode], ccode, *spell.start, *spell.end, STATES_VERSION)
        for ccode, spell in membership.majors
    ]
    columns = registry_columns("majors")
    return pd.DataFrame(rows, columns=columns)


def _state_years(membership: Membership, mask: np.ndarray) -> pd.DataFrame:
    rows, columns = np.nonzero(mask)
    return pd.DataFrame(
        {
            "row": rows,
            "stateabb": [membership.states[r].stateabb for r in rows],
            "ccode": [membership.states[r].ccode for r in rows],
            "year": columns + FIRST_YEAR,
        }
    )


def nmc_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    frame = _state_years(membership, attributes.member)
    cinc = attributes.cinc[frame["row"], frame["year"] - FIRST_YEAR]
    # The six components scale with the composite index; their units do not matter here.
    frame["milex"] = np.round(cinc * 2e6).astype(np.int64)
    frame["milper"] = np.round(cinc * 5e4).astype(np.int64)
    frame["irst"] = np.round(cinc * 1e6).astype(np.int64)
    frame["pec"] = np.round(cinc * 3e6).astype(np.int64)
    frame["tpop"] = np.round(cinc * 4e6).astype(np.int64)
    frame["upop"] = np.round(cinc * 1e6).astype(np.int64)
    frame["cinc"] = np.round(cinc, 9)
    frame["version"] = NMC_VERSION
    return frame.drop(columns="row")


def polity_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    frame = _state_years(membership, attributes.polity_covered)
    position = (frame["row"], frame["year"] - FIRST_YEAR)
    polity2 = pd.array(attributes.polity2[position], dtype="Int64")
    special = pd.array(attributes.polity_special[position], dtype="Int64")
    plain = special.isna()
    democ = pd.array(np.where(plain, np.clip(polity2.fillna(0), 0, 10), special.fillna(0)), dtype="Int64")
    autoc = pd.array(np.where(plain, np.clip(-polity2.fillna(0), 0, 10), special.fillna(0)), dtype="Int64")
    empty = pd.array([pd.NA] * len(frame), dtype="Int64")
    table = pd.DataFrame(
        {
            "p5": 0,
            "cyear": frame["ccode"] * 10000 + frame["year"],
            "ccode": frame["ccode"],
            "scode": frame["stateabb"],
            "country": [membership.states[r].statenme for r in frame["row"]],
            "year": frame["year"],
            "flag": 0,
            "fragment": empty,
            "democ": democ,
            "autoc": autoc,
            "polity": pd.array(np.where(plain, polity2, special), dtype="Int64"),
            "polity2": polity2,
        }
    )
    # The concept variables and regime-change dates are not used by the pipeline.
    for column in [
        "durable",
        "xrreg",
        "xrcomp",
        "xropen",
        "xconst",
        "parreg",
        "parcomp",
        "exrec",
        "exconst",
        "polcomp",
        "prior",
        "emonth",
        "eday",
        "eyear",
        "eprec",
        "interim",
        "bmonth",
        "bday",
        "byear",
        "bprec",
        "post",
        "change",
        "d5",
        "sf",
        "regtrans",
    ]:
        table[column] = empty
    return table


def contiguity_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    """Directed dyad-years of contiguous pairs in years when both are members."""
    first, second = np.nonzero(attributes.conttype)
    both = attributes.member[first] & attributes.member[second]
    pair, column = np.nonzero(both)
    first, second = first[pair], second[pair]
    ccodes = np.array([s.ccode for s in membership.states])
    abbreviations = np.array([s.stateabb for s in membership.states])
    table = pd.DataFrame(
        {
            "dyad": ccodes[first] * 1000 + ccodes[second],
            "state1no": ccodes[first],
            "state1ab": abbreviations[first],
            "state2no": ccodes[second],
            "state2ab": abbreviations[second],
            "year": column + FIRST_YEAR,
            "conttype": attributes.conttype[first, second],
            "version": CONTIGUITY_VERSION,
        }
    )
    return table.sort_values(["dyad", "year"], kind="stable")


def _days(dispute: Dispute) -> int:
    (start_year, start_month, start_day), (end_year, end_month, end_day) = dispute.start, dispute.end
    return max(1, (end_year - start_year) * 365 + (end_month - start_month) * 30 + (end_day - start_day) + 1)


def dispute_table(disputes: list[Dispute]) -> pd.DataFrame:
    rows = []
    for d in disputes:
        days = _days(d)
        side_a = sum(p.side_a for p in d.participants)
        rows.append(
            (
                d.dispnum,
                d.start[2],
                d.start[1],
                d.start[0],
                d.end[2],
                d.end[1],
                d.end[0],
                4 if d.hostlev < 4 else 1,
                2,
                d.fatality,
                -9,
                days,
                days,
                HIACT_BY_HOSTILITY[d.hostlev],
                d.hostlev,
                int(d.hostlev >= 3),
                side_a,
                len(d.participants) - side_a,
                0,
                MID_VERSION,
            )
        )
    columns = registry_columns("mida")
    return pd.DataFrame(rows, columns=columns)


def participant_table(membership: Membership, disputes: list[Dispute]) -> pd.DataFrame:
    rows = [
        (
            d.dispnum,
            membership.states[p.row].stateabb,
            membership.states[p.row].ccode,
            d.start[2],
            d.start[1],
            d.start[0],
            d.end[2],
            d.end[1],
            d.end[0],
            int(p.side_a),
            int(p.side_a),
            1 if p.side_a else 0,
            -9,
            p.fatality,
            -9,
            HIACT_BY_HOSTILITY[p.hostlev],
            p.hostlev,
            int(p.originator),
            MID_VERSION,
        )
        for d in disputes
        for p in d.participants
    ]
    columns = registry_columns("midb")
    return pd.DataFrame(rows, columns=columns)


def _incident_number(dispute: Dispute) -> int:
    # MID numbers a dispute's incidents dispnum * 1000 + 1, 2, ...; here each has one.
    return dispute.dispnum * 1000 + 1


def incident_table(disputes: list[Dispute]) -> pd.DataFrame:
    rows = [
        (
            d.dispnum,
            _incident_number(d),
            d.start[2],
            d.start[1],
            d.start[0],
            d.end[2],
            d.end[1],
            d.end[0],
            _days(d),
            -9,
            d.fatality,
            -9,
            HIACT_BY_HOSTILITY[d.hostlev],
            d.hostlev,
            sum(p.side_a for p in d.participants),
            MID_VERSION,
        )
        for d in disputes
    ]
    columns = registry_columns("midi")
    return pd.DataFrame(rows, columns=columns)


def incident_participant_table(membership: Membership, disputes: list[Dispute]) -> pd.DataFrame:
    rows = [
        (
            d.dispnum,
            _incident_number(d),
            membership.states[p.row].stateabb,
            membership.states[p.row].ccode,
            d.start[2],
            d.start[1],
            d.start[0],
            d.end[2],
            d.end[1],
            d.end[0],
            int(p.side_a),
            int(p.side_a),
            p.fatality,
            -9,
            HIACT_BY_HOSTILITY[p.hostlev],
            p.hostlev,
            1 if p.side_a else 0,
            -9,
            MID_VERSION,
        )
        for d in disputes
        for p in d.participants
    ]
    columns = registry_columns("midip")
    return pd.DataFrame(rows, columns=columns)


def dyadic_mid_table(membership: Membership, disputes: list[Dispute]) -> pd.DataFrame:
    """COW's Dyadic MIDs: one row per dispute, ordered pair on opposite sides and year; the
    pair's level is the lower of the two states' (what both reached), at war when both
    reached war. Columns the build does not read are -9."""
    rows = []
    for d in disputes:
        for first in d.participants:
            for second in d.participants:
                if first.side_a == second.side_a:
                    continue
                pair_level = min(first.hostlev, second.hostlev)
                for year in range(d.start[0], d.end[0] + 1):
                    rows.append(
                        {
                            "disno": d.dispnum,
                            "statea": membership.states[first.row].ccode,
                            "stateb": membership.states[second.row].ccode,
                            "strtyr": d.start[0],
                            "endyear": d.end[0],
                            "year": year,
                            "hihost": max(pair_level, 2),
                            "fatlev": min(first.fatality, second.fatality),
                            "war": int(pair_level == 5),
                        }
                    )
    columns = registry_columns("dyadic_mid")
    return pd.DataFrame([[row.get(c, -9) for c in columns] for row in rows], columns=columns)


def war_table(membership: Membership, disputes: list[Dispute]) -> pd.DataFrame:
    """Every dispute that reached war, one row per participant; -8 = not applicable."""
    rows = []
    wars = [d for d in disputes if d.hostlev == 5]
    for war_number, d in enumerate(wars, start=1):
        for p in d.participants:
            state = membership.states[p.row]
            side = 1 if p.side_a else 2
            rows.append(
                (
                    war_number,
                    f"Synthetic War {war_number}",
                    1,
                    state.ccode,
                    state.statenme,
                    side,
                    d.start[1],
                    d.start[2],
                    d.start[0],
                    d.end[1],
                    d.end[2],
                    d.end[0],
                    -8,
                    -8,
                    -8,
                    -8,
                    -8,
                    -8,
                    -8,
                    1,
                    int(p.side_a),
                    side,
                    -8,
                    1000 if p.fatality == 6 else 100,
                    WAR_VERSION,
                )
            )
    columns = registry_columns("interstate_wars")
    return pd.DataFrame(rows, columns=columns)

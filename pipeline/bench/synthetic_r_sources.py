"""The synthetic world's democracy and GML dispute files, laid out as the registry's R data
files: each democracy measure a fixed function of the world's polity2 (so every measure
agrees on who is a democracy), GML's disputes the world's MID disputes through 2010.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.bench.registry_columns import registry_columns
from dpeace.bench.synthetic_attributes import Attributes, year_index
from dpeace.bench.synthetic_disputes import HIACT_BY_HOSTILITY, Dispute
from dpeace.bench.synthetic_states import Membership

GML_LAST_YEAR = 2010
QUICKUDS_LAST_YEAR = 2017
UDS_YEARS = range(1946, 2013)
GML_VERSION = "gml-2.2.1"


def _member_years(membership: Membership, attributes: Attributes, last_year: int | None = None):
    """(state, year, polity2 or None) for every member year up to last_year."""
    for row, state in enumerate(membership.states):
        for spell in state.spells:
            for year in spell.years:
                if last_year is not None and year > last_year:
                    continue
                polity2 = attributes.polity2[row, year_index(year)]
                yield state, year, None if np.isnan(polity2) else float(polity2)


def _latent(polity2: float | None) -> float | None:
    # A latent score centred near zero, as the UDS family is.
    return None if polity2 is None else round(polity2 / 7.0, 6)


def _polyarchy(polity2: float | None) -> float | None:
    return None if polity2 is None else round(0.05 + 0.9 * (polity2 + 10) / 20, 3)


def cw_democracy_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    rows = [
        (state.ccode, year, _latent(p), None if p is None else round(p / 7.0 - 0.3, 6), p, _polyarchy(p))
        for state, year, p in _member_years(membership, attributes)
    ]
    return pd.DataFrame(rows, columns=registry_columns("cw_democracy"))


def ccode_democracy_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    rows = [
        (state.ccode, year, _polyarchy(p), p, _latent(p))
        for state, year, p in _member_years(membership, attributes, QUICKUDS_LAST_YEAR)
    ]
    return pd.DataFrame(rows, columns=registry_columns("ccode_democracy"))


def vdem_simple_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    """V-Dem's units: the member states (cown their COW code) and one colony with no code."""
    rows = [
        {
            "vdem_country_name": state.statenme,
            "country_text_id": state.stateabb,
            "country_id": row,
            "year": year,
            "vdem_cowcode": state.ccode,
            "v2x_polyarchy": _polyarchy(p),
            "extended_country_name": state.statenme,
            "GWn": state.ccode,
            "cown": state.ccode,
            "in_GW_system": True,
        }
        for row, (state, year, p) in enumerate(_member_years(membership, attributes))
    ]
    rows.append({"vdem_country_name": "A Colony", "year": 1900, "v2x_polyarchy": 0.1, "in_GW_system": False})
    columns = registry_columns("vdem_simple")
    return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns)


def uds_2014_table(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    rows = []
    for state, year, p in _member_years(membership, attributes):
        if year not in UDS_YEARS or p is None:
            continue
        mean = _latent(p)
        rows.append(
            (state.statenme, year, state.ccode, mean, 0.3, mean, mean - 0.6, mean + 0.6)
            + (state.statenme, state.ccode, state.ccode, True)
        )
    return pd.DataFrame(rows, columns=registry_columns("uds_2014"))


def _gml_disputes(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.start[0] <= GML_LAST_YEAR]


def gml_dispute_table(disputes: list[Dispute]) -> pd.DataFrame:
    rows = [
        {
            "dispnum": d.dispnum,
            "styear": d.start[0],
            "stmon": d.start[1],
            "outcome": 5,
            "settle": 3,
            "fatality": d.fatality,
            "mindur": 1,
            "maxdur": 1,
            "hiact": HIACT_BY_HOSTILITY[d.hostlev],
            "hostlev": d.hostlev,
            "recip": 1,
        }
        for d in _gml_disputes(disputes)
    ]
    return pd.DataFrame(rows, columns=registry_columns("gml_mid_disps"))


def _directed_dispute_years(membership: Membership, disputes: list[Dispute]):
    """(dispute, first, second, year) for each pair on opposite sides, both orders, 1816-2010."""
    for d in _gml_disputes(disputes):
        for first in d.participants:
            for second in d.participants:
                if first.side_a == second.side_a:
                    continue
                for year in range(d.start[0], min(d.end[0], GML_LAST_YEAR) + 1):
                    yield d, first, second, year


def gml_directed_table(membership: Membership, disputes: list[Dispute]) -> pd.DataFrame:
    rows = []
    for d, first, second, year in _directed_dispute_years(membership, disputes):
        rows.append(
            {
                "dispnum": d.dispnum,
                "ccode1": membership.states[first.row].ccode,
                "ccode2": membership.states[second.row].ccode,
                "year": year,
                "midongoing": 1,
                "midonset": int(year == d.start[0]),
                "sidea1": int(first.side_a),
                "sidea2": int(second.side_a),
                "fatality1": first.fatality,
                "fatality2": second.fatality,
                "hiact1": HIACT_BY_HOSTILITY[first.hostlev],
                "hiact2": HIACT_BY_HOSTILITY[second.hostlev],
                "hostlev1": first.hostlev,
                "hostlev2": second.hostlev,
                "orig1": int(first.originator),
                "orig2": int(second.originator),
                "hiact": HIACT_BY_HOSTILITY[d.hostlev],
                "hostlev": d.hostlev,
                "fatality": d.fatality,
                "stmon": d.start[1],
                "endmon": d.end[1],
                "version": GML_VERSION,
            }
        )
    columns = registry_columns("gml_dirdisp")
    return pd.DataFrame([[row.get(c, -9) for c in columns] for row in rows], columns=columns)


def gml_dyad_year_table(directed: pd.DataFrame) -> pd.DataFrame:
    """One dispute per directed dyad-year, onsets first, as peacesciencer whittles it."""
    ordered = directed.sort_values(
        ["ccode1", "ccode2", "year", "midonset", "dispnum"], ascending=[1, 1, 1, 0, 1]
    )
    first = ordered.drop_duplicates(["ccode1", "ccode2", "year"]).rename(
        columns={"midongoing": "gmlmidongoing", "midonset": "gmlmidonset"}
    )
    return first[registry_columns("gml_mid_ddydisps")].reset_index(drop=True)

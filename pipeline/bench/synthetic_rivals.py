"""Synthetic rival-explanation sources (COW trade, IGO counts, GDP estimates, territorial
threat, rivalries, Archigos leaders), laid out as the registry's files, sized like the real
ones relative to the world: trade flows for every pair of members from 1870 to 2014 in both
orders, IGO counts for every pair of members to 2014, a state-year row of each estimate for
every member year, a rivalry for every fourth contiguous pair, a leader every five years
of every membership spell. The values follow each state's capabilities; only their shapes
and sizes matter to the benchmark.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.bench.registry_columns import registry_columns
from dpeace.bench.synthetic_attributes import FIRST_YEAR, Attributes
from dpeace.bench.synthetic_states import LAST_YEAR, Membership

TRADE_YEARS = (1870, 2014)
IGO_LAST_YEAR = 2014
THREAT_LAST_YEAR = 2010
LEADER_TERM_YEARS = 5


def rival_tables(membership: Membership, attributes: Attributes) -> dict[str, pd.DataFrame]:
    state_years = _member_state_years(membership, attributes)
    trade_pairs = _member_pairs(membership, attributes, *TRADE_YEARS)
    # Each state's imports from the other, one value per state of a pair whichever order the
    # row lists them in (as in COW's file, where a pair's two rows mirror each other): the
    # same product, taken in the same order, for flow1 of (a, b) and flow2 of (b, a).
    imports_1 = np.round(trade_pairs["cinc1"] * trade_pairs["cinc2"] * 1e6 * (1 + trade_pairs["cinc1"]), 3)
    imports_2 = np.round(trade_pairs["cinc2"] * trade_pairs["cinc1"] * 1e6 * (1 + trade_pairs["cinc2"]), 3)
    igo_pairs = _member_pairs(membership, attributes, FIRST_YEAR, IGO_LAST_YEAR)
    igo_pairs = igo_pairs[igo_pairs["ccode1"] < igo_pairs["ccode2"]]
    trade_years = state_years[state_years["year"].between(*TRADE_YEARS)]
    return {
        "cow_trade_national": _table(
            "cow_trade_national",
            ccode=trade_years["ccode"],
            statename=trade_years["stateabb"],
            stateabb=trade_years["stateabb"],
            year=trade_years["year"],
            imports=np.round(trade_years["cinc"] * 1e5, 2),
            exports=np.round(trade_years["cinc"] * 9e4, 2),
            version=4,
        ),
        "cow_trade_state_years": _table(
            "cow_trade_state_years",
            ccode=trade_years["ccode"],
            year=trade_years["year"],
            imports=np.round(trade_years["cinc"] * 1e5, 2),
            exports=np.round(trade_years["cinc"] * 9e4, 2),
        ),
        "cow_trade_directed_dyad_years": _table(
            "cow_trade_directed_dyad_years",
            ccode1=trade_pairs["ccode1"],
            ccode2=trade_pairs["ccode2"],
            year=trade_pairs["year"],
            flow1=imports_1,
            flow2=imports_2,
            smoothflow1=imports_1,
            smoothflow2=imports_2,
        ),
        "cow_igo_dyad_years": _table(
            "cow_igo_dyad_years",
            ccode1=igo_pairs["ccode1"],
            ccode2=igo_pairs["ccode2"],
            year=igo_pairs["year"],
            dyadigos=(igo_pairs["year"] - FIRST_YEAR) // 4,
        ),
        "cow_igo_state_years": _table(
            "cow_igo_state_years",
            ccode=state_years["ccode"],
            year=state_years["year"],
            sum_igo_full=(state_years["year"] - FIRST_YEAR) // 2,
            sum_igo_associate=0,
            sum_igo_observer=0,
            sum_igo_anytype=(state_years["year"] - FIRST_YEAR) // 2,
        ),
        "sdp_gdp": _table(
            "sdp_gdp",
            ccode=state_years["ccode"],
            year=state_years["year"],
            wbgdp2011est=np.round(np.log(state_years["cinc"] * 1e13 + 1e9), 3),
            wbpopest=np.round(np.log(state_years["cinc"] * 1e9 + 1e5), 3),
            sdpest=np.round(np.log(state_years["cinc"] * 8e12 + 1e9), 3),
            wbgdppc2011est=np.round(np.log(1e4 + 0 * state_years["cinc"]), 3),
        ),
        "fariss_gdppop": _table(
            "fariss_gdppop",
            ccode=state_years["ccode"],
            year=state_years["year"],
            mrgdppc=1000.0 + (state_years["year"] - FIRST_YEAR) * 50.0,
            sd_mrgdppc=100.0,
            pwtrgdp=state_years["cinc"] * 1e7 + 100.0,
            sd_pwtrgdp=10.0,
            pwtpop=state_years["cinc"] * 1e3 + 0.1,
            sd_pwtpop=0.01,
        ),
        "territorial_threat": _territorial_threat(state_years),
        "td_rivalries": _rivalries("td_rivalries", membership, attributes),
        "tss_rivalries": _rivalries("tss_rivalries", membership, attributes),
        "archigos_leaders": _leaders(membership),
    }


def _table(name: str, **columns) -> pd.DataFrame:
    frame = pd.DataFrame({column: columns.get(column) for column in registry_columns(name)})
    return frame.reset_index(drop=True)


def _member_state_years(membership: Membership, attributes: Attributes) -> pd.DataFrame:
    rows, columns = np.nonzero(attributes.member)
    return pd.DataFrame(
        {
            "ccode": [membership.states[r].ccode for r in rows],
            "stateabb": [membership.states[r].stateabb for r in rows],
            "year": columns + FIRST_YEAR,
            "cinc": np.nan_to_num(attributes.cinc[rows, columns], nan=0.001),
        }
    )


def _member_pairs(membership: Membership, attributes: Attributes, first: int, last: int) -> pd.DataFrame:
    """Both orders of every pair of states members in the same year, first to last."""
    ccodes = np.array([s.ccode for s in membership.states])
    frames = []
    for year in range(max(first, FIRST_YEAR), min(last, LAST_YEAR) + 1):
        members = np.flatnonzero(attributes.member[:, year - FIRST_YEAR])
        if len(members) < 2:
            continue
        a, b = np.meshgrid(members, members, indexing="ij")
        keep = a != b
        a, b = a[keep], b[keep]
        cinc = np.nan_to_num(attributes.cinc[:, year - FIRST_YEAR], nan=0.001)
        frames.append(
            pd.DataFrame(
                {"ccode1": ccodes[a], "ccode2": ccodes[b], "year": year, "cinc1": cinc[a], "cinc2": cinc[b]}
            )
        )
    return pd.concat(frames, ignore_index=True)


def _territorial_threat(state_years: pd.DataFrame) -> pd.DataFrame:
    years = state_years[state_years["year"] <= THREAT_LAST_YEAR]
    threat = np.round(years["cinc"] * 10 - 0.5, 6)
    return _table(
        "territorial_threat",
        ccode=years["ccode"],
        year=years["year"],
        lterrthreat=threat,
        sd=0.1,
        lwr=threat - 0.16,
        upr=threat + 0.16,
    )


def _rivalries(name: str, membership: Membership, attributes: Attributes) -> pd.DataFrame:
    first, second = np.nonzero(np.triu(attributes.conttype > 0, 1))
    chosen = list(zip(first, second))[::4]
    rows = []
    for number, (a, b) in enumerate(chosen, start=1):
        years = np.flatnonzero(attributes.member[a] & attributes.member[b]) + FIRST_YEAR
        if len(years) == 0:
            continue
        low, high = sorted((membership.states[a].ccode, membership.states[b].ccode))
        start, end = int(years[0]), int(min(years[-1], years[0] + 40))
        rows.append((number, f"{low}-{high}", low, high, start, end))
    frame = pd.DataFrame(rows, columns=["id", "name", "ccode1", "ccode2", "start", "end"])
    if name == "td_rivalries":
        return _table(
            name,
            rivalryno=frame["id"],
            rivalryname=frame["name"],
            ccode1=frame["ccode1"],
            ccode2=frame["ccode2"],
            styear=frame["start"],
            endyear=frame["end"],
            region="synthetic",
            type1="spatial",
        )
    return _table(
        name,
        tssr_id=frame["id"],
        rivalry=frame["name"],
        ccode1=frame["ccode1"],
        ccode2=frame["ccode2"],
        start=frame["start"],
        end=frame["end"],
        spatial=1.0,
    )


def _leaders(membership: Membership) -> pd.DataFrame:
    rows = []
    for state in membership.states:
        for spell in state.spells:
            start_year, end_year = spell.start[0], min(spell.end[0], 2015)
            for term_start in range(start_year, end_year + 1, LEADER_TERM_YEARS):
                term_end = min(term_start + LEADER_TERM_YEARS, end_year)
                rows.append(
                    (
                        f"{state.stateabb}-{term_start}",
                        state.ccode,
                        f"{state.stateabb}-{term_start}",
                        f"Leader {state.stateabb} {term_start}",
                        f"{term_start}-01-01",
                        f"{term_end}-12-31" if term_end == end_year else f"{term_end}-01-01",
                    )
                )
    frame = pd.DataFrame(rows, columns=["obsid", "gwcode", "leadid", "leader", "start", "end"])
    return _table(
        "archigos_leaders",
        obsid=frame["obsid"],
        gwcode=frame["gwcode"],
        leadid=frame["leadid"],
        leader=frame["leader"],
        gender="M",
        startdate=frame["start"],
        enddate=frame["end"],
        entry="Regular",
        exit="Regular",
        exitcode="Regular",
    )

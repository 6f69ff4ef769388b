"""A tiny hand-made world of raw files, written as `dpeace fetch` would cache them.

Years 1900-1905, five states (right answers worked out in the comments):

    ccode  abb  membership                      members per year
    2      AAA  1900-1905                       1900: 2, 20, 255         n=3  3 dyads  6 directed
    20     BBB  1900-1905                       1901: 2, 20, 255, 390    n=4  5        10
    255    CCC  1 Jan 1900 - 30 Jun 1901,       1902: 2, 20, 390         n=3  3        6
                again Mar 1904 (day -9) - 1905  1903: 2, 20, 345         n=3  3        6
    345    DDD  1 Jul 1903 - 1905               1904: 2, 20, 255, 345    n=4  6        12
    390    EEE  1 Sep 1901 - 31 Dec 1902        1905: 2, 20, 255, 345    n=4  6        12
                                                total                         26       52
    In 1901 CCC left (30 June) before EEE joined (1 September): both were members that
    year, but never on the same day, so 255-390 is no dyad in 1901 (4 members, 6 pairs,
    5 dyads).
    state_years: 6 + 6 + 4 + 3 + 2 = 21 rows.

Major powers: AAA 1900-1905; BBB from 5 Nov 1902 to 1 Feb 1903, so (any part of the
year) 1902 and 1903 only.

Polity (the repo's crosswalk maps Polity 342 Serbia to COW 345 in 1878-1920):
    2/1900   polity -88, polity2 5             -> polity NULL, polity_special -88
    20/1900  polity -66, polity2 blank         -> polity2 NULL, polity_special -66
    2/1901 polity2 8, 20/1901 polity2 7        -> joint democracy, low 7, high 8
    2/1902 polity2 10, 20/1902 polity2 5       -> not joint, low 5
    342/1903 polity2 -5                        -> DDD (345) 1903, through the crosswalk
    342/1904 and 345/1904                      -> both to COW 345 1904: collision
    345/1905 polity2 3                         -> DDD 1905
    89/1900                                    -> 'code not in COW'
    255/1902                                   -> 'not a COW member that year'
    2/1899                                     -> 'outside COW years'

NMC cinc 1900: AAA 0.6, BBB 0.2, CCC -9 (missing); 1903: BBB 0.5, DDD 0.
Contiguity: AAA-BBB 1900 type 1; 1901 listed as type 1 and type 3 (a change that year);
BBB-CCC 1900 type 5 (400 miles of water: not contiguous).
Disputes: #1 AAA v BBB in 1901, hostility 4; #2 BBB v DDD in 1903, hostility 2. The
last dispute ends in 1903, so dispute columns are NULL in 1904-1905. Only #2 has
incidents (MIDI/MIDIP): one, BBB (side A, level 2) against DDD (level 1), so the pair's
own level is the higher of the two there, 2. #1 has no incidents: a bilateral dispute,
so each state's level counts for the pair (both 4).
War #1, the Aland-Bland War: AAA (side 1, 1000 battle deaths) v BBB (side 2, 500), March
to April 1901: war_onset for AAA-BBB in 1901, battle deaths 1000 + 500 = 1500. The war
data cover to 2007 (analysis_settings), so war columns are false, not NULL, in 1904-1905.
COW's Dyadic MIDs: #1 AAA-BBB 1901 at war (hostility 5, war flag 1), so the war is one the
two fought; #2 BBB-DDD 1903, threat (2), no war. Two rows are no dyad-year and land in
dyadic_mid_unmatched: #7 AAA v 999 in 1900 ('code not in COW'), #8 BBB v EEE in 1904 (EEE
no member then: 'not a COW member that year'), each in both orders.

ATOP alliances (member rows: alliance, state, phase, entry, exit, obligations):
    1001 AAA, BBB  phase 1 1900-03-01 to 1902-05-10 defense+neutral; phase 2 from
                   1902-05-10, still in effect (yrexit 0), consultation only
    1002 BBB 1900-01-01 to 1903-07-01; DDD 1903-07-01 to 1903-12-31; non-aggression
    1003 CCC, DDD  from 1904-05-01, in effect; CCC offense only, DDD defense only
    1004 AAA and 8152 (no COW state) 1900-1901, consultation
    1005 AAA 1903-01-01 to 1904-02-28, non-aggression; CCC from 1904-03-01, in effect
Alliance dyad-years (ccode1 < ccode2):
    2-20    1900-1905 allied; defense and neutrality 1900-1901 only (in 1902 the latest
            phase, consultation only, gives the year's obligations); consultation 1902-1905
    20-345  1903 only: BBB leaves on the day DDD joins, one shared day; non-aggression
    255-345 1904-1905: defense (DDD's) and offense (CCC's), either member's obligation
    2-255   never: in 1005 AAA left on 28 Feb 1904, the day before CCC joined
    8152 is left out (atop_members_unmatched lists its row); 1004 still counts for AAA's
    state-years. So 6 + 1 + 2 = 9 allied dyad-years, 4 with a defence pact (2-20
    1900-1901, 255-345 1904-1905), of the 26 dyad-years.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from pathlib import Path

import pandas

from dpeace.bench.r_data_files import write_r_data
from dpeace.fetch.registry import all_files, load_registry
from tests.transform.world_r_sources import r_source_rows

STATES = [
    # stateabb, ccode, statenme, styear, stmonth, stday, endyear, endmonth, endday
    ("AAA", 2, "Aland", 1900, 1, 1, 1905, 12, 31),
    ("BBB", 20, "Bland", 1900, 1, 1, 1905, 12, 31),
    ("CCC", 255, "Cland", 1900, 1, 1, 1901, 6, 30),
    ("CCC", 255, "Cland", 1904, 3, -9, 1905, 12, 31),
    ("DDD", 345, "Dland", 1903, 7, 1, 1905, 12, 31),
    ("EEE", 390, "Eland", 1901, 9, 1, 1902, 12, 31),
]

MAJORS = [
    ("AAA", 2, 1900, 1, 1, 1905, 12, 31),
    ("BBB", 20, 1902, 11, 5, 1903, 2, 1),
]

POLITY = [
    # ccode, country, year, polity, polity2, democ, autoc
    (2, "Aland", 1899, 8, 8, 8, 0),
    (2, "Aland", 1900, -88, 5, -88, -88),
    (2, "Aland", 1901, 8, 8, 8, 0),
    (2, "Aland", 1902, 10, 10, 10, 0),
    (20, "Bland", 1900, -66, None, -66, -66),
    (20, "Bland", 1901, 7, 7, 7, 0),
    (20, "Bland", 1902, 5, 5, 6, 1),
    (89, "Nowhere", 1900, 0, 0, 3, 3),
    (255, "Cland", 1902, 1, 1, 3, 2),
    (342, "Dland (Polity's old code)", 1903, -5, -5, 1, 6),
    (342, "Dland (Polity's old code)", 1904, -4, -4, 1, 5),
    (345, "Dland", 1904, 2, 2, 4, 2),
    (345, "Dland", 1905, 3, 3, 5, 2),
]

NMC = [
    # ccode, year, cinc
    (2, 1900, 0.6),
    (20, 1900, 0.2),
    (255, 1900, -9),
    (20, 1903, 0.5),
    (345, 1903, 0),
]

CONTIGUITY = [
    # state1, state2, year, conttype
    (2, 20, 1900, 1),
    (20, 2, 1900, 1),
    (2, 20, 1901, 1),
    (2, 20, 1901, 3),
    (20, 2, 1901, 1),
    (20, 2, 1901, 3),
    (20, 255, 1900, 5),
    (255, 20, 1900, 5),
]

DISPUTES = [
    # dispnum, year, hostlev, (side A ccode, abb), (side B ccode, abb)
    (1, 1901, 4, (2, "AAA"), (20, "BBB")),
    (2, 1903, 2, (20, "BBB"), (345, "DDD")),
]

ABBREVIATIONS = {2: "AAA", 20: "BBB", 255: "CCC", 345: "DDD", 390: "EEE"}

ATOP_MEMBERS = [
    # atopid, member, phase, yrent, moent, dayent, yrexit, moexit, dayexit (0 0 0: in effect), obligations
    (1001, 2, 1, 1900, 3, 1, 1902, 5, 10, ("defense", "neutral")),
    (1001, 20, 1, 1900, 3, 1, 1902, 5, 10, ("defense", "neutral")),
    (1001, 2, 2, 1902, 5, 10, 0, 0, 0, ("consul",)),
    (1001, 20, 2, 1902, 5, 10, 0, 0, 0, ("consul",)),
    (1002, 20, 0, 1900, 1, 1, 1903, 7, 1, ("nonagg",)),
    (1002, 345, 0, 1903, 7, 1, 1903, 12, 31, ("nonagg",)),
    (1003, 255, 0, 1904, 5, 1, 0, 0, 0, ("offense",)),
    (1003, 345, 0, 1904, 5, 1, 0, 0, 0, ("defense",)),
    (1004, 2, 0, 1900, 1, 1, 1901, 12, 31, ("consul",)),
    (1004, 8152, 0, 1900, 1, 1, 1901, 12, 31, ("consul",)),
    (1005, 2, 0, 1903, 1, 1, 1904, 2, 28, ("nonagg",)),
    (1005, 255, 0, 1904, 3, 1, 0, 0, 0, ("nonagg",)),
]

ATOP_NO_OBLIGATION = dict.fromkeys(("defense", "offense", "neutral", "nonagg", "consul"), 0)

# ATOP's state-year file for these members, as ATOP would publish it (8152 left out; in a
# year with a phase change, the latest phase's obligations): the rebuild must agree.
ATOP_STATE_YEARS = [
    # ccode, year, atopids, obligations that year
    (2, 1900, (1001, 1004), ("defense", "neutral", "consul")),
    (2, 1901, (1001, 1004), ("defense", "neutral", "consul")),
    (2, 1902, (1001,), ("consul",)),
    (2, 1903, (1001, 1005), ("consul", "nonagg")),
    (2, 1904, (1001, 1005), ("consul", "nonagg")),
    *[(2, year, (1001,), ("consul",)) for year in range(1905, 2019)],
    (20, 1900, (1001, 1002), ("defense", "neutral", "nonagg")),
    (20, 1901, (1001, 1002), ("defense", "neutral", "nonagg")),
    (20, 1902, (1001, 1002), ("consul", "nonagg")),
    (20, 1903, (1001, 1002), ("consul", "nonagg")),
    *[(20, year, (1001,), ("consul",)) for year in range(1904, 2019)],
    *[(255, year, (1003, 1005), ("offense", "nonagg")) for year in range(1904, 2019)],
    (345, 1903, (1002,), ("nonagg",)),
    *[(345, year, (1003,), ("defense",)) for year in range(1904, 2019)],
]

BMR = [
    # ccode, country, year, democracy ("NA": not scored)
    *[(2, "ALAND", year, 1) for year in range(1900, 1906)],
    (20, "BLAND", 1900, "NA"),
    *[(20, "BLAND", year, 1) for year in range(1901, 1906)],
    (255, "CLAND", 1900, 0),
    (255, "CLAND", 1901, 0),
    (255, "CLAND", 1904, 0),
    (255, "CLAND", 1905, 1),
    # BMR codes Serbia 342 to 1920 (sql/seeds/bmr_cow_crosswalk.csv), so DDD (COW 345)
    # takes the 342 rows; the 345 row for 1905 is another state's and must not be used.
    (342, "DLAND", 1903, 0),
    (342, "DLAND", 1904, 1),
    (342, "DLAND", 1905, 1),
    (345, "NOT DLAND", 1905, 0),
]

# Gleditsch-Ward numbers DDD (COW 345) as 340, as GW does Serbia before 1918 (the seed
# sql/seeds/gw_cow_crosswalk.csv maps COW 345 in 1878-1917 to GW 340), and CCC (255) as
# 255, as GW does Germany before 1945.
GW_STATES = [
    # gwcode, abbreviation, name, start, end (dd:mm:yyyy)
    (2, "AAA", "Aland", "01:01:1900", "31:12:2017"),
    (20, "BBB", "Bland", "01:01:1900", "31:12:2017"),
    (255, "CCC", "Cland", "01:01:1900", "30:06:1901"),
    (255, "CCC", "Cland", "01:03:1904", "31:12:2017"),
    (340, "DDD", "Dland", "01:07:1903", "31:12:2017"),
]
GW_MICROSTATES = [(390, "EEE", "Eland", "01:09:1901", "31:12:1902")]
# capdist lists Serbia's capital under 345, not GW's 340 (the seed's capdist_code), and
# has no row for EEE (390).
CAPDIST_ABBREVIATIONS = {2: "AAA", 20: "BBB", 255: "CCC", 345: "DDD"}
CAPITAL_KM = [
    # capdist numbers (low, high), km; capdist lists both orders
    (2, 20, 1000),
    (2, 255, 2000),
    (2, 345, 3000),
    (20, 255, 1500),
    (20, 345, 2500),
    (255, 345, 500),
]


# The rival explanations (answers worked out in tests/transform/test_rival_explanations.py).
# GDP (Anders et al., natural logs): AAA 1900 exactly 1,000 and BBB 200 million dollars;
# 999 is no COW state and AAA 1899 is before the world begins (covariates_unmatched).
SDP_GDP_MILLIONS = [(2, 1900, 1000.0), (20, 1900, 200.0), (999, 1900, 50.0), (2, 1899, 900.0)]
# Directed trade flows (flow1: ccode1's imports from ccode2), both orders of AAA-BBB 1900:
# trade 10 + 30 = 40, so AAA's dependence 40 / 1000 = 0.04 and BBB's 40 / 200 = 0.2. In 1901
# one flow is unknown, so the pair's trade is. 255-390 never shared a day of 1901, and 999
# is no COW state.
TRADE_FLOWS = [
    # ccode1, ccode2, year, flow1, flow2
    (2, 20, 1900, 10.0, 30.0),
    (20, 2, 1900, 30.0, 10.0),
    (2, 20, 1901, None, 5.0),
    (20, 2, 1901, 5.0, None),
    (255, 390, 1901, 1.0, 1.0),
    (2, 999, 1900, 1.0, 1.0),
]
NATIONAL_TRADE = [(2, 1900, 100.0, 120.0), (20, 1900, 40.0, None)]
SHARED_IGOS = [(2, 20, 1900, 3), (2, 20, 1901, 4)]
STATE_IGOS = [(2, 1900, 5), (20, 1900, 2)]
GDP_PER_CAPITA = [(2, 4000.0), (20, 2500.0)]  # every year 1900-1905
TERRITORIAL_THREAT = [(2, 0.5), (20, -0.2)]  # every year 1900-1905
# NMC milper and tpop (thousands) where not 1 and 1: AAA 1900 10 / 1000, BBB 1900 30 / 600.
MILITARY = {(2, 1900): (10, 1000), (20, 1900): (30, 600)}
TD_RIVALRIES = [
    # rivalryno, name, ccode1, ccode2, first, last
    (1, "Aland-Bland", 2, 20, 1850, 1901),
    (2, "Bland-Dland", 20, 345, 1903, 1904),
    (3, "Venice-Aland", 2, 324, 1800, 1820),
]
TSS_RIVALRIES = [(1, "Aland-Bland", 2, 20, 1850, 1902), (2, "Cland-Dland", 255, 345, 1904, 1905)]
ARCHIGOS = [
    # obsid, gwcode, leader, start, end
    ("AAA-1890", 2, "Alpha", "1890-01-01", "1901-06-30"),
    ("AAA-1901", 2, "Beta", "1901-06-30", "1915-12-31"),
    ("DDD-1903", 340, "Delta", "1903-07-01", "1910-01-01"),
    ("CCC-1899", 255, "Gamma", "1899-01-01", "1905-12-31"),
    ("TIB-1900", 711, "Tenzin", "1900-01-01", "1900-12-31"),
]


def world_rows() -> dict[str, list[dict]]:
    """Each raw file's rows as {column: value}; columns left out get the file's blank."""
    membership_years = [
        (abb, ccode, year)
        for abb, ccode, _, start, _, _, end, _, _ in STATES
        for year in range(start, end + 1)
    ]
    mida, midb = [], []
    midi = [
        {
            "dispnum": 2,
            "incidnum": 2001,
            "stday": 1,
            "stmon": 3,
            "styear": 1903,
            "endday": 1,
            "endmon": 3,
            "endyear": 1903,
            "duration": 1,
            "tbi": -9,
            "fatality": 0,
            "fatalpre": 0,
            "action": 1,
            "hostlev": 2,
            "numa": 1,
            "version": 5,
        }
    ]
    midip = [
        {
            "dispnum": 2,
            "incidnum": 2001,
            "stabb": abb,
            "ccode": ccode,
            "stday": 1,
            "stmon": 3,
            "styear": 1903,
            "endday": 1,
            "endmon": 3,
            "endyear": 1903,
            "insidea": side_a,
            "sidea": side_a,
            "fatality": 0,
            "fatalpre": 0,
            "action": action,
            "hostlev": hostlev,
            "revtype1": side_a,
            "revtype2": 0,
            "version": 5,
        }
        for ccode, abb, side_a, action, hostlev in ((20, "BBB", 1, 1, 2), (345, "DDD", 0, 0, 1))
    ]
    for dispnum, year, hostlev, (a, abb_a), (b, abb_b) in DISPUTES:
        mida.append(
            {
                "dispnum": dispnum,
                "stday": 1,
                "stmon": 3,
                "styear": year,
                "endday": 1,
                "endmon": 4,
                "endyear": year,
                "outcome": 5,
                "settle": 3,
                "fatality": 0,
                "fatalpre": 0,
                "maxdur": 32,
                "mindur": 32,
                "hiact": 7,
                "hostlev": hostlev,
                "recip": 0,
                "numa": 1,
                "numb": 1,
                "ongo2014": 0,
                "version": 5,
            }
        )
        for ccode, abb, side_a in ((a, abb_a, 1), (b, abb_b, 0)):
            midb.append(
                {
                    "dispnum": dispnum,
                    "stabb": abb,
                    "ccode": ccode,
                    "stday": 1,
                    "stmon": 3,
                    "styear": year,
                    "endday": 1,
                    "endmon": 4,
                    "endyear": year,
                    "sidea": side_a,
                    "revstate": side_a,
                    "revtype1": side_a,
                    "fatality": 0,
                    "fatalpre": 0,
                    "hiact": 7,
                    "hostlev": hostlev,
                    "orig": 1,
                    "version": 5,
                }
            )
    return {
        "states": [
            dict(
                zip(
                    (
                        "stateabb",
                        "ccode",
                        "statenme",
                        "styear",
                        "stmonth",
                        "stday",
                        "endyear",
                        "endmonth",
                        "endday",
                    ),
                    row,
                ),
                version=2016,
            )
            for row in STATES
        ],
        "system": [
            {"stateabb": abb, "ccode": ccode, "year": year, "version": 2016}
            for abb, ccode, year in membership_years
        ],
        "majors": [
            dict(
                zip(
                    ("stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"), row
                ),
                version=2016,
            )
            for row in MAJORS
        ],
        "nmc": [
            {
                "stateabb": ABBREVIATIONS[ccode],
                "ccode": ccode,
                "year": year,
                "cinc": cinc,
                "milex": 1,
                "milper": MILITARY.get((ccode, year), (1, 1))[0],
                "irst": 1,
                "pec": 1,
                "tpop": MILITARY.get((ccode, year), (1, 1))[1],
                "upop": 1,
                "version": 2021,
            }
            for ccode, year, cinc in NMC
        ],
        "polity": [
            {
                "p5": 0,
                "cyear": f"{ccode}{year}",
                "ccode": ccode,
                "scode": "XXX",
                "country": country,
                "year": year,
                "flag": 0,
                "polity": polity,
                "polity2": polity2,
                "democ": democ,
                "autoc": autoc,
            }
            for ccode, country, year, polity, polity2, democ, autoc in POLITY
        ],
        "contdird": [
            {
                "dyad": min(a, b) * 1000 + max(a, b),
                "state1no": a,
                "state1ab": ABBREVIATIONS[a],
                "state2no": b,
                "state2ab": ABBREVIATIONS[b],
                "year": year,
                "conttype": conttype,
                "version": 3.2,
            }
            for a, b, year, conttype in CONTIGUITY
        ],
        "mida": mida,
        "midb": midb,
        "midi": midi,
        "midip": midip,
        "interstate_wars": [
            {
                "WarNum": 1,
                "WarName": "Aland-Bland War",
                "WarType": 1,
                "ccode": ccode,
                "StateName": name,
                "Side": side,
                "StartMonth1": 3,
                "StartDay1": 1,
                "StartYear1": 1901,
                "EndMonth1": 4,
                "EndDay1": 1,
                "EndYear1": 1901,
                "StartMonth2": -8,
                "StartDay2": -8,
                "StartYear2": -8,
                "EndMonth2": -8,
                "EndDay2": -8,
                "EndYear2": -8,
                "TransFrom": -8,
                "WhereFought": 2,
                "Initiator": int(side == 1),
                "Outcome": side,
                "TransTo": -8,
                "BatDeath": deaths,
                "Version": 4,
            }
            for ccode, name, side, deaths in ((2, "Aland", 1, 1000), (20, "Bland", 2, 500))
        ],
        "dyadic_mid": [
            {
                "disno": disno,
                "statea": a,
                "stateb": b,
                "strtyr": year,
                "endyear": year,
                "year": year,
                "hihost": hostlev,
                "fatlev": 0,
                "war": int(hostlev == 5),
            }
            for disno, pair, year, hostlev in (
                (1, (2, 20), 1901, 5),
                (2, (20, 345), 1903, 2),
                (7, (2, 999), 1900, 3),
                (8, (20, 390), 1904, 4),
            )
            for a, b in (pair, pair[::-1])
        ],
        "atop_members": [
            {
                **dict(
                    zip(
                        (
                            "atopid",
                            "member",
                            "phase",
                            "yrent",
                            "moent",
                            "dayent",
                            "yrexit",
                            "moexit",
                            "dayexit",
                        ),
                        row[:9],
                    )
                ),
                **ATOP_NO_OBLIGATION,
                **dict.fromkeys(row[9], 1),
                "version": 5.1,
            }
            for row in ATOP_MEMBERS
        ],
        "atop_alliances": [
            {
                "atopid": atopid,
                "begyr": min(r[3] for r in members),
                "version": 5.1,
                **{f"mem{i}": r[1] for i, r in enumerate(members, start=1)},
            }
            for atopid in sorted({r[0] for r in ATOP_MEMBERS})
            for members in [sorted({r[1]: r for r in ATOP_MEMBERS if r[0] == atopid}.values())]
        ],
        "atop_state_years": [
            {
                "state": ccode,
                "year": year,
                "atopally": 1,
                "number": len(atopids),
                "transyr": 0,
                **ATOP_NO_OBLIGATION,
                **dict.fromkeys(obligations, 1),
                **{f"atopid{i}": a for i, a in enumerate(atopids, start=1)},
                "version": 5.1,
            }
            for ccode, year, atopids, obligations in ATOP_STATE_YEARS
        ],
        "bmr_democracy": [
            {
                "country": name,
                "ccode": ccode,
                "abbreviation": ABBREVIATIONS.get(ccode, "XXX"),
                "year": year,
                "democracy": democracy,
            }
            for ccode, name, year, democracy in BMR
        ],
        "gw_states": [
            dict(zip(("gwcode", "abbreviation", "name", "start", "end"), row)) for row in GW_STATES
        ],
        "gw_microstates": [
            dict(zip(("gwcode", "abbreviation", "name", "start", "end"), row)) for row in GW_MICROSTATES
        ],
        "capdist": [
            {
                "numa": a,
                "ida": CAPDIST_ABBREVIATIONS[a],
                "numb": b,
                "idb": CAPDIST_ABBREVIATIONS[b],
                "kmdist": km,
                "midist": round(km / 1.609344),
            }
            for low, high, km in CAPITAL_KM
            for a, b in ((low, high), (high, low))
        ],
        **rival_explanation_rows(),
    }


def rival_explanation_rows() -> dict[str, list[dict]]:
    years = range(1900, 1906)
    return {
        "cow_trade_national": [
            {"ccode": c, "stateabb": ABBREVIATIONS[c], "year": y, "imports": i, "exports": e, "version": 4}
            for c, y, i, e in NATIONAL_TRADE
        ],
        "cow_trade_state_years": [
            {"ccode": c, "year": y, "imports": i, "exports": e} for c, y, i, e in NATIONAL_TRADE
        ],
        "cow_trade_directed_dyad_years": [
            {
                "ccode1": a,
                "ccode2": b,
                "year": y,
                "flow1": f1,
                "flow2": f2,
                "smoothflow1": f1,
                "smoothflow2": f2,
            }
            for a, b, y, f1, f2 in TRADE_FLOWS
        ],
        "cow_igo_dyad_years": [
            {"ccode1": a, "ccode2": b, "year": y, "dyadigos": n} for a, b, y, n in SHARED_IGOS
        ],
        "cow_igo_state_years": [
            {
                "ccode": c,
                "year": y,
                "sum_igo_full": n,
                "sum_igo_associate": 0,
                "sum_igo_observer": 0,
                "sum_igo_anytype": n,
            }
            for c, y, n in STATE_IGOS
        ],
        "sdp_gdp": [
            {
                "ccode": c,
                "year": y,
                "wbgdp2011est": math.log(m * 1e6),
                "wbpopest": 15.0,
                "sdpest": 20.0,
                "wbgdppc2011est": 7.0,
            }
            for c, y, m in SDP_GDP_MILLIONS
        ],
        "fariss_gdppop": [
            {
                "ccode": c,
                "year": y,
                "mrgdppc": v,
                "sd_mrgdppc": 1.0,
                "pwtrgdp": 1.0,
                "sd_pwtrgdp": 1.0,
                "pwtpop": 1.0,
                "sd_pwtpop": 1.0,
            }
            for c, v in GDP_PER_CAPITA
            for y in years
        ],
        "territorial_threat": [
            {"ccode": c, "year": y, "lterrthreat": v, "sd": 0.1, "lwr": v - 0.2, "upr": v + 0.2}
            for c, v in TERRITORIAL_THREAT
            for y in years
        ],
        "td_rivalries": [
            {
                "rivalryno": n,
                "rivalryname": name,
                "ccode1": a,
                "ccode2": b,
                "styear": first,
                "endyear": last,
                "region": "Test",
                "type1": "spatial",
            }
            for n, name, a, b, first, last in TD_RIVALRIES
        ],
        "tss_rivalries": [
            {
                "tssr_id": n,
                "rivalry": name,
                "ccode1": a,
                "ccode2": b,
                "start": first,
                "end": last,
                "spatial": 1.0,
            }
            for n, name, a, b, first, last in TSS_RIVALRIES
        ],
        "archigos_leaders": [
            {
                "obsid": o,
                "gwcode": g,
                "leadid": f"id-{o}",
                "leader": name,
                "gender": "M",
                "startdate": start,
                "enddate": end,
                "entry": "Regular",
                "exit": "Regular",
                "exitcode": "Regular",
            }
            for o, g, name, start, end in ARCHIGOS
        ],
        # The democracy measures beside Polity and BMR, and the GML disputes: see
        # world_r_sources.py for their rows and answers.
        **r_source_rows(),
    }


# Polity and ATOP leave unknown cells empty, BMR writes NA; COW writes -9.
_BLANK = {
    "polity": "",
    "atop_members": "",
    "atop_alliances": "",
    "atop_state_years": "",
    "bmr_democracy": "NA",
    "gw_states": "",
    "gw_microstates": "",
    "capdist": "",
}


def write_world(data_dir: Path, rows: dict[str, list[dict]] | None = None) -> dict[str, dict]:
    """Write the world's raw files under data_dir/raw as the fetcher caches them, with
    provenance.json; return the provenance records. `rows` replaces the default world."""
    rows = world_rows() if rows is None else rows
    registry = {f.name: f for f in all_files(load_registry())}
    records: dict[str, dict] = {}
    for name, file_rows in rows.items():
        entry = registry[name]
        # The world is written as CSV (or the header-less TSV of Gleditsch-Ward's lists, or
        # an R data file); Polity's official form is .xls, so take its CSV form.
        form = next(form for form in entry.forms if form.format in ("csv", "tsv", "rdata"))
        basename = entry.filename or (entry.member or form.url).rsplit("/", 1)[-1]
        path = data_dir / "raw" / entry.source_id / basename
        path.parent.mkdir(parents=True, exist_ok=True)
        blank = _BLANK.get(name, "-9")
        cells = [
            ["" if row.get(c, blank) is None else row.get(c, blank) for c in entry.columns]
            for row in file_rows
        ]
        if form.format == "rdata":
            # R data files have no blank: a cell left out is NA.
            cells = [[row.get(c) for c in entry.columns] for row in file_rows]
            write_r_data(path, pandas.DataFrame(cells, columns=list(entry.columns)), entry.r_object)
        elif form.format == "tsv":
            lines = ("\t".join(str(cell) for cell in row) + "\r\n" for row in cells)
            path.write_bytes("".join(lines).encode(entry.encoding))
        else:
            with path.open("w", newline="", encoding="utf-8") as stream:
                writer = csv.writer(stream)
                writer.writerow(entry.columns)
                writer.writerows(cells)
        records[name] = {
            "name": name,
            "source_id": entry.source_id,
            "path": path.relative_to(data_dir / "raw").as_posix(),
            "format": form.format,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "rows": len(file_rows),
            **({"columns": list(entry.columns), "encoding": entry.encoding} if form.format == "tsv" else {}),
            **({"object": entry.r_object} if form.format == "rdata" else {}),
        }
    (data_dir / "raw" / "provenance.json").write_text(json.dumps({"files": records}, indent=2))
    return records

"""The tiny world's R data files: the democracy measures beside Polity and BMR, and the
Gibler-Miller-Little (GML) dispute record. world.py adds these rows to the world; the
right answers are worked out here.

States (world.py): AAA 2 and BBB 20 1900-1905; CCC 255 1900-1901 and again 1904-1905;
DDD 345 1903-1905; EEE 390 1901-1902.

isard cw_democracy (V-Dem polyarchy; aeuds, the extended UDS shifted so 0 is the
average cut-point; euds = aeuds + 0.2931555, the shift in the real file):

    year   AAA 2        BBB 20        CCC 255        DDD 345
    1900   0.6 / 0.5    0.3  / -0.2   0.2  / -1.0
    1901   0.7 / 0.5    0.55 / 0.1    0.25 / -0.9
    1902   0.8 / 0.5    0.45 / 0.3
    1903   0.8 / 0.5    0.6  / 0.4    0.9  / 1.5 (*)  0.1 / -0.5
    1904   0.8 / 0.5    0.6  / 0.4    0.7  / 0.6      NA  / -0.4
    1905   0.8 / 0.5    0.6  / 0.4    0.75 / 0.7      0.5 / 0.2
    (*) CCC was no member in 1903: the row is listed in democracy_unmatched and must not
    become CCC's lagged score for 1904.
    Also 999/1900 ('code not in COW') and AAA/1899 ('outside COW years': the world's
    COW years are 1900-1905).

Lagged scores (the state's score of the year before, only if it was a member then):
    CCC polyarchy lag: 1900 NULL (first year), 1901 0.2, 1904 NULL (back after the gap,
    not 1901's 0.25 nor the non-member 1903's 0.9), 1905 0.7.
    DDD polyarchy lag: 1903 NULL, 1904 0.1, 1905 NULL (its 1904 score is NA).
    AAA polity2 lag: 1900 NULL (Polity's 1899 row is no member year), 1901 5, 1902 8.
Dyads (threshold 0.5 for polyarchy, above 0 for aeuds, polity2 >= 6):
    AAA-BBB 1900: polyarchy low 0.3, not joint; aeuds 0.5 / -0.2: not joint, 'mixed';
                  QuickUDS low -0.5.
    AAA-BBB 1901: polyarchy low 0.55, joint; lag low 0.3, not joint; aeuds 0.5 / 0.1
                  joint; Polity 8 / 7 'both democracies'; Polity lag 5 / NULL -> NULL;
                  QuickUDS lag low -0.5.
    AAA-BBB 1902: Polity 10 / 5 'mixed' (mixed_regimes true, joint_autocracy false);
                  Polity lag 8 / 7: joint_democracy_lag true, polity2_lag_low 7.
    BBB-CCC 1900: aeuds -0.2 / -1.0: 'both autocracies'.
    AAA-CCC 1904: polyarchy 0.8 / 0.7 joint; lag 0.8 / NULL: NULL.
    AAA-CCC 1905: polyarchy 0.8 / 0.75 joint; lag 0.8 / 0.7 joint (low 0.7).

peacesciencer ccode_democracy (QuickUDS xm_qudsest): AAA 1.0 every year; BBB 1900
-0.5, 1901 0.2, 1902-1905 0.3; CCC 1900 -1.0, 1901 -0.8, 1904 0.1, 1905 0.2; DDD 1903
-0.2, 1904 -0.1, 1905 0.4.

V-Dem vdem_simple (liberal democracy, matched on Marquez's cown): Aland (cown 2) 0.5
1900-1905; Bland (cown 20) 0.3 1900-1905; "Bland-Sardinia" (cown 20) 0.9 in 1903, so
two units stand for BBB 1903: a collision, neither used (BBB 1903 v2x_libdem NULL); "A
Colony" (no cown) 1900: 'no COW code'.

UDS 2014 (matched on cown, not uds_cowcode): Aland 1.0 every year; Cland under UDS's own
code 260 but cown 255: 1900 -0.5, 1901 -0.4, 1904 0.3, 1905 0.35 (so CCC is scored);
Eland (cown 390) in 1903, when EEE was no member: 'not a COW member that year'.

GML disputes (directed rows, both orders; levels are each state's own in the dispute):
    1     AAA (side A, level 3) v BBB (level 3), 1901 onset: GML re-coded MID 1, whose
          pair level is 4 -> AAA-BBB 1901 disagrees on 'hostility' (MID 4, GML 3).
    (MID 2, BBB v DDD 1903, is not in GML) -> BBB-DDD 1903 disagrees on 'onset'.
    5001  AAA v EEE, 1902 onset, levels 2 / 1 (bilateral: the pair's level 2) -> AAA-EEE
          1902 disagrees on 'onset' (GML only).
    5002  1905: AAA (side A, level 4, originator, no deaths) against BBB (level 2,
          originator, deaths band 1) and CCC (level 4, joiner, deaths unknown -9). AAA
          has two opponents, BBB and CCC one each (AAA):
            AAA-BBB: max(lower of 4 and 2, BBB's own 2) = 2; not force; originators on
                     both sides; fatal (BBB, whose only opponent was AAA, had deaths).
            AAA-CCC: max(4, CCC's own 4) = 4; force; not an originator onset; fatal
                     unknown (NULL): CCC's band is -9 and AAA's deaths do not count.
          MID covers the world only to 1903, so 1905 is in no disagreement.
    5003  DDD v EEE 1904: EEE no member -> gml_unmatched 'not a COW member that year'.
    5004  999 v AAA 1900: 'code not in COW'.
    5005  CCC v EEE 1901: both members that year, never on one day -> 'no common day
          of membership'.
    GML onsets among the world's dyad-years: AAA-BBB 1901, AAA-EEE 1902, AAA-BBB 1905,
    AAA-CCC 1905 = 4 (MID: 2). Disagreements (1900-1903, MID's years): 3.
"""

from __future__ import annotations

EUDS_SHIFT = 0.2931555

CW_DEMOCRACY = [
    # ccode, year, v2x_polyarchy, aeuds
    *[(2, year, poly, 0.5) for year, poly in zip(range(1900, 1906), (0.6, 0.7, 0.8, 0.8, 0.8, 0.8))],
    (20, 1900, 0.3, -0.2),
    (20, 1901, 0.55, 0.1),
    (20, 1902, 0.45, 0.3),
    *[(20, year, 0.6, 0.4) for year in range(1903, 1906)],
    (255, 1900, 0.2, -1.0),
    (255, 1901, 0.25, -0.9),
    (255, 1903, 0.9, 1.5),
    (255, 1904, 0.7, 0.6),
    (255, 1905, 0.75, 0.7),
    (345, 1903, 0.1, -0.5),
    (345, 1904, None, -0.4),
    (345, 1905, 0.5, 0.2),
    (999, 1900, 0.5, 0.0),
    (2, 1899, 0.6, 0.5),
]

QUICKUDS = [
    # ccode, year, xm_qudsest
    *[(2, year, 1.0) for year in range(1900, 1906)],
    (20, 1900, -0.5),
    (20, 1901, 0.2),
    *[(20, year, 0.3) for year in range(1902, 1906)],
    (255, 1900, -1.0),
    (255, 1901, -0.8),
    (255, 1904, 0.1),
    (255, 1905, 0.2),
    (345, 1903, -0.2),
    (345, 1904, -0.1),
    (345, 1905, 0.4),
]

VDEM = [
    # country_id, name, year, cown, v2x_libdem
    *[(1, "Aland", year, 2, 0.5) for year in range(1900, 1906)],
    *[(2, "Bland", year, 20, 0.3) for year in range(1900, 1906)],
    (3, "Bland-Sardinia", 1903, 20, 0.9),
    (4, "A Colony", 1900, None, 0.1),
]

UDS = [
    # uds_country, year, uds_cowcode, cown, mean
    *[("Aland", year, 2, 2, 1.0) for year in range(1900, 1906)],
    ("Cland", 1900, 260, 255, -0.5),
    ("Cland", 1901, 260, 255, -0.4),
    ("Cland", 1904, 260, 255, 0.3),
    ("Cland", 1905, 260, 255, 0.35),
    ("Eland", 1903, 390, 390, 0.2),
]

# GML participants per dispute: (ccode, side A, level, originator, fatality band or -9)
GML_DISPUTES = [
    # dispnum, year, side A participants, side B participants
    (1, 1901, [(2, True, 3, True, 0)], [(20, False, 3, True, 0)]),
    (5001, 1902, [(2, True, 2, True, 0)], [(390, False, 1, True, 0)]),
    (5002, 1905, [(2, True, 4, True, 0)], [(20, False, 2, True, 1), (255, False, 4, False, -9)]),
    (5003, 1904, [(345, True, 3, True, 0)], [(390, False, 3, True, 0)]),
    (5004, 1900, [(999, True, 3, True, 0)], [(2, False, 3, True, 0)]),
    (5005, 1901, [(255, True, 3, True, 0)], [(390, False, 3, True, 0)]),
]


def gml_directed_rows() -> list[dict]:
    rows = []
    for dispnum, year, side_a, side_b in GML_DISPUTES:
        for first, second in [(a, b) for a in side_a for b in side_b] + [
            (b, a) for a in side_a for b in side_b
        ]:
            ccode1, sidea1, hostlev1, orig1, fatality1 = first
            ccode2, sidea2, hostlev2, orig2, fatality2 = second
            rows.append(
                {
                    "dispnum": dispnum,
                    "ccode1": ccode1,
                    "ccode2": ccode2,
                    "year": year,
                    "midongoing": 1,
                    "midonset": 1,
                    "sidea1": int(sidea1),
                    "sidea2": int(sidea2),
                    "fatality1": fatality1,
                    "fatality2": fatality2,
                    "hostlev1": hostlev1,
                    "hostlev2": hostlev2,
                    "hiact1": 7,
                    "hiact2": 7,
                    "orig1": int(orig1),
                    "orig2": int(orig2),
                    "hostlev": max(p[2] for p in side_a + side_b),
                    "fatality": -9,
                    "stmon": 3,
                    "endmon": 4,
                    "version": "gml-2.2.1",
                }
            )
    return rows


def r_source_rows() -> dict[str, list[dict]]:
    directed = gml_directed_rows()
    return {
        "cw_democracy": [
            {
                "ccode": ccode,
                "year": year,
                "euds": round(aeuds + EUDS_SHIFT, 7),
                "aeuds": aeuds,
                "polity2": None,
                "v2x_polyarchy": poly,
            }
            for ccode, year, poly, aeuds in CW_DEMOCRACY
        ],
        "ccode_democracy": [
            {"ccode": ccode, "year": year, "v2x_polyarchy": None, "polity2": None, "xm_qudsest": score}
            for ccode, year, score in QUICKUDS
        ],
        "vdem_simple": [
            {
                "vdem_country_name": name,
                "country_text_id": name[:3].upper(),
                "country_id": country_id,
                "year": year,
                "cown": cown,
                "v2x_libdem": libdem,
                "in_GW_system": cown is not None,
            }
            for country_id, name, year, cown, libdem in VDEM
        ],
        "uds_2014": [
            {"uds_country": name, "year": year, "uds_cowcode": code, "cown": cown, "mean": mean, "sd": 0.3}
            for name, year, code, cown, mean in UDS
        ],
        "gml_dirdisp": directed,
        "gml_mid_disps": [
            {"dispnum": dispnum, "styear": year, "stmon": 3, "hostlev": 3, "hiact": 7, "fatality": 0}
            for dispnum, year, _, _ in GML_DISPUTES
        ],
        # peacesciencer's whittling: one dispute per directed dyad-year (each has one here).
        "gml_mid_ddydisps": [
            {**row, "gmlmidongoing": row["midongoing"], "gmlmidonset": row["midonset"]} for row in directed
        ],
    }

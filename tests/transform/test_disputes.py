"""The dispute and peace-years models (sql/staging/stg_mid_*.sql, sql/intermediate/
int_dispute_*.sql, int_peace_years.sql) on tiny hand-made MID records.

Each test loads its own raw_mida / raw_midb / int_dyad_panel_directed into an in-memory
DuckDB and runs the model files itself, in dependency order, as the runner would
(`CREATE TABLE <stem> AS <file text>`), so these tests do not depend on the runner.
The expected values are worked out by hand in the comments beside each fixture.
"""

from __future__ import annotations

import duckdb
import pytest

from dpeace.bench.registry_columns import registry_columns
from dpeace.paths import sql_dir

MODELS = [
    "staging/stg_mid_disputes.sql",
    "staging/stg_mid_participants.sql",
    "staging/stg_mid_incidents.sql",
    "staging/stg_mid_incident_participants.sql",
    "intermediate/int_incident_dyads.sql",
    "intermediate/int_incident_dyad_years.sql",
    "intermediate/int_dispute_dyads.sql",
    "intermediate/int_dispute_dyad_years_directed.sql",
    "intermediate/int_peace_years.sql",
    "intermediate/int_mid_state_years.sql",
]

MIDB_COLUMNS = registry_columns("midb")
MIDI_COLUMNS = registry_columns("midi")
MIDIP_COLUMNS = registry_columns("midip")
MIDA_COLUMNS = registry_columns("mida")


def spell(dispnum, ccode, start, end, side_a, orig=True, hostlev=3, fatality=0):
    """One MIDB row; start and end are (year, month, day), day -9 when unknown."""
    (sy, sm, sd), (ey, em, ed) = start, end
    return {
        "dispnum": dispnum,
        "stabb": f"S{ccode}",
        "ccode": ccode,
        "stday": sd,
        "stmon": sm,
        "styear": sy,
        "endday": ed,
        "endmon": em,
        "endyear": ey,
        "sidea": int(side_a),
        "revstate": int(side_a),
        "revtype1": 1 if side_a else 0,
        "revtype2": -9,
        "fatality": fatality,
        "fatalpre": -9,
        "hiact": 7,
        "hostlev": hostlev,
        "orig": int(orig),
        "version": 5,
    }


def dispute_rows(spells):
    """MIDA rows consistent with the spells (the dispute models read MIDB only)."""
    rows = []
    for dispnum in sorted({s["dispnum"] for s in spells}):
        own = [s for s in spells if s["dispnum"] == dispnum]
        first = min(own, key=lambda s: (s["styear"], s["stmon"]))
        last = max(own, key=lambda s: (s["endyear"], s["endmon"]))
        rows.append(
            {
                "dispnum": dispnum,
                "stday": first["stday"],
                "stmon": first["stmon"],
                "styear": first["styear"],
                "endday": last["endday"],
                "endmon": last["endmon"],
                "endyear": last["endyear"],
                "outcome": 6,
                "settle": 1,
                "fatality": max(s["fatality"] for s in own),
                "fatalpre": -9,
                "maxdur": 10,
                "mindur": 10,
                "hiact": 7,
                "hostlev": max(s["hostlev"] for s in own),
                "recip": 0,
                "numa": sum(s["sidea"] for s in own),
                "numb": sum(1 - s["sidea"] for s in own),
                "ongo2014": 0,
                "version": 5,
            }
        )
    return rows


def incident(dispnum, incidnum, year, *participants):
    """One MIDI row and its MIDIP rows; participants are (ccode, incident side A, hostlev,
    fatality) in an incident of one day, 1 June of `year`."""
    when = {"stday": 1, "stmon": 6, "styear": year, "endday": 1, "endmon": 6, "endyear": year}
    midi = {
        "dispnum": dispnum,
        "incidnum": incidnum,
        **when,
        "duration": 1,
        "tbi": -9,
        "fatality": max(p[3] for p in participants),
        "fatalpre": -9,
        "action": 7,
        "hostlev": max(p[2] for p in participants),
        "numa": sum(p[1] for p in participants),
        "version": 5,
    }
    midip = [
        {
            "dispnum": dispnum,
            "incidnum": incidnum,
            "stabb": f"S{ccode}",
            "ccode": ccode,
            **when,
            "insidea": int(side_a),
            "sidea": int(side_a),
            "fatality": fatality,
            "fatalpre": -9,
            "action": 7,
            "hostlev": hostlev,
            "revtype1": 0,
            "revtype2": 0,
            "version": 5,
        }
        for ccode, side_a, hostlev, fatality in participants
    ]
    return midi, midip


def build(spells, members, as_text=False, incidents=()):
    """A database holding the raw tables, the panel and every dispute model.

    members: {ccode: years of system membership}; the panel is every ordered pair of
    distinct members in each year. as_text loads the raw columns as VARCHAR, as a loader
    that does not type CSV columns would. incidents: (MIDI row, MIDIP rows) from incident().
    """
    con = duckdb.connect()
    for table, columns, rows in (
        ("raw_midb", MIDB_COLUMNS, spells),
        ("raw_mida", MIDA_COLUMNS, dispute_rows(spells)),
        ("raw_midi", MIDI_COLUMNS, [midi for midi, _ in incidents]),
        ("raw_midip", MIDIP_COLUMNS, [row for _, midip in incidents for row in midip]),
    ):
        types = ", ".join(f"{c} {'VARCHAR' if as_text or c == 'stabb' else 'BIGINT'}" for c in columns)
        con.execute(f"CREATE TABLE {table} ({types})")
        marks = ", ".join("?" for _ in columns)
        if not rows:
            continue
        con.executemany(
            f"INSERT INTO {table} VALUES ({marks})",
            [[str(r[c]) if as_text else r[c] for c in columns] for r in rows],
        )
    con.execute("CREATE TABLE int_dyad_panel_directed (ccode1 INTEGER, ccode2 INTEGER, year INTEGER)")
    con.executemany(
        "INSERT INTO int_dyad_panel_directed VALUES (?, ?, ?)",
        [
            (a, b, year)
            for a, years in members.items()
            for b, other_years in members.items()
            if a != b
            for year in sorted(set(years) & set(other_years))
        ],
    )
    # int_peace_years also counts GML's peace years; these fixtures have no GML dispute.
    con.execute(
        "CREATE TABLE int_gml_dyad_years_directed (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, gml_onset BOOLEAN)"
    )
    for model in MODELS:
        path = sql_dir() / model
        con.execute(f"CREATE TABLE {path.stem} AS {path.read_text()}")
    return con


def rows(con, sql, *params):
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def dyad_years(con, ccode1, ccode2):
    return rows(
        con,
        "SELECT * FROM int_dispute_dyad_years_directed WHERE ccode1 = ? AND ccode2 = ? ORDER BY year",
        ccode1,
        ccode2,
    )


def pairs(con):
    return con.execute("SELECT dispnum, ccode1, ccode2 FROM int_dispute_dyads ORDER BY ALL").fetchall()


# Dispute 1: state 2 (side A) against state 20 (side B), both originators, from
# 1 March 1900 to 30 June 1902, hostility 3 (display of force).
# By hand: one dyadic dispute, onset 1900, end 1902; ongoing in 1900, 1901 and 1902 with
# the onset only in 1900; the onset columns are empty in 1901 and 1902.
LONG_DISPUTE = [
    spell(1, 2, (1900, 3, 1), (1902, 6, 30), side_a=True, hostlev=3),
    spell(1, 20, (1900, 3, 1), (1902, 6, 30), side_a=False, hostlev=3),
]
MEMBERS_1900s = {2: range(1895, 1906), 20: range(1895, 1906)}


def test_a_dispute_lasting_several_years_has_one_onset_and_is_ongoing_every_year():
    con = build(LONG_DISPUTE, MEMBERS_1900s)
    assert rows(con, "SELECT * FROM int_dispute_dyads WHERE ccode1 = 2") == [
        {
            "dispnum": 1,
            "ccode1": 2,
            "ccode2": 20,
            "onset_year": 1900,
            "end_year": 1902,
            "hostlev": 3,
            "fatal": False,
            "orig1": True,
            "orig2": True,
            "sidea1": True,
            "initiated1": True,
            "originators": True,
            "level_source": "participants",
        }
    ]
    years = dyad_years(con, 2, 20)
    assert [y["year"] for y in years] == [1900, 1901, 1902]
    assert [y["mid_ongoing"] for y in years] == [True, True, True]
    assert [y["mid_onset"] for y in years] == [True, False, False]
    assert [y["mid_onset_count"] for y in years] == [1, 0, 0]
    assert [y["mid_ongoing_count"] for y in years] == [1, 1, 1]
    assert [y["hostlev_max"] for y in years] == [3, 3, 3]
    assert [y["onset_hostlev_max"] for y in years] == [3, None, None]
    assert [y["force_onset"] for y in years] == [False, False, False]
    assert [y["orig1"] for y in years] == [True, False, False]
    # sidea1: state 2 was on side A at the 1900 onset; no onset, no side, afterwards.
    assert [y["sidea1"] for y in years] == [True, None, None]
    assert [y["sidea1"] for y in dyad_years(con, 20, 2)] == [False, None, None]


# Two disputes between states 2 and 20 in 1950:
#  - dispute 10: 2 (side A) v 20 (side B), 10 January to 1 February 1950, hostility 2;
#  - dispute 11: 20 (side A) v 2 (side B), May 1950 to March 1951 (days unknown),
#    hostility 4 (use of force) for 20, 3 for 2; state 20 suffered 1-25 deaths.
# By hand, for (2, 20): 1950 has 2 onsets and 2 ongoing disputes, highest hostility 4
# (the dyadic level of dispute 11 is the higher of 4 and 3), a force onset and a fatal
# onset; state 2 was on side A of one of the disputes that began (dispute 10), so sidea1
# is true, and so it is for (20, 2) through dispute 11. 1951 has dispute 11 ongoing only.
TWO_DISPUTES = [
    spell(10, 2, (1950, 1, 10), (1950, 2, 1), side_a=True, hostlev=2),
    spell(10, 20, (1950, 1, 10), (1950, 2, 1), side_a=False, hostlev=2),
    spell(11, 20, (1950, 5, -9), (1951, 3, -9), side_a=True, hostlev=4, fatality=1),
    spell(11, 2, (1950, 5, -9), (1951, 3, -9), side_a=False, hostlev=3),
]


def test_two_disputes_in_one_dyad_year_are_counted_with_the_highest_hostility():
    con = build(TWO_DISPUTES, {2: range(1945, 1955), 20: range(1945, 1955)})
    y1950, y1951 = dyad_years(con, 2, 20)
    assert (y1950["year"], y1951["year"]) == (1950, 1951)
    assert y1950["mid_onset_count"] == 2
    assert y1950["mid_ongoing_count"] == 2
    assert y1950["hostlev_max"] == 4
    assert y1950["onset_hostlev_max"] == 4
    assert y1950["force_onset"] is True
    assert y1950["fatal_onset"] is True
    assert y1950["sidea1"] is True
    assert dyad_years(con, 20, 2)[0]["sidea1"] is True
    assert (y1951["mid_onset"], y1951["mid_onset_count"], y1951["mid_ongoing_count"]) == (False, 0, 1)
    assert (y1951["hostlev_max"], y1951["onset_hostlev_max"]) == (4, None)
    assert (y1951["force_onset"], y1951["fatal_onset"]) == (False, False)


def test_unknown_fatalities_leave_fatal_unknown_rather_than_false():
    # Dispute 12: both states' fatality is -9, so whether the onset was fatal is unknown;
    # a year without an onset is still plainly not a fatal onset.
    spells = [
        spell(12, 2, (1960, 5, 1), (1961, 2, 1), side_a=True, fatality=-9),
        spell(12, 20, (1960, 5, 1), (1961, 2, 1), side_a=False, fatality=-9),
    ]
    con = build(spells, {2: range(1955, 1965), 20: range(1955, 1965)})
    assert con.execute("SELECT fatal FROM int_dispute_dyads").fetchall() == [(None,), (None,)]
    assert [y["fatal_onset"] for y in dyad_years(con, 2, 20)] == [None, False]


# Dispute 20: 200 (side A) and 255 (side B) are originators from 4 August 1914 to
# 11 November 1918; state 2 joins side A on 6 April 1917 (not an originator).
# By hand: pairs 200-255 (onset 1914) and 2-255 (onset 1917, the year 2 entered, not
# the dispute's 1914 start); 2-200 were on the same side and form no pair. For (2, 255)
# orig1 is false (a joiner) and orig2 true.
JOINER = [
    spell(20, 200, (1914, 8, 4), (1918, 11, 11), side_a=True, hostlev=5),
    spell(20, 255, (1914, 8, 4), (1918, 11, 11), side_a=False, hostlev=5),
    spell(20, 2, (1917, 4, 6), (1918, 11, 11), side_a=True, orig=False, hostlev=5),
]


def test_a_joiner_is_no_originator_and_its_onset_is_the_year_it_entered():
    con = build(JOINER, {c: range(1900, 1921) for c in (2, 200, 255)})
    assert pairs(con) == [(20, 2, 255), (20, 200, 255), (20, 255, 2), (20, 255, 200)]
    joiner = rows(con, "SELECT * FROM int_dispute_dyads WHERE ccode1 = 2")[0]
    assert (joiner["onset_year"], joiner["end_year"]) == (1917, 1918)
    assert (joiner["orig1"], joiner["orig2"]) == (False, True)
    years = dyad_years(con, 2, 255)
    assert [y["year"] for y in years] == [1917, 1918]
    assert [(y["mid_onset"], y["orig1"], y["orig2"]) for y in years] == [
        (True, False, True),
        (False, False, False),
    ]
    assert [(y["orig1"], y["orig2"]) for y in dyad_years(con, 255, 2)][0] == (True, False)
    assert [y["year"] for y in dyad_years(con, 200, 255) if y["mid_onset"]] == [1914]


def test_three_states_on_two_sides_form_only_the_two_opposing_pairs():
    # Dispute 30: side A is state 365 alone, side B states 2 and 200, all in 1962.
    # By hand: unordered pairs 2-365 and 200-365 (4 ordered rows); 2-200 share side B.
    spells = [
        spell(30, 365, (1962, 10, 16), (1962, 11, 20), side_a=True, hostlev=4),
        spell(30, 2, (1962, 10, 16), (1962, 11, 20), side_a=False, hostlev=4),
        spell(30, 200, (1962, 10, 20), (1962, 11, 20), side_a=False, orig=False, hostlev=3),
    ]
    con = build(spells, {c: range(1960, 1965) for c in (2, 200, 365)})
    assert pairs(con) == [(30, 2, 365), (30, 200, 365), (30, 365, 2), (30, 365, 200)]
    assert con.execute(
        "SELECT count(*) FROM int_dispute_dyad_years_directed WHERE year = 1962"
    ).fetchone() == (4,)


# Dispute 40, loosely after 1939-45: 200 (side A) and 255 (side B) throughout, from
# 1 September 1939 to 7 May 1945. State 325 has two spells: side B from 10 June 1940 to
# an unknown day of September 1943 (taken as the 30th), then side A from 13 September
# 1943 to an unknown day of May 1945. State 345 is on side B from 6 April 1941 to
# 1 May 1943.
# By hand:
#  - 325-200: only the first spell faces 200: onset 1940, end 1943.
#  - 325-255: only the second spell faces 255: onset 1943, end 1945, and 325 was then on
#    side A (sidea1 true for (325, 255), false for (255, 325)).
#  - 325 never faces itself, although its two spells overlap in September 1943.
#  - 325-345: on the same side in 1941-43; 325's side-A spell began in September 1943,
#    after 345 left in May, so they never faced each other although both were in the
#    dispute in 1943: no pair.
#  - 200-345: onset 1941, end 1943; 200-255: 1939-1945. 255-345 same side.
SWITCHER = [
    spell(40, 200, (1939, 9, 1), (1945, 5, 7), side_a=True, hostlev=5),
    spell(40, 255, (1939, 9, 1), (1945, 5, 7), side_a=False, hostlev=5),
    spell(40, 325, (1940, 6, 10), (1943, 9, -9), side_a=False, orig=False, hostlev=5),
    spell(40, 325, (1943, 9, 13), (1945, 5, -9), side_a=True, orig=False, hostlev=4),
    spell(40, 345, (1941, 4, 6), (1943, 5, 1), side_a=False, orig=False, hostlev=4),
]


def test_a_state_with_two_spells_faces_each_opponent_only_while_on_the_other_side():
    con = build(SWITCHER, {c: range(1935, 1950) for c in (200, 255, 325, 345)})
    found = rows(
        con,
        "SELECT ccode1, ccode2, onset_year, end_year, sidea1 FROM int_dispute_dyads ORDER BY ALL",
    )
    assert found == [
        {"ccode1": 200, "ccode2": 255, "onset_year": 1939, "end_year": 1945, "sidea1": True},
        {"ccode1": 200, "ccode2": 325, "onset_year": 1940, "end_year": 1943, "sidea1": True},
        {"ccode1": 200, "ccode2": 345, "onset_year": 1941, "end_year": 1943, "sidea1": True},
        {"ccode1": 255, "ccode2": 200, "onset_year": 1939, "end_year": 1945, "sidea1": False},
        {"ccode1": 255, "ccode2": 325, "onset_year": 1943, "end_year": 1945, "sidea1": False},
        {"ccode1": 325, "ccode2": 200, "onset_year": 1940, "end_year": 1943, "sidea1": False},
        {"ccode1": 325, "ccode2": 255, "onset_year": 1943, "end_year": 1945, "sidea1": True},
        {"ccode1": 345, "ccode2": 200, "onset_year": 1941, "end_year": 1943, "sidea1": False},
    ]
    years = dyad_years(con, 325, 255)
    assert [(y["year"], y["mid_onset"], y["sidea1"]) for y in years] == [
        (1943, True, True),
        (1944, False, None),
        (1945, False, None),
    ]


def test_sidea1_is_the_side_at_the_dyads_onset_when_both_states_changed_sides():
    # Dispute 45: 2 on side A and 20 on side B in 1950; both come back in 1953 on the
    # other side, facing each other again. By hand: one dyadic dispute, onset 1950, end
    # 1953; at the onset 2 was on side A, so sidea1 is true for (2, 20) and false for
    # (20, 2), although each was on side A at some time.
    spells = [
        spell(45, 2, (1950, 2, 1), (1950, 8, 1), side_a=True),
        spell(45, 20, (1950, 2, 1), (1950, 8, 1), side_a=False),
        spell(45, 2, (1953, 2, 1), (1953, 8, 1), side_a=False),
        spell(45, 20, (1953, 2, 1), (1953, 8, 1), side_a=True),
    ]
    con = build(spells, {2: range(1945, 1955), 20: range(1945, 1955)})
    assert con.execute(
        "SELECT ccode1, ccode2, onset_year, end_year, sidea1 FROM int_dispute_dyads ORDER BY ALL"
    ).fetchall() == [(2, 20, 1950, 1953, True), (20, 2, 1950, 1953, False)]


def test_a_state_that_left_and_rejoined_counts_once_per_year():
    # Dispute 50: state 2 on side A from January to March 1950 and again from September
    # 1950 to February 1952; state 20 on side B from January 1950 to February 1952.
    # By hand: one dyadic dispute (onset 1950, end 1952); in 1950 both of 2's spells
    # face 20, but it is still one dispute beginning and ongoing that year.
    spells = [
        spell(50, 2, (1950, 1, 5), (1950, 3, 1), side_a=True),
        spell(50, 2, (1950, 9, 1), (1952, 2, 1), side_a=True, orig=False),
        spell(50, 20, (1950, 1, 5), (1952, 2, 1), side_a=False),
    ]
    con = build(spells, {2: range(1945, 1955), 20: range(1945, 1955)})
    assert con.execute(
        "SELECT ccode, spell, start_year FROM stg_mid_participants WHERE ccode = 2 ORDER BY spell"
    ).fetchall() == [(2, 1, 1950), (2, 2, 1950)]
    assert rows(con, "SELECT onset_year, end_year, orig1 FROM int_dispute_dyads WHERE ccode1 = 2") == [
        {"onset_year": 1950, "end_year": 1952, "orig1": True}
    ]
    assert [(y["year"], y["mid_onset_count"], y["mid_ongoing_count"]) for y in dyad_years(con, 2, 20)] == [
        (1950, 1, 1),
        (1951, 0, 1),
        (1952, 0, 1),
    ]


# Dispute 80, after France and Siam in 1893: 220 (side A, originator) reaches war, level 5,
# with fatality band 3; 800 (side B, originator) level 5, band 5; 200 joins side B with a
# display of force, level 3, and no deaths. No incident data.
# Opponents: 220 faces 800 and 200 (two); 800 and 200 each face only 220.
# By hand, the pair's own level = the greatest of the lower of the two levels and the level
# of each state whose only opponent is the other:
#   220-800: max(min(5, 5), 800's 5)  = 5; fatal: 800 (only opponent 220) had deaths -> true
#   200-220: max(min(3, 5), 200's 3)  = 3 (220's 5 was reached against 800, not 200);
#            fatal: 200 had none, and not both had deaths -> false
# The old rule (the higher of the two levels) put 200-220 at war (5) and fatal.
MULTILATERAL = [
    spell(80, 220, (1893, 2, 4), (1893, 10, 3), side_a=True, hostlev=5, fatality=3),
    spell(80, 800, (1893, 2, 4), (1893, 10, 3), side_a=False, hostlev=5, fatality=5),
    spell(80, 200, (1893, 7, 1), (1893, 8, 3), side_a=False, orig=False, hostlev=3),
]


def test_a_level_reached_against_a_third_state_does_not_reach_the_pair():
    con = build(MULTILATERAL, {c: range(1890, 1896) for c in (200, 220, 800)})
    assert con.execute(
        "SELECT ccode1, ccode2, hostlev, fatal, level_source FROM int_dispute_dyads"
        " WHERE ccode1 < ccode2 ORDER BY ALL"
    ).fetchall() == [(200, 220, 3, False, "participants"), (220, 800, 5, True, "participants")]
    uk_france = dyad_years(con, 200, 220)[0]
    assert (uk_france["hostlev_max"], uk_france["force_onset"], uk_france["fatal_onset"]) == (3, False, False)


# Dispute 81 has incident data. 2 (side A) faces 20 and 30 (side B) and 40 joins side B.
# Incidents: #8101, 2 (level 5) v 20 (level 5, fatality band 6); #8102, 2 (level 3) v 30
# (level 2), no deaths; 40 took part in none. MIDB gives 2 level 5 and 30 level 4 (reached,
# say, in an incident against someone else), 40 level 2.
# By hand: 2-20 = 5, fatal (20's deaths); 2-30 = max(3, 2) = 3 from #8102, not MIDB's 4 or
# the lower-level rule's min(5, 4) = 4; 2-40 never met in an incident: level 1, not fatal.
INCIDENT_SPELLS = [
    spell(81, 2, (1995, 1, 1), (1995, 12, 31), side_a=True, hostlev=5, fatality=2),
    spell(81, 20, (1995, 1, 1), (1995, 12, 31), side_a=False, hostlev=5, fatality=6),
    spell(81, 30, (1995, 1, 1), (1995, 12, 31), side_a=False, hostlev=4),
    spell(81, 40, (1995, 3, 1), (1995, 12, 31), side_a=False, orig=False, hostlev=2),
]
INCIDENTS = [
    incident(81, 8101, 1995, (2, True, 5, 0), (20, False, 5, 6)),
    incident(81, 8102, 1995, (2, True, 3, 0), (30, False, 2, 0)),
]


def test_where_incidents_cover_a_dispute_the_pair_level_comes_from_their_incidents():
    con = build(INCIDENT_SPELLS, {c: range(1990, 2000) for c in (2, 20, 30, 40)}, incidents=INCIDENTS)
    assert con.execute(
        "SELECT ccode1, ccode2, hostlev, fatal, level_source FROM int_dispute_dyads"
        " WHERE ccode1 = 2 ORDER BY ALL"
    ).fetchall() == [
        (2, 20, 5, True, "incidents"),
        (2, 30, 3, False, "incidents"),
        (2, 40, 1, False, "no incident"),
    ]


# Dispute 21: 200 (side A) and 255 (side B) are originators from 4 August 1914; 345 joins
# side B on 1 September 1914 and 2 joins side A on 6 April 1917, all to 11 November 1918.
# By hand (directed, onset years only):
#   (200, 255, 1914): both originators -> originator_onset; 200 an originator on side A
#                     in the dispute's first year -> ccode1_initiated
#   (255, 200, 1914): originator_onset, but 255 was on side B -> not initiated
#   (200, 345, 1914): 345 a joiner -> no originator_onset; 200 still began it against a
#                     side-B state in the dispute's first year -> ccode1_initiated
#   (2, 255, 1917) and (2, 345, 1917): 2 a joiner -> neither
# State-years: 200 entered and initiated 1 in 1914; 255 and 345 entered 1, initiated 0 in
# 1914; 2 entered 1 in 1917, initiated 0.
JOINERS = [
    spell(21, 200, (1914, 8, 4), (1918, 11, 11), side_a=True, hostlev=5),
    spell(21, 255, (1914, 8, 4), (1918, 11, 11), side_a=False, hostlev=5),
    spell(21, 345, (1914, 9, 1), (1918, 11, 11), side_a=False, orig=False, hostlev=5),
    spell(21, 2, (1917, 4, 6), (1918, 11, 11), side_a=True, orig=False, hostlev=5),
]


def test_originator_onsets_and_directed_initiation_leave_joiners_out():
    con = build(JOINERS, {c: range(1910, 1920) for c in (2, 200, 255, 345)})
    assert con.execute(
        "SELECT ccode1, ccode2, year, originator_onset, ccode1_initiated"
        " FROM int_dispute_dyad_years_directed WHERE mid_onset ORDER BY ALL"
    ).fetchall() == [
        (2, 255, 1917, False, False),
        (2, 345, 1917, False, False),
        (200, 255, 1914, True, True),
        (200, 345, 1914, False, True),
        (255, 2, 1917, False, False),
        (255, 200, 1914, True, False),
        (345, 2, 1917, False, False),
        (345, 200, 1914, False, False),
    ]
    assert con.execute(
        "SELECT ccode, year, mid_entered, mid_initiated FROM int_mid_state_years ORDER BY ALL"
    ).fetchall() == [(2, 1917, 1, 0), (200, 1914, 1, 1), (255, 1914, 1, 0), (345, 1914, 1, 0)]


# Peace years for states 2 and 20, both members 1900-1905, with dispute 60 beginning in
# 1901 and lasting into 1902, and dispute 61 beginning and ending in 1904.
# By hand, peace_years(y) = y - max(1900, last year a dispute was ongoing before y + 1)
# (no gaps in membership here):
#   1900: none before            -> 0
#   1901: none before 1901       -> 1  (the onset year keeps counting)
#   1902: 1901 ongoing           -> 0
#   1903: 1902 ongoing (60 ended) -> 0  (the count from the onset would say 1)
#   1904: last ongoing 1902      -> 1
#   1905: 1904 ongoing           -> 0
# peace_years_since_onset(y) = y - max(1900, last onset before y + 1): 0, 1, 0, 1, 2, 0.
# State 30 joins the system in 1903 and has no dispute: 2-30 counts 0, 1, 2 from 1903.
PEACE = [
    spell(60, 2, (1901, 6, 1), (1902, 2, 1), side_a=True),
    spell(60, 20, (1901, 6, 1), (1902, 2, 1), side_a=False),
    spell(61, 20, (1904, 3, 1), (1904, 4, 1), side_a=True),
    spell(61, 2, (1904, 3, 1), (1904, 4, 1), side_a=False),
]


def test_peace_years_restart_the_year_after_a_dispute_ends():
    con = build(PEACE, {2: range(1900, 1906), 20: range(1900, 1906), 30: range(1903, 1906)})
    # The counts belong to the pair: one row per unordered pair-year (ccode1 < ccode2),
    # counting dispute 60 (2 on side A) and dispute 61 (20 on side A) alike.
    assert con.execute(
        "SELECT year, peace_years, peace_years_sq, peace_years_cu, peace_years_since_onset FROM int_peace_years"
        " WHERE ccode1 = 2 AND ccode2 = 20 ORDER BY year"
    ).fetchall() == [
        (1900, 0, 0, 0, 0),
        (1901, 1, 1, 1, 1),
        (1902, 0, 0, 0, 0),
        (1903, 0, 0, 0, 1),
        (1904, 1, 1, 1, 2),
        (1905, 0, 0, 0, 0),
    ]
    assert con.execute(
        "SELECT year, peace_years FROM int_peace_years WHERE ccode1 = 2 AND ccode2 = 30 ORDER BY year"
    ).fetchall() == [(1903, 0), (1904, 1), (1905, 2)]
    # One row per unordered pair-year of the panel, no more, no fewer.
    assert con.execute("SELECT count(*) FROM int_peace_years").fetchone() == (
        con.execute("SELECT count(*) FROM int_dyad_panel_directed WHERE ccode1 < ccode2").fetchone()
    )


def test_an_onset_inside_an_ongoing_dispute_has_no_peace_years():
    # As India and Pakistan, whose 1999 onset fell inside a dispute running since 1993:
    # dispute 80 runs 1899-1903; dispute 81 begins (and ends) in 1902, inside it. Both
    # states are members 1898-1906. By hand:
    #   year                 1898 1899 1900 1901 1902 1903 1904 1905 1906
    #   ongoing                    x    x    x    x    x
    #   onset                      80             81
    #   peace_years           0    1    0    0    0    0    0    1    2
    #   since_onset           0    1    0    1    2    0    1    2    3
    # The old count gives the 1902 onset 2 years of "peace" in the middle of dispute 80.
    spells = [
        spell(80, 2, (1899, 5, 1), (1903, 5, 1), side_a=True),
        spell(80, 20, (1899, 5, 1), (1903, 5, 1), side_a=False),
        spell(81, 2, (1902, 3, 1), (1902, 4, 1), side_a=True),
        spell(81, 20, (1902, 3, 1), (1902, 4, 1), side_a=False),
    ]
    con = build(spells, {2: range(1898, 1907), 20: range(1898, 1907)})
    assert con.execute(
        "SELECT year, peace_years, peace_years_since_onset FROM int_peace_years"
        " WHERE ccode1 = 2 AND ccode2 = 20 ORDER BY year"
    ).fetchall() == list(
        zip(range(1898, 1907), [0, 1, 0, 0, 0, 0, 0, 1, 2], [0, 1, 0, 1, 2, 0, 1, 2, 3], strict=True)
    )
    assert [(y["year"], y["mid_onset"]) for y in dyad_years(con, 2, 20)] == [
        (1899, True),
        (1900, False),
        (1901, False),
        (1902, True),
        (1903, False),
    ]


def test_peace_years_count_the_years_the_dyad_existed_across_a_gap_in_membership():
    # State 20 is a member in 1900-1901 and 1904-1905 only; dispute 70 begins in 1902,
    # while it is out of the system. The dispute dyad-year is still recorded (the marts
    # decide what to keep), and its onset still resets both clocks.
    # peace_years counts the pair's panel years after the onset and before the year:
    #   1900: 0; 1901: 1 (1900); 1904: 0 (none after 1902); 1905: 1 (1904).
    # peace_years_calendar counts calendar years:
    #   1900: 0; 1901: 1; 1904: 1904 - (1902 + 1) = 1; 1905: 2.
    spells = [
        spell(70, 2, (1902, 6, 1), (1902, 7, 1), side_a=True),
        spell(70, 20, (1902, 6, 1), (1902, 7, 1), side_a=False),
    ]
    con = build(spells, {2: range(1900, 1906), 20: [1900, 1901, 1904, 1905]})
    assert [(y["year"], y["mid_onset"]) for y in dyad_years(con, 2, 20)] == [(1902, True)]
    assert con.execute(
        "SELECT year, peace_years, peace_years_calendar FROM int_peace_years"
        " WHERE ccode1 = 2 AND ccode2 = 20 ORDER BY year"
    ).fetchall() == [(1900, 0, 0), (1901, 1, 1), (1904, 0, 1), (1905, 1, 2)]


def test_years_out_of_the_system_do_not_count_as_peace():
    # Dispute 71 begins in 1900 between 2 and 20; 20 is out of the system in 1902-1903.
    # peace_years: 1900: 0 (first year); 1901: 0 (the year after the onset);
    #   1904: 1 (1901 only: 1902 and 1903 are not dyad-years); 1905: 2 (1901, 1904).
    # peace_years_calendar: 1900: 0; 1901: 0; 1904: 1904 - 1901 = 3; 1905: 4.
    # The pair 2-30 (30 a member in 1900 and 1905 only) has no onset: it existed 1 year
    # before 1905 (1900), so peace_years is 1 there, while the calendar count is 5.
    spells = [
        spell(71, 2, (1900, 6, 1), (1900, 7, 1), side_a=True),
        spell(71, 20, (1900, 6, 1), (1900, 7, 1), side_a=False),
    ]
    con = build(spells, {2: range(1900, 1906), 20: [1900, 1901, 1904, 1905], 30: [1900, 1905]})
    assert con.execute(
        "SELECT year, peace_years, peace_years_sq, peace_years_cu, peace_years_calendar FROM int_peace_years"
        " WHERE ccode1 = 2 AND ccode2 = 20 ORDER BY year"
    ).fetchall() == [(1900, 0, 0, 0, 0), (1901, 0, 0, 0, 0), (1904, 1, 1, 1, 3), (1905, 2, 4, 8, 4)]
    assert con.execute(
        "SELECT year, peace_years, peace_years_calendar FROM int_peace_years"
        " WHERE ccode1 = 2 AND ccode2 = 30 ORDER BY year"
    ).fetchall() == [(1900, 0, 0), (1905, 1, 5)]


@pytest.mark.parametrize("as_text", [False, True], ids=["typed", "text"])
def test_staging_types_the_raw_records_and_turns_minus_nine_into_null(as_text):
    # The switcher's second spell for 325, here begun on an unknown day of September
    # 1943, ends in May 1945 on an unknown day: start_day and end_day are NULL, and the
    # dates are the months' first and last days, 1 September 1943 and 31 May 1945 (the
    # widest reading). Its fatality and revtype2 are -9 in the raw row -> NULL.
    rows_ = [dict(r) for r in SWITCHER]
    rows_[3]["fatality"] = -9
    rows_[3]["stday"] = -9
    con = build(rows_, {c: range(1935, 1950) for c in (200, 255, 325, 345)}, as_text=as_text)
    second = rows(con, "SELECT * FROM stg_mid_participants WHERE ccode = 325 AND spell = 2")[0]
    assert second["end_day"] is None and str(second["end_date"]) == "1945-05-31"
    assert second["start_day"] is None and str(second["start_date"]) == "1943-09-01"
    assert (second["side_a"], second["originator"]) == (True, False)
    assert (second["fatality"], second["revtype2"], second["hostlev"]) == (None, None, 4)
    dispute = rows(con, "SELECT * FROM stg_mid_disputes")[0]
    # dispute_rows gives the dispute the earliest start and latest end of its spells.
    assert (dispute["dispnum"], dispute["start_year"], dispute["end_year"]) == (40, 1939, 1945)
    assert (dispute["start_day"], dispute["end_day"], dispute["fatal_precise"]) == (1, 7, None)
    assert (dispute["hostlev"], dispute["num_side_a"], dispute["num_side_b"]) == (5, 2, 3)


@pytest.mark.mirror
def test_real_mid5_dyads_match_known_cases_and_cows_own_dyadic_mids(real_data_dir, mirror_dir, monkeypatch):
    from dpeace.stage.load_raw import load_raw_tables

    monkeypatch.setenv("DPEACE_DATA", str(real_data_dir))
    con = duckdb.connect()
    load_raw_tables(con)
    for model in MODELS[:7]:
        path = sql_dir() / model
        con.execute(f"CREATE TABLE {path.stem} AS {path.read_text()}")

    # Cuban Missile Crisis (MID 61): the United States (side A) and the Soviet Union,
    # both originators, use of force, 1962.
    assert rows(
        con, "SELECT * FROM int_dispute_dyads WHERE dispnum = 61 AND ccode1 = 2 AND ccode2 = 365"
    ) == [
        {
            "dispnum": 61,
            "ccode1": 2,
            "ccode2": 365,
            "onset_year": 1962,
            "end_year": 1962,
            "hostlev": 4,
            "fatal": False,
            "orig1": True,
            "orig2": True,
            "sidea1": True,
            "initiated1": True,
            "originators": True,
            "level_source": "participants",
        }
    ]
    # First World War (MID 257): the United States joined in 1917, against Germany.
    assert con.execute(
        "SELECT onset_year, end_year, hostlev, orig1 FROM int_dispute_dyads"
        " WHERE dispnum = 257 AND ccode1 = 2 AND ccode2 = 255"
    ).fetchall() == [(1917, 1918, 5, False)]
    # No state is paired with an ally: every pair was on opposite sides in MIDB.
    assert con.execute(
        "SELECT count(*) FROM int_dispute_dyads d WHERE NOT EXISTS ("
        " SELECT 1 FROM stg_mid_participants a JOIN stg_mid_participants b USING (dispnum)"
        " WHERE a.dispnum = d.dispnum AND a.ccode = d.ccode1 AND b.ccode = d.ccode2"
        " AND a.side_a <> b.side_a)"
    ).fetchone() == (0,)

    # COW's dyadic MIDs 4.02 (Maoz et al.) pair only states that actually clashed, and
    # MID 5.0 dropped or revised some disputes, so the match is not complete: on
    # 1816-2010, when this was written, 3,250 of its 3,316 dispute pairs were found.
    dyadic = mirror_dir / "unlisted" / "dyadic_mid_4.02.csv"
    found, total = con.execute(
        """
        WITH cow AS (
            SELECT DISTINCT disno AS dispnum, least(statea, stateb) AS a,
                   greatest(statea, stateb) AS b
            FROM read_csv($path) WHERE year <= 2010
        )
        SELECT count(d.dispnum), count(*) FROM cow
        LEFT JOIN int_dispute_dyads d
          ON d.dispnum = cow.dispnum AND d.ccode1 = cow.a AND d.ccode2 = cow.b
        """,
        {"path": str(dyadic)},
    ).fetchone()
    assert total > 3000
    assert found / total > 0.97


def test_a_war_level_incident_years_after_the_onset_counts_in_its_own_year():
    # As MID 4007 (India and Pakistan, begun 1993, its war-level incidents Kargil 1999):
    # dispute 90, 2 v 20, runs 1993-1996; the two meet in a display (3, no deaths) in 1993
    # and in a war-level, fatal incident (5, band 3) in 1996. Dispute 91 (before incident
    # data: no MIDI rows) is a bilateral 1950-1951 dispute at level 4 with deaths.
    # By hand:
    #   year  onset  onset_hostlev_max  year_hostlev_max  year_fatal
    #   1950  yes    4                  4 (undated: onset year)  true
    #   1951  no     NULL               NULL (MIDB does not date it)  NULL
    #   1993  yes    5 (the dispute's)  3                 false
    #   1994  no     NULL               1 (no incident)   false
    #   1995  no     NULL               1                 false
    #   1996  no     NULL               5                 true
    spells = [
        spell(90, 2, (1993, 4, 1), (1996, 8, 1), side_a=True, hostlev=5, fatality=3),
        spell(90, 20, (1993, 4, 1), (1996, 8, 1), side_a=False, hostlev=5, fatality=3),
        spell(91, 2, (1950, 4, 1), (1951, 8, 1), side_a=True, hostlev=4, fatality=1),
        spell(91, 20, (1950, 4, 1), (1951, 8, 1), side_a=False, hostlev=4, fatality=1),
    ]
    incidents = [
        incident(90, 9001, 1993, (2, True, 3, 0), (20, False, 1, 0)),
        incident(90, 9002, 1996, (20, True, 5, 3), (2, False, 5, 3)),
    ]
    con = build(spells, {2: range(1950, 1997), 20: range(1950, 1997)}, incidents=incidents)
    for ccode1, ccode2 in ((2, 20), (20, 2)):
        assert [
            (y["year"], y["mid_onset"], y["onset_hostlev_max"], y["year_hostlev_max"], y["year_fatal"])
            for y in dyad_years(con, ccode1, ccode2)
        ] == [
            (1950, True, 4, 4, True),
            (1951, False, None, None, None),
            (1993, True, 5, 3, False),
            (1994, False, None, 1, False),
            (1995, False, None, 1, False),
            (1996, False, None, 5, True),
        ]
    assert con.execute(
        "SELECT dispnum, year, hostlev, fatal FROM int_incident_dyad_years WHERE ccode1 = 2 ORDER BY ALL"
    ).fetchall() == [(90, 1993, 3, False), (90, 1996, 5, True)]

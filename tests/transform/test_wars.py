"""The war models (sql/staging/stg_interstate_wars.sql, sql/intermediate/int_war_*.sql) on
a tiny hand-made record of COW Inter-State War rows, in the style of test_disputes.py:
each test loads raw_interstate_wars into an in-memory DuckDB and runs the model files in
dependency order. The expected values are worked out by hand beside the fixture.
"""

from __future__ import annotations

from datetime import date

import duckdb

from dpeace.bench.registry_columns import registry_columns
from dpeace.paths import sql_dir

MODELS = [
    "staging/stg_interstate_wars.sql",
    "staging/stg_dyadic_mid.sql",
    "intermediate/int_war_spells.sql",
    "intermediate/int_war_dyads.sql",
    "intermediate/int_war_dyad_years_directed.sql",
    "intermediate/int_war_state_years.sql",
]

WAR_COLUMNS = registry_columns("interstate_wars")
DYADIC_MID_COLUMNS = registry_columns("dyadic_mid")


def participation(ccode, side, start, end, deaths, second=None):
    """One row of the war data for war 139; dates are (year, month, day), -9 unknown;
    `second` a second spell's (start, end), else -8 (not applicable) as COW writes it."""
    (sy, sm, sd), (ey, em, ed) = start, end
    (sy2, sm2, sd2), (ey2, em2, ed2) = second or ((-8, -8, -8), (-8, -8, -8))
    return {
        "WarNum": 139,
        "WarName": "World War II",
        "WarType": 1,
        "ccode": ccode,
        "StateName": f"S{ccode}",
        "Side": side,
        "StartMonth1": sm,
        "StartDay1": sd,
        "StartYear1": sy,
        "EndMonth1": em,
        "EndDay1": ed,
        "EndYear1": ey,
        "StartMonth2": sm2,
        "StartDay2": sd2,
        "StartYear2": sy2,
        "EndMonth2": em2,
        "EndDay2": ed2,
        "EndYear2": ey2,
        "TransFrom": -8,
        "WhereFought": 2,
        "Initiator": 0,
        "Outcome": 1,
        "TransTo": -8,
        "BatDeath": deaths,
        "Version": 4,
    }


# War 139, loosely after 1939-45:
#   200 side 1, 3 Sep 1939 - 14 Aug 1945, 400 battle deaths
#   255 side 2, 1 Sep 1939 - 7 May 1945, 3000
#   220 side 1, two spells: 3 Sep 1939 - 22 Jun 1940, and from an unknown day of October
#       1944 (taken as the 1st) to 7 May 1945; 200 deaths for the row
#   325 changed sides: side 2 from 10 Jun 1940 to an unknown day of September 1943 (taken
#       as the 30th), 100 deaths; then side 1 from 18 Oct 1943 to 7 May 1945, 50 deaths
#   740 side 2, 7 Dec 1941 - 14 Aug 1945, 1000
# Battle deaths of the war: 400 + 3000 + 200 + 100 + 50 + 1000 = 4750.
# By hand, the pairs at war and their years:
#   200-255  1939-1945 (onset 1939)
#   220-255  1939-1940 (spell 1) and 1944-1945 (spell 2): onset 1939, NOT at war 1941-43
#   220-325  10-22 Jun 1940 only (220's first spell against 325 on side 2): 1940
#   220-740  only 220's second spell overlaps 740: 1944-1945, onset 1944
#   200-325  1940-1943 (325 on side 2); 325 on side 1 is 200's ally: nothing after
#   255-325  1943-1945 (325 on side 1), onset 1943; 325 never fights itself
#   325-740  1943-1945, onset 1943
#   200-740  1941-1945, onset 1941
#   255-740, 200-220: allies, no pair.
SECOND_WORLD_WAR = [
    participation(200, 1, (1939, 9, 3), (1945, 8, 14), 400),
    participation(255, 2, (1939, 9, 1), (1945, 5, 7), 3000),
    participation(220, 1, (1939, 9, 3), (1940, 6, 22), 200, second=((1944, 10, -9), (1945, 5, 7))),
    participation(325, 2, (1940, 6, 10), (1943, 9, -9), 100),
    participation(325, 1, (1943, 10, 18), (1945, 5, 7), 50),
    participation(740, 2, (1941, 12, 7), (1945, 8, 14), 1000),
]


# Every pair of the fixture met in a war-level dispute over the war's years unless a test
# says otherwise: (ccode1, ccode2, onset_year, end_year, the pair's own hostility level).
ALL_CLASHED = [
    (a, b, 1939, 1945, 5)
    for a, b in (
        (200, 255),
        (200, 325),
        (200, 740),
        (220, 255),
        (220, 325),
        (220, 740),
        (255, 325),
        (325, 740),
    )
]


def dyadic_row(ccode1, ccode2, year, hostlev, war, dispnum=258):
    """One row of COW's Dyadic MIDs (one order of the pair); the columns the build does not
    read are -9."""
    row = dict.fromkeys(DYADIC_MID_COLUMNS, -9)
    row.update(
        disno=dispnum,
        statea=ccode1,
        stateb=ccode2,
        strtyr=year,
        endyear=year,
        year=year,
        hihost=hostlev,
        fatlev=0,
        war=war,
    )
    return row


def build(war_rows, clashes=ALL_CLASHED, dyadic=()):
    """The war models over war_rows, with int_dispute_dyads holding `clashes` (both orders)
    and COW's Dyadic MIDs the rows `dyadic` (none: the Dyadic MIDs cover no year, and the
    dispute rule decides every pair)."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE raw_dyadic_mid ({', '.join(f'{c} VARCHAR' for c in DYADIC_MID_COLUMNS)})")
    if dyadic:
        con.executemany(
            f"INSERT INTO raw_dyadic_mid VALUES ({', '.join('?' for _ in DYADIC_MID_COLUMNS)})",
            [[str(r[c]) for c in DYADIC_MID_COLUMNS] for r in dyadic],
        )
    con.execute(
        "CREATE TABLE int_dispute_dyads (dispnum INTEGER, ccode1 INTEGER, ccode2 INTEGER,"
        " onset_year INTEGER, end_year INTEGER, hostlev INTEGER)"
    )
    con.executemany(
        "INSERT INTO int_dispute_dyads VALUES (258, ?, ?, ?, ?, ?)",
        [row for a, b, *rest in clashes for row in ((a, b, *rest), (b, a, *rest))],
    )
    con.execute(f"CREATE TABLE raw_interstate_wars ({', '.join(f'{c} VARCHAR' for c in WAR_COLUMNS)})")
    con.executemany(
        f"INSERT INTO raw_interstate_wars VALUES ({', '.join('?' for _ in WAR_COLUMNS)})",
        [[str(r[c]) for c in WAR_COLUMNS] for r in war_rows],
    )
    for model in MODELS:
        path = sql_dir() / model
        con.execute(f"CREATE TABLE {path.stem} AS {path.read_text()}")
    return con


def war_years(con, ccode1, ccode2):
    return con.execute(
        "SELECT year, war_onset FROM int_war_dyad_years_directed"
        " WHERE ccode1 = ? AND ccode2 = ? ORDER BY year",
        [ccode1, ccode2],
    ).fetchall()


def test_pairs_are_at_war_only_while_on_opposite_sides_at_the_same_time():
    con = build(SECOND_WORLD_WAR)
    assert con.execute(
        "SELECT DISTINCT ccode1, ccode2, onset_year FROM int_war_dyads WHERE ccode1 < ccode2 ORDER BY ALL"
    ).fetchall() == [
        (200, 255, 1939),
        (200, 325, 1940),
        (200, 740, 1941),
        (220, 255, 1939),
        (220, 325, 1940),
        (220, 740, 1944),
        (255, 325, 1943),
        (325, 740, 1943),
    ]
    assert war_years(con, 200, 325) == [(1940, True), (1941, False), (1942, False), (1943, False)]
    assert war_years(con, 325, 255) == [(1943, True), (1944, False), (1945, False)]
    # Both directions hold the same years.
    assert war_years(con, 255, 325) == war_years(con, 325, 255)


def test_a_state_with_two_spells_is_at_war_with_an_enemy_only_during_them():
    con = build(SECOND_WORLD_WAR)
    assert war_years(con, 220, 255) == [(1939, True), (1940, False), (1944, False), (1945, False)]
    assert war_years(con, 220, 325) == [(1940, True)]
    assert war_years(con, 740, 220) == [(1944, True), (1945, False)]
    # The unknown day of October 1944 is the 1st; of September 1943, the 30th.
    assert con.execute(
        "SELECT ccode, spell, side, start_date, end_date FROM int_war_spells"
        " WHERE ccode IN (220, 325) ORDER BY ccode, start_date"
    ).fetchall() == [
        (220, 1, 1, date(1939, 9, 3), date(1940, 6, 22)),
        (220, 2, 1, date(1944, 10, 1), date(1945, 5, 7)),
        (325, 1, 2, date(1940, 6, 10), date(1943, 9, 30)),
        (325, 1, 1, date(1943, 10, 18), date(1945, 5, 7)),
    ]


def test_the_dyad_year_names_the_war_and_its_battle_deaths():
    con = build(SECOND_WORLD_WAR)
    assert con.execute(
        "SELECT war_number, war_name, war_battle_deaths, war_count FROM int_war_dyad_years_directed"
        " WHERE ccode1 = 255 AND ccode2 = 200 AND year = 1942"
    ).fetchall() == [(139, "World War II", 4750, 1)]


def test_state_years_count_a_war_once_for_a_state_that_changed_sides():
    con = build(SECOND_WORLD_WAR)
    # 325 entered in 1940; its side-1 row from 1943 is the same war. 220 is out 1941-43.
    assert con.execute(
        "SELECT year, war_entered, war_ongoing FROM int_war_state_years WHERE ccode = 325 ORDER BY year"
    ).fetchall() == [
        (1940, 1, True),
        (1941, 0, True),
        (1942, 0, True),
        (1943, 0, True),
        (1944, 0, True),
        (1945, 0, True),
    ]
    assert [
        y
        for (y,) in con.execute(
            "SELECT year FROM int_war_state_years WHERE ccode = 220 ORDER BY year"
        ).fetchall()
    ] == [1939, 1940, 1944, 1945]


def test_pairs_on_opposite_sides_that_never_met_are_nominal_co_belligerents():
    # As the United States and Finland in 1941: on opposite sides of war 139 by date, but
    # no dispute between them reached use of force. By hand, with these clashes:
    #   200-740 no dispute at all between them          -> nominal, 1941 onset
    #   200-325 a dispute 1940-1943 at level 3 (display)  -> nominal, 1940 onset
    #   255-325 a dispute 1943-1944 at level 4 (force)    -> fought, 1943 onset
    #   220-255 a war-level dispute in 1944 only: overlaps the second stretch (1944-1945),
    #           not the first (1939-1940)                -> 1939-40 nominal, 1944-45 fought
    # and every other pair clashed at level 5 over the whole war.
    clashes = [c for c in ALL_CLASHED if (c[0], c[1]) not in {(200, 740), (200, 325), (255, 325), (220, 255)}]
    clashes += [(200, 325, 1940, 1943, 3), (255, 325, 1943, 1944, 4), (220, 255, 1944, 1944, 5)]
    con = build(SECOND_WORLD_WAR, clashes)
    assert con.execute(
        "SELECT ccode1, ccode2, overlap_start_year, fought FROM int_war_dyads"
        " WHERE ccode1 < ccode2 AND (ccode1, ccode2) IN ((200, 740), (200, 325), (255, 325), (220, 255), (200, 255))"
        " ORDER BY ALL"
    ).fetchall() == [
        (200, 255, 1939, True),
        (200, 325, 1940, False),
        (200, 740, 1941, False),
        (220, 255, 1939, False),
        (220, 255, 1944, True),
        (255, 325, 1943, True),
    ]
    by_year = (
        "SELECT year, war_onset, war_count, war_number, nominal_war_onset, nominal_war_number"
        " FROM int_war_dyad_years_directed WHERE ccode1 = ? AND ccode2 = ? ORDER BY year"
    )
    # Never at war with each other: no war_onset, no war_number; the war is named apart.
    assert con.execute(by_year, [740, 200]).fetchall() == [
        (year, False, 0, None, year == 1941, 139) for year in range(1941, 1946)
    ]
    assert con.execute(by_year, [200, 325]).fetchall() == [
        (year, False, 0, None, year == 1940, 139) for year in range(1940, 1944)
    ]
    assert con.execute(by_year, [325, 255]).fetchall() == [
        (1943, True, 1, 139, False, None),
        (1944, False, 1, 139, False, None),
        (1945, False, 1, 139, False, None),
    ]
    # 220-255: nominal from 1939, when they never met; the war they fought begins for the
    # pair in 1944, the first year of the stretch in which they did.
    assert con.execute(by_year, [220, 255]).fetchall() == [
        (1939, False, 0, None, True, 139),
        (1940, False, 0, None, False, 139),
        (1944, True, 1, 139, False, None),
        (1945, False, 1, 139, False, None),
    ]


def both_orders(rows):
    return [dyadic_row(*r) for a, b, *rest in rows for r in ((a, b, *rest), (b, a, *rest))]


def fought(con):
    return con.execute(
        "SELECT ccode1, ccode2, overlap_start_year, fought, fought_by FROM int_war_dyads"
        " WHERE ccode1 < ccode2 ORDER BY ALL"
    ).fetchall()


def test_the_dyadic_war_flag_decides_which_pairs_fought_where_the_dyadic_mids_cover_the_years():
    # COW's Dyadic MIDs rows (pair, year, the pair's hostility, war flag), spanning 1939-1945
    # so that every stretch of war 139 lies in their years. Every pair also met in a
    # war-level dispute (ALL_CLASHED), so the dispute rule alone would call all of them
    # fought; by hand, with the war flag instead:
    #   200-255  war 1939 (and 1945)                     -> fought
    #   200-325  hostility 4, war 0 in 1941 (a raid, as the United Kingdom and Finland in
    #            1941)                                    -> nominal
    #   200-740  war 1942                                 -> fought
    #   220-255  war 1944 only: the 1939-40 stretch has none -> 1939 nominal, 1944 fought
    #   220-325  war 1940                                 -> fought
    #   220-740  no row at all (as the United States and Finland) -> nominal
    #   255-325  war 1944; 325-740 war 1944               -> fought
    dyadic = both_orders(
        [
            (200, 255, 1939, 5, 1),
            (200, 255, 1945, 5, 1),
            (200, 325, 1941, 4, 0),
            (200, 740, 1942, 5, 1),
            (220, 255, 1944, 5, 1),
            (220, 325, 1940, 5, 1),
            (255, 325, 1944, 5, 1),
            (325, 740, 1944, 5, 1),
        ]
    )
    con = build(SECOND_WORLD_WAR, dyadic=dyadic)
    assert fought(con) == [
        (200, 255, 1939, True, "dyadic war"),
        (200, 325, 1940, False, "dyadic war"),
        (200, 740, 1941, True, "dyadic war"),
        (220, 255, 1939, False, "dyadic war"),
        (220, 255, 1944, True, "dyadic war"),
        (220, 325, 1940, True, "dyadic war"),
        (220, 740, 1944, False, "dyadic war"),
        (255, 325, 1943, True, "dyadic war"),
        (325, 740, 1943, True, "dyadic war"),
    ]
    by_year = (
        "SELECT year, war_onset, war_count, war_number, nominal_war_onset, nominal_war_number"
        " FROM int_war_dyad_years_directed WHERE ccode1 = ? AND ccode2 = ? ORDER BY year"
    )
    # The raid is no war: 200-325 is listed as nominal from 1940, its first year on
    # opposite sides, and counted in no war.
    assert con.execute(by_year, [325, 200]).fetchall() == [
        (year, False, 0, None, year == 1940, 139) for year in range(1940, 1944)
    ]
    assert con.execute(by_year, [740, 220]).fetchall() == [
        (1944, False, 0, None, True, 139),
        (1945, False, 0, None, False, 139),
    ]
    # A war flag in a year of the stretch counts from the stretch's first year: 200-740
    # fought from 1941, though the Dyadic MIDs' war row is 1942.
    assert con.execute(by_year, [200, 740]).fetchall()[0] == (1941, True, 1, 139, False, None)


def test_outside_the_dyadic_mids_years_the_dispute_rule_decides():
    # The Dyadic MIDs here span 1944-1945 only: 220-255 at war in 1944; 325-740 in 1945
    # without war. Only the stretches wholly inside 1944-1945 are theirs to judge: 220-255's
    # second (1944-1945: fought) and 220-740 (1944-1945: no row, nominal). Every other
    # stretch begins before 1944 and falls to the dispute rule, with 200-325's dispute at
    # display level (3): nominal; the others clashed at war level: fought.
    clashes = [c for c in ALL_CLASHED if (c[0], c[1]) != (200, 325)] + [(200, 325, 1940, 1943, 3)]
    dyadic = both_orders([(220, 255, 1944, 5, 1), (325, 740, 1945, 4, 0)])
    con = build(SECOND_WORLD_WAR, clashes, dyadic)
    assert fought(con) == [
        (200, 255, 1939, True, "dispute force"),
        (200, 325, 1940, False, "dispute force"),
        (200, 740, 1941, True, "dispute force"),
        (220, 255, 1939, True, "dispute force"),
        (220, 255, 1944, True, "dyadic war"),
        (220, 325, 1940, True, "dispute force"),
        (220, 740, 1944, False, "dyadic war"),
        (255, 325, 1943, True, "dispute force"),
        (325, 740, 1943, True, "dispute force"),
    ]


def test_a_pair_listed_in_one_order_only_is_still_the_pair():
    # The Dyadic MIDs list both orders; a row in one order alone still marks the pair.
    con = build(
        SECOND_WORLD_WAR,
        dyadic=[
            dyadic_row(740, 200, 1942, 5, 1),
            dyadic_row(255, 200, 1945, 5, 1),
            dyadic_row(200, 255, 1939, 5, 1),
        ],
    )
    assert con.execute(
        "SELECT ccode1, ccode2, fought FROM int_war_dyads WHERE (ccode1, ccode2) IN ((200, 740), (740, 200))"
        " ORDER BY ALL"
    ).fetchall() == [(200, 740, True), (740, 200, True)]

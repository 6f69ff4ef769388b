"""The exceptions and wars as the report lists them (dpeace.report.exceptions, wars), on
hand-made query rows: a year-end regime change, a level-1 onset, an escalation in a later
year, and nominal co-belligerents. Answers worked out by hand beside each row."""

from __future__ import annotations

from dpeace.report.exceptions import measure_exceptions, regime_text
from dpeace.report.wars import cow_wars_by_measure


def exception_row(ccode1, ccode2, year, *, onset=True, hostlev, fatal=False, dispute_level=None, **regimes):
    row = {
        "measure": "joint_democracy",
        "ccode1": ccode1,
        "ccode2": ccode2,
        "year": year,
        "onset": onset,
        "state_1": f"S{ccode1}",
        "state_2": f"S{ccode2}",
        "dispute_numbers": str(year),
        "dispute_list": [year],
        "disputes_listed": 1,
        "pair_hostlev": hostlev,
        "pair_fatal": fatal,
        "dispute_pair_hostlev": dispute_level if dispute_level is not None else (hostlev if onset else None),
        "dispute_hostlev_max": max(hostlev, dispute_level or 0),
        "polity2_1": 10,
        "polity2_2": 8,
        "polity2_lag_1": 10,
        "polity2_lag_2": 8,
        "regime_change_1": False,
        "regime_change_2": False,
        "polity_joint_democracy": True,
    }
    return {**row, **regimes}


# As the United States and Panama in 1989: Panama's year-end polity2 is the regime the
# invasion of 20 December installed (8), the year before it was -8: a regime change.
PANAMA = exception_row(
    2, 95, 1989, hostlev=4, fatal=True, polity2_2=8, polity2_lag_2=-8, regime_change_2=True
)
# A level-1 onset: the two were on opposite sides of a dispute but never met in an
# incident (their own level over the whole dispute is 1).
LEVEL_ONE = exception_row(20, 200, 1995, hostlev=1, dispute_level=1)
# A dispute begun in 1993 at a display (3) between the two, whose war-level fatal incidents
# came in 1996: the onset row has the year's 3, the escalation row of 1996 has 5.
ONSET_1993 = exception_row(750, 770, 1993, hostlev=3, dispute_level=5)
WAR_1996 = exception_row(750, 770, 1996, onset=False, hostlev=5, fatal=True)


def test_a_year_end_regime_change_shows_the_score_before_and_is_marked():
    assert regime_text(PANAMA) == "10 (10 the year before) / 8 (\u22128 the year before, regime change)"
    found = measure_exceptions("joint_democracy", [PANAMA], 6)
    (listed,) = found["rows"]
    assert listed["regime_change"] is True
    assert found["regime_change_years"] == 1


def test_a_level_one_onset_is_shown_as_such_and_counted_as_no_force_or_war():
    found = measure_exceptions("joint_democracy", [PANAMA, LEVEL_ONE], 6)
    # Two onsets; force only in Panama's (level 4); the level-1 onset in no count but its own.
    assert found["dyad_years"] == 2
    assert found["level_one_years"] == 1
    assert found["force_years"] == 1
    assert found["fatal_years"] == 1
    assert found["war_level"] == []
    level_one = next(r for r in found["rows"] if r["year"] == 1995)
    assert (level_one["level_one"], level_one["hostility"]) == (True, "1 (no militarized action)")


def test_a_war_reached_years_after_the_onset_counts_in_its_own_year():
    found = measure_exceptions("joint_democracy", [ONSET_1993, WAR_1996], 6)
    # One onset (1993, a display that year), one escalation (1996, war with deaths).
    assert (found["dyad_years"], found["escalation_years"]) == (1, 1)
    assert [(r["year"], r["kind"]) for r in found["war_level"]] == [(1996, "escalation")]
    assert found["force_years"] == 1
    assert found["fatal_years"] == 1
    # The pairs table counts onsets only: the pair has one onset year, 1993.
    (pair,) = found["pairs"]
    assert (pair["onset_years"], pair["years"]) == (1, "1993")
    onset = next(r for r in found["rows"] if r["year"] == 1993)
    assert (onset["hostility"], onset["dispute_pair_hostility"]) == ("3 (display of force)", "5 (war)")


def war_row(ccode1, ccode2, year, fought, number, name):
    return {
        "measure": "joint_democracy_bmr",
        "ccode1": ccode1,
        "ccode2": ccode2,
        "year": year,
        "fought": fought,
        "state_1": f"S{ccode1}",
        "state_2": f"S{ccode2}",
        "war_number": number,
        "war_name": name,
        "war_battle_deaths": 1000,
        "polity2_1": 10,
        "polity2_2": 10,
        "polity2_lag_1": 10,
        "polity2_lag_2": 10,
        "regime_change_1": False,
        "regime_change_2": False,
        "polity_joint_democracy": True,
    }


def test_nominal_co_belligerents_are_listed_apart_and_not_counted():
    # As the United States and Finland in 1941 (never met) beside a war the pair fought.
    rows = [
        war_row(2, 375, 1941, False, 139, "World War II"),
        war_row(290, 368, 1920, True, 117, "Lithuanian-Polish"),
    ]
    found = {w["measure"]["id"]: w for w in cow_wars_by_measure(rows, 6)}
    bmr = found["joint_democracy_bmr"]
    assert bmr["war_count"] == 1
    assert bmr["war_names"] == "Lithuanian-Polish (1920)"
    assert [r["war"] for r in bmr["rows"]] == ["Lithuanian-Polish (COW #117)"]
    assert [(r["year"], r["war"]) for r in bmr["nominal_rows"]] == [(1941, "World War II (COW #139)")]
    assert found["joint_democracy"]["war_count"] == 0

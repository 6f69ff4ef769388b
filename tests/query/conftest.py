"""A tiny database with the analysis tables' contract columns, small enough to work by hand.

Four states, 2000-2002 plus 2015 (a year MID does not cover, so its dispute columns are
NULL). Russia's Polity score is missing in 2002, so its dyads' joint_democracy is NULL then.

    dyad        joint_democracy          disputes begun (mid_onset_count)
    2-200       true                     2001: 1 (threat to use force)
    2-365       false, false, NULL       2000: 2 (use of force), 2002: 1
    200-220     true                     none
    200-365     false, false, NULL       2001: 1 (display of force)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dpeace.database import write_atomically

STATE_YEARS_SQL = """
CREATE TABLE state_years AS
SELECT * FROM (VALUES
    (2,   2000, 'USA', 'United States of America', 10),
    (2,   2001, 'USA', 'United States of America', 10),
    (2,   2002, 'USA', 'United States of America', 10),
    (2,   2015, 'USA', 'United States of America', 10),
    (200, 2000, 'UKG', 'United Kingdom', 10),
    (200, 2001, 'UKG', 'United Kingdom', 10),
    (200, 2002, 'UKG', 'United Kingdom', 10),
    (200, 2015, 'UKG', 'United Kingdom', 10),
    (220, 2000, 'FRN', 'France', 9),
    (220, 2001, 'FRN', 'France', 9),
    (220, 2002, 'FRN', 'France', 9),
    (220, 2015, 'FRN', 'France', 9),
    (365, 2000, 'RUS', 'Russia', 4),
    (365, 2001, 'RUS', 'Russia', 4),
    (365, 2002, 'RUS', 'Russia', NULL),
    (365, 2015, 'RUS', 'Russia', 4)
) AS rows(ccode, year, stateabb, statenme, polity2)
"""

DYAD_YEARS_SQL = """
CREATE TABLE dyad_years AS
SELECT
    ccode1::SMALLINT AS ccode1, ccode2::SMALLINT AS ccode2, year::SMALLINT AS year,
    mid_onset::BOOLEAN AS mid_onset, mid_ongoing::BOOLEAN AS mid_ongoing,
    mid_onset_count::INTEGER AS mid_onset_count, hostlev_max::TINYINT AS hostlev_max,
    onset_hostlev_max::TINYINT AS onset_hostlev_max,
    joint_democracy::BOOLEAN AS joint_democracy,
    polity2_1::TINYINT AS polity2_1, polity2_2::TINYINT AS polity2_2,
    polity2_low::TINYINT AS polity2_low, cap_ratio::DOUBLE AS cap_ratio
FROM (VALUES
    (2,   200, 2000, false, false, 0, NULL, NULL, true,  10, 10,   10,   1.5),
    (2,   200, 2001, true,  true,  1, 2,    2,    true,  10, 10,   10,   1.25),
    (2,   200, 2002, false, false, 0, NULL, NULL, true,  10, 10,   10,   1.125),
    (2,   200, 2015, NULL,  NULL,  NULL, NULL, NULL, true, 10, 10, 10,   NULL),
    (2,   365, 2000, true,  true,  2, 4,    4,    false, 10, 4,    4,    3.0),
    (2,   365, 2001, false, true,  0, 4,    NULL, false, 10, 4,    4,    3.5),
    (2,   365, 2002, true,  true,  1, 3,    3,    NULL,  10, NULL, NULL, 4.0),
    (2,   365, 2015, NULL,  NULL,  NULL, NULL, NULL, false, 10, 4,  4,    4.5),
    (200, 220, 2000, false, false, 0, NULL, NULL, true,  10, 9,    9,    1.0),
    (200, 220, 2001, false, false, 0, NULL, NULL, true,  10, 9,    9,    1.0),
    (200, 220, 2002, false, false, 0, NULL, NULL, true,  10, 9,    9,    1.0),
    (200, 220, 2015, NULL,  NULL,  NULL, NULL, NULL, true, 10, 9,  9,    1.0),
    (200, 365, 2000, false, false, 0, NULL, NULL, false, 10, 4,    4,    2.0),
    (200, 365, 2001, true,  true,  1, 3,    3,    false, 10, 4,    4,    2.0),
    (200, 365, 2002, false, false, 0, NULL, NULL, NULL,  10, NULL, NULL, 2.0),
    (200, 365, 2015, NULL,  NULL,  NULL, NULL, NULL, false, 10, 4,  4,    2.0)
) AS rows(ccode1, ccode2, year, mid_onset, mid_ongoing, mid_onset_count, hostlev_max,
          onset_hostlev_max, joint_democracy, polity2_1, polity2_2, polity2_low, cap_ratio)
"""

# The war columns (COW Inter-State War): one war between democracies, 200-220 (France
# and the United Kingdom, both jointly democratic) beginning in 2001, and one that is not,
# 2-365 in 2000. None is ongoing after its onset year. By BMR's measure the 2-365 pair of
# 2000 is jointly democratic (Russia counts as a democracy there) and 200-220 of 2001 is not
# known (BMR NULL), so each measure lists one of the two wars.
WAR_COLUMNS_SQL = """
ALTER TABLE dyad_years ADD COLUMN joint_democracy_bmr BOOLEAN DEFAULT false;
UPDATE dyad_years SET joint_democracy_bmr = true WHERE ccode1 = 2 AND ccode2 = 365 AND year = 2000;
UPDATE dyad_years SET joint_democracy_bmr = NULL WHERE ccode1 = 200 AND ccode2 = 220 AND year = 2001;
ALTER TABLE dyad_years ADD COLUMN war_onset BOOLEAN DEFAULT false;
ALTER TABLE dyad_years ADD COLUMN war_ongoing BOOLEAN DEFAULT false;
ALTER TABLE dyad_years ADD COLUMN war_number INTEGER;
ALTER TABLE dyad_years ADD COLUMN war_name VARCHAR;
ALTER TABLE dyad_years ADD COLUMN war_battle_deaths BIGINT;
UPDATE dyad_years SET war_onset = NULL, war_ongoing = NULL WHERE year = 2015;
UPDATE dyad_years SET war_onset = true, war_ongoing = true, war_number = 900,
    war_name = 'Fixture War', war_battle_deaths = 1500
WHERE ccode1 = 200 AND ccode2 = 220 AND year = 2001;
UPDATE dyad_years SET war_onset = true, war_ongoing = true, war_number = 901,
    war_name = 'Other War', war_battle_deaths = 2000
WHERE ccode1 = 2 AND ccode2 = 365 AND year = 2000;
"""

SAMPLE_DICTIONARY = {
    "dyad_years": {
        "description": "One row per pair of states (ccode1 < ccode2) per year",
        "layer": "marts",
        "columns": {
            "ccode1": "COW code of the state with the lower code",
            "ccode2": "COW code of the state with the higher code",
            "year": "Calendar year",
            "mid_onset": "A militarized interstate dispute between the two began this year "
            "(NULL for years MID does not cover, 2015 onwards) - longer than Stata allows",
            "joint_democracy": "Both states have Polity2 >= 6 (NULL if either is missing)",
        },
    },
    "state_years": {
        "description": "One row per COW member state per year",
        "layer": "marts",
        "columns": {"ccode": "COW country code", "statenme": "State name"},
    },
}


def build_fixture_database(path: Path) -> Path:
    with write_atomically(path) as con:
        con.execute(STATE_YEARS_SQL)
        con.execute(DYAD_YEARS_SQL)
        con.execute(WAR_COLUMNS_SQL)
    return path


@pytest.fixture()
def fixture_database(tmp_path) -> Path:
    return build_fixture_database(tmp_path / "peace.duckdb")


@pytest.fixture()
def sample_dictionary() -> dict[str, dict]:
    return SAMPLE_DICTIONARY

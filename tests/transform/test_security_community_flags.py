"""The EC/EU and NATO membership flags over the community world of
tests/transform/community_world.py (the tiny build world with hand-made membership seeds).

Worked out by hand from those seeds (member on any day of the year; a pair jointly on a
common day):
    ec_eu_member  AAA 1900-05 all; BBB 1902-05 (not 1900-01); CCC 1900, 1901 (not 1904-05)
    nato_member   AAA all; BBB 1901-05; CCC 1900, 1901; DDD 1905 only
    joint_ec_eu   AAA-BBB 1902-05 (common days from 1 July 1902); AAA-CCC 1900, 1901;
                  BBB-CCC never (only CCC a member in 1900-01, only BBB from 1902);
                  anything with DDD never (DDD is no member)
    joint_nato    AAA-BBB 1901-05; AAA-CCC 1900, 1901; BBB-CCC never, although both are
                  members in 1901 (CCC until 31 March, BBB from 1 June: no common day);
                  AAA-DDD and BBB-DDD 1905 (31 December)
"""

from __future__ import annotations

import duckdb
import pytest

from tests.transform.community_world import build_community_world


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    database = build_community_world(tmp_path_factory.mktemp("community-world"))
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()


def member_years(con, column: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for ccode, year in con.execute(
        f"SELECT ccode, year FROM state_years WHERE {column} ORDER BY ccode, year"
    ).fetchall():
        found.setdefault(ccode, []).append(year)
    return found


def joint_years(con, table: str, column: str) -> dict[tuple[int, int], list[int]]:
    found: dict[tuple[int, int], list[int]] = {}
    for ccode1, ccode2, year in con.execute(
        f"SELECT ccode1, ccode2, year FROM {table} WHERE {column} ORDER BY ccode1, ccode2, year"
    ).fetchall():
        found.setdefault((ccode1, ccode2), []).append(year)
    return found


def test_state_years_count_a_member_in_every_year_it_belonged_on_any_day(con):
    assert member_years(con, "ec_eu_member") == {
        2: [1900, 1901, 1902, 1903, 1904, 1905],
        20: [1902, 1903, 1904, 1905],  # joined 1 July 1902
        255: [1900, 1901],  # left 31 March 1901; back in the system 1904-1905, not in the community
    }
    assert member_years(con, "nato_member") == {
        2: [1900, 1901, 1902, 1903, 1904, 1905],
        20: [1901, 1902, 1903, 1904, 1905],
        255: [1900, 1901],
        345: [1905],  # joined 31 December 1905
    }
    # Non-members are false, not NULL: 21 state-years (tests/transform/world.py), none unknown.
    assert con.execute(
        "SELECT count(*), count(ec_eu_member), count(nato_member) FROM state_years"
    ).fetchall() == [(21, 21, 21)]


def test_a_pair_is_joint_only_in_years_with_a_common_day_of_membership(con):
    assert joint_years(con, "dyad_years", "joint_ec_eu") == {
        (2, 20): [1902, 1903, 1904, 1905],  # common days from 1 July 1902
        (2, 255): [1900, 1901],  # common days until 31 March 1901
    }
    assert joint_years(con, "dyad_years", "joint_nato") == {
        (2, 20): [1901, 1902, 1903, 1904, 1905],
        (2, 255): [1900, 1901],
        (2, 345): [1905],  # 31 December 1905
        (20, 345): [1905],
        # no (20, 255): both members in 1901, but never on the same day
    }


def test_a_pair_with_only_one_member_is_not_joint(con):
    # BBB-CCC 1900: CCC a member of both, BBB of neither. AAA-DDD 1904: AAA only.
    assert con.execute(
        "SELECT ccode1, ccode2, year, joint_ec_eu, joint_nato FROM dyad_years "
        "WHERE (ccode1, ccode2, year) IN ((20, 255, 1900), (2, 345, 1904)) ORDER BY ALL"
    ).fetchall() == [(2, 345, 1904, False, False), (20, 255, 1900, False, False)]


def test_the_directed_table_has_the_flags_in_both_orders(con):
    assert joint_years(con, "dyad_years_directed", "joint_nato")[(20, 2)] == [1901, 1902, 1903, 1904, 1905]
    assert joint_years(con, "dyad_years_directed", "joint_ec_eu")[(255, 2)] == [1900, 1901]
    # 26 dyad-years, 52 directed (tests/transform/world.py): every row has both flags known.
    assert con.execute(
        "SELECT count(*), count(joint_ec_eu), count(joint_nato) FROM dyad_years_directed"
    ).fetchall() == [(52, 52, 52)]

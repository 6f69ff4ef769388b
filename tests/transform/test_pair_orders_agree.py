"""Sources read in one order of each pair: their two orders must agree (sql/schema.yml).

int_dyad_year_sources takes contiguity, capital distance, wars and community membership from the
ccode1 < ccode2 order of each pair (capdist's numbers in that order), and
dyad_years_directed gives the same values to the other order. The declared tests on the
four sources fail when a pair's two orders disagree: through a whole build for contiguity
and capdist (whose raw files list both orders), and on hand-built tables for the two built
from lists of states (both orders by construction, so only a change to their SQL could
make them disagree). Trade flows, which swap sides in the mirror image, are tested on the
mirror images of dyad_years_directed against the flows file's row of their own order.
"""

from __future__ import annotations

import duckdb
import pytest

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.transform.data_tests import declared_tests, run_data_tests
from dpeace.transform.runner import build_database
from tests.transform.world import world_rows, write_world


def declared_for(table: str):
    found = [
        test for test in declared_tests(paths.sql_dir()) if test.name.startswith(f"relationships({table}:")
    ]
    assert found, table
    return found


def build_failure(data_dir, rows) -> str:
    """The message of the build of the world `rows`, which must fail one data test."""
    write_world(data_dir, rows)
    with pytest.raises(BuildError) as failure:
        build_database()
    message = str(failure.value)
    assert message.startswith("1 of ")
    return message


def test_capdist_listing_a_pair_at_two_distances_fails_the_build(data_dir):
    rows = world_rows()
    # AAA (2) to BBB (20) is 1000 km one way; make the other order say 1200.
    reverse = next(row for row in rows["capdist"] if (row["numa"], row["numb"]) == (20, 2))
    reverse["kmdist"] = 1200
    message = build_failure(data_dir, rows)
    assert (
        "relationships(int_capital_distances: numa, numb, kmdist -> int_capital_distances: numb, numa, kmdist)"
        ": 2 offending row(s)"
    ) in message
    assert "numa=2, numb=20, kmdist=1000.0" in message and "numa=20, numb=2, kmdist=1200.0" in message


WAR_COLUMNS = (
    "ccode1 integer, ccode2 integer, year integer, war_onset boolean, war_count integer, war_number integer, "
    "war_name varchar, war_battle_deaths double, nominal_war_onset boolean, nominal_war_number integer"
)
# A war both fought (number 1, begun 1901) and a nominal one (number 2) in both orders.
WAR_ROWS = [
    (2, 20, 1901, True, 1, 1, "Aland-Bland War", 1500.0, False, None),
    (20, 2, 1901, True, 1, 1, "Aland-Bland War", 1500.0, False, None),
    (2, 255, 1902, False, 0, None, None, None, True, 2),
    (255, 2, 1902, False, 0, None, None, None, True, 2),
]


def war_table(changed: dict[int, dict] | None = None, dropped: int | None = None):
    con = duckdb.connect()
    con.execute(f"create table int_war_dyad_years_directed ({WAR_COLUMNS})")
    names = [c.split()[0] for c in WAR_COLUMNS.split(", ")]
    for i, row in enumerate(WAR_ROWS):
        if i == dropped:
            continue
        values = dict(zip(names, row)) | (changed or {}).get(i, {})
        con.execute(
            f"insert into int_war_dyad_years_directed values ({', '.join('?' * len(names))})",
            [values[n] for n in names],
        )
    return con


def failing(con, table: str) -> str:
    with pytest.raises(BuildError) as failure:
        run_data_tests(con, declared_for(table))
    return str(failure.value)


def test_the_war_tests_pass_when_both_orders_agree():
    run_data_tests(war_table(), declared_for("int_war_dyad_years_directed"))


@pytest.mark.parametrize(
    ("changed", "dropped", "failures", "failing_test", "offending"),
    [
        # the other order has no onset: fails the onset test in both orders
        ({1: {"war_onset": False}}, None, 1, "war_onset, war_count, nominal_war_onset", 2),
        # the other order names another war
        ({1: {"war_number": 7}}, None, 1, "year, war_number ->", 2),
        ({3: {"nominal_war_number": 3}}, None, 1, "year, nominal_war_number ->", 2),
        # one order only (255-2 of the nominal war): its row has no mirror image at all
        (None, 2, 2, "war_onset, war_count, nominal_war_onset", 1),
    ],
)
def test_the_war_tests_fail_when_the_two_orders_disagree(changed, dropped, failures, failing_test, offending):
    message = failing(war_table(changed, dropped), "int_war_dyad_years_directed")
    assert message.startswith(f"{failures} of 3 data tests")
    assert failing_test in message and f": {offending} offending row(s)" in message


def community_table(rows):
    con = duckdb.connect()
    con.execute(
        "create table int_community_dyad_years "
        "(ccode1 integer, ccode2 integer, year integer, joint_ec_eu boolean, joint_nato boolean)"
    )
    con.executemany("insert into int_community_dyad_years values (?, ?, ?, ?, ?)", rows)
    return con


def test_the_community_test_fails_when_the_two_orders_disagree():
    agreeing = [(200, 220, 1960, True, True), (220, 200, 1960, True, True)]
    run_data_tests(community_table(agreeing), declared_for("int_community_dyad_years"))
    message = failing(
        community_table([agreeing[0], (220, 200, 1960, True, False)]), "int_community_dyad_years"
    )
    assert "ccode1=200, ccode2=220, year=1960, joint_ec_eu=True, joint_nato=True" in message
    assert "ccode1=220, ccode2=200, year=1960, joint_ec_eu=True, joint_nato=False" in message
    message = failing(community_table(agreeing[:1]), "int_community_dyad_years")
    assert ": 1 offending row(s)\n    ccode1=200, ccode2=220, year=1960" in message


def test_contiguity_listed_differently_in_the_two_orders_fails_the_build(data_dir):
    rows = world_rows()
    # AAA-BBB 1900 is a land border (type 1) in both orders; make the BBB-AAA row say 2.
    reverse = next(
        row for row in rows["contdird"] if (row["state1no"], row["state2no"], row["year"]) == (20, 2, 1900)
    )
    reverse["conttype"] = 2
    message = build_failure(data_dir, rows)
    assert (
        "relationships(int_contiguity_dyad_years: ccode1, ccode2, year, conttype -> "
        "int_contiguity_dyad_years: ccode2, ccode1, year, conttype): 2 offending row(s)\n"
        "    ccode1=2, ccode2=20, year=1900, conttype=1\n"
        "    ccode1=20, ccode2=2, year=1900, conttype=2"
    ) in message


def test_a_trade_flow_the_other_order_gives_otherwise_fails_the_build(data_dir):
    rows = world_rows()
    # AAA-BBB 1900: flows 10 and 30 in both orders; the BBB-AAA row now puts AAA's at 12.
    # dyad_years reads the AAA-BBB row, so only the mirror image BBB-AAA offends.
    reverse = next(
        row
        for row in rows["cow_trade_directed_dyad_years"]
        if (row["ccode1"], row["ccode2"], row["year"]) == (20, 2, 1900)
    )
    reverse["flow2"] = 12.0
    message = build_failure(data_dir, rows)
    assert (
        "relationships(dyad_years_directed: ccode1, ccode2, year, trade_flow_1, trade_flow_2 -> "
        "stg_cow_trade_flows: ccode1, ccode2, year, flow1, flow2 where trade_flow_1 is not null and ccode1 > ccode2)"
        ": 1 offending row(s)\n    ccode1=20, ccode2=2, year=1900, trade_flow_1=30.0, trade_flow_2=10.0"
    ) in message

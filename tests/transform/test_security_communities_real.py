"""Security communities over the real data (skipped without the offline mirror): the onsets
within the EC/EU and NATO and every case, printed for the notes (`pytest -s` shows them),
and facts of the membership checked against the built tables.

Known facts: in 1990 the German Federal Republic (260) and unified Germany (255) were both
EC and NATO members, but never on a common day (260 ends 2 October, 255 begins 3 October),
so that pair is not joint; the UK and Spain (200, 230) became a joint EC pair in 1986;
Greece and Turkey (350, 640) a joint NATO pair in 1952 and never an EC pair (Turkey is no
member).
"""

from __future__ import annotations

import pytest

from dpeace.database import connect_readonly
from dpeace.report.queries import report_rows

pytestmark = pytest.mark.mirror


@pytest.fixture(scope="module")
def con(real_database):
    connection = connect_readonly(real_database)
    yield connection
    connection.close()


def test_membership_facts_in_the_built_tables(con):
    def flags(ccode1, ccode2, year):
        return con.execute(
            "SELECT joint_ec_eu, joint_nato FROM dyad_years WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
            [ccode1, ccode2, year],
        ).fetchall()

    assert con.execute(
        "SELECT ccode, ec_eu_member, nato_member FROM state_years WHERE year = 1990 AND ccode IN (255, 260) ORDER BY 1"
    ).fetchall() == [(255, True, True), (260, True, True)]
    # The German Federal Republic (260, to 2 October 1990) and united Germany (255, from
    # 3 October) never shared a day: no dyad-year, so no joint membership to count.
    assert flags(255, 260, 1990) == []
    assert con.execute(
        "SELECT count(*) FROM member_pairs_without_common_day WHERE ccode1 = 255 AND ccode2 = 260 AND year = 1990"
    ).fetchall() == [(1,)]
    assert flags(200, 230, 1985) == [(False, True)]  # Spain in NATO from 1982, the EC from 1986
    assert flags(200, 230, 1986) == [(True, True)]
    assert flags(350, 640, 1951) == [(False, False)]
    assert flags(350, 640, 1952) == [(False, True)]
    # EC/EU members at the end of the COW data: 28 (the UK left only in 2020).
    assert con.execute("SELECT count(*) FROM state_years WHERE year = 2016 AND ec_eu_member").fetchall() == [
        (28,)
    ]


def test_onsets_within_each_community_and_every_case(con):
    rates = report_rows(con, "security_community_onset_rates")
    cases = report_rows(con, "security_community_cases")
    print("\nonsets by community and comparison group (MID-covered years from the community's first):")
    for row in rates:
        print(
            f"  {row['community']:6} {row['comparison']:25} dyad-years {row['dyad_years']:>7,}  "
            f"disputes {row['onsets']:>5}  onset-years {row['onset_years']:>5}  "
            f"per 1,000 {row['onsets_per_1000']:6.2f}  force {row['force_onset_years']:>4}  "
            f"fatal {row['fatal_onset_years']:>3}  war {row['war_onset_years']:>3}  "
            f"highest {row['highest_hostility']}  {row['first_year']}-{row['last_year']}"
        )
    print(f"every dispute begun between members ({len(cases)} rows):")
    for case in cases:
        print(
            f"  {case['community']:6} {case['year']}  {case['state_1']} - {case['state_2']}  "
            f"dispute {case['dispnum']}  hostility {case['hostlev']} ({case['hostility']})  "
            f"fatal {case['fatal']}  began {case['dispute_start']}"
        )
    by_group = {(row["community"], row["comparison"]): row for row in rates}
    for community in ("ec_eu", "nato"):
        members = by_group[(community, "both_members")]
        listed = [case for case in cases if case["community"] == community]
        # The cases are the members' disputes one by one: counts and the highest level agree.
        assert len(listed) == members["onsets"]
        assert (
            len({(case["ccode1"], case["ccode2"], case["year"]) for case in listed}) == members["onset_years"]
        )
        assert max((case["hostlev"] for case in listed), default=None) == members["highest_hostility"]
        assert sum(1 for case in listed if case["hostlev"] == 5) >= members["war_onset_years"]
        # The comparison groups hold more dyad-years than the members alone.
        assert by_group[(community, "all_pairs")]["dyad_years"] > members["dyad_years"]

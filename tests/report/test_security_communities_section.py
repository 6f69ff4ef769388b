"""The security-communities section over the community world (tests/transform/community_world.py),
rendered with the report's own template environment.

Worked out by hand from that world (MID covers 1900-1903; dyad-years per year 3, 5, 3, 3,
so 14 in 1900-1903, counting EEE's four with AAA and BBB in 1901-1902; disputes #1 AAA-BBB 1901 hostility 4, no deaths, and #2 BBB-DDD 1903
hostility 2; the only jointly democratic dyad-year is AAA-BBB 1901):
    ec_eu  both members      AAA-CCC 1900, 1901; AAA-BBB 1902, 1903 -> 4 dyad-years, no onset
           other joint dem.  AAA-BBB 1901 (BBB joins only in 1902) -> 1 dyad-year, 1 onset,
                             1000 per 1,000, 1 with force, highest 4
           all pairs         14 dyad-years, 2 onsets -> 142.9 per 1,000, 1 with force, highest 4
    nato   both members      AAA-CCC 1900, 1901; AAA-BBB 1901-1903 -> 5 dyad-years, 1 onset
                             (#1, 1901) -> 200 per 1,000, 1 with force, 0 fatal, 0 war, highest 4
           other joint dem.  none (AAA-BBB 1901 is a NATO pair): the group has no rows
           all pairs         as for ec_eu: 14, 2, 142.9 per 1,000; NATO's 200 is 1.40 times it
    cases  one: NATO 1901 Aland - Bland, dispute 1, hostility 4, not fatal, begun 1901-03-01
"""

from __future__ import annotations

from datetime import date

import pytest

from dpeace.database import connect_readonly
from dpeace.report.queries import report_rows
from dpeace.report.render import template_environment
from dpeace.report.security_communities import security_communities_context
from tests.report.report_html import read_report
from tests.transform.community_world import build_community_world

# Chosen by hand; the formatted values are what formatting.py makes of them.
MODEL = {
    "id": "security_communities",
    "label": "Security communities",
    "description": "The main model with the two community flags.",
    "n": 9,
    "n_events": 2,
    "years": [1900, 1903],
    "controls": ["contiguous", "joint_ec_eu", "joint_nato"],
    "converged": True,
    "separation": False,
    "terms": [
        {
            "term": "const",
            "coef": -2.0,
            "se": 0.5,
            "p": 0.0001,
            "odds_ratio": 0.1353,
            "or_ci_low": 0.05,
            "or_ci_high": 0.36,
        },
        {
            "term": "joint_democracy",
            "coef": -0.5,
            "se": 0.25,
            "p": 0.041,
            "odds_ratio": 0.6065,
            "or_ci_low": 0.3716,
            "or_ci_high": 0.99,
        },
        {
            "term": "contiguous",
            "coef": 1.0,
            "se": 0.5,
            "p": 0.041,
            "odds_ratio": 2.7183,
            "or_ci_low": 1.02,
            "or_ci_high": 7.24,
        },
        {
            "term": "joint_ec_eu",
            "coef": -1.2,
            "se": 0.6,
            "p": 0.041,
            "odds_ratio": 0.3012,
            "or_ci_low": 0.0929,
            "or_ci_high": 0.9763,
        },
        {
            "term": "joint_nato",
            "coef": 0.4,
            "se": 0.8,
            "p": 0.617,
            "odds_ratio": 1.4918,
            "or_ci_low": 0.3112,
            "or_ci_high": 7.1522,
        },
    ],
}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    database = build_community_world(tmp_path_factory.mktemp("community-report"))
    connection = connect_readonly(database)
    yield connection
    connection.close()


def render(context: dict) -> str:
    return template_environment().get_template("_security_communities.html.j2").render(**context)


def test_onset_rates_within_each_community_and_beside_it(con):
    found = [
        (
            r["community"],
            r["comparison"],
            r["dyad_years"],
            r["onset_years"],
            r["onsets"],
            r["onsets_per_1000"],
            r["force_onset_years"],
            r["fatal_onset_years"],
            r["war_onset_years"],
            r["highest_hostility"],
        )
        for r in report_rows(con, "security_community_onset_rates")
    ]
    assert found == [
        ("ec_eu", "both_members", 4, 0, 0, 0.0, 0, 0, 0, None),
        ("ec_eu", "other_jointly_democratic", 1, 1, 1, 1000.0, 1, 0, 0, 4),
        ("ec_eu", "all_pairs", 14, 2, 2, pytest.approx(2000 / 14), 1, 0, 0, 4),
        ("nato", "both_members", 5, 1, 1, 200.0, 1, 0, 0, 4),
        ("nato", "all_pairs", 14, 2, 2, pytest.approx(2000 / 14), 1, 0, 0, 4),
    ]


def test_every_case_is_listed_with_its_dispute_and_hostility(con):
    assert report_rows(con, "security_community_cases") == [
        {
            "community": "nato",
            "year": 1901,
            "ccode1": 2,
            "state_1": "Aland",
            "ccode2": 20,
            "state_2": "Bland",
            "dispnum": 1,
            "hostlev": 4,
            "hostility": "use of force",
            "fatal": False,
            "dispute_start": date(1901, 3, 1),
        },
    ]


def test_the_section_answers_from_the_numbers(con):
    html = render(security_communities_context(con, {"models": [MODEL]}))
    report = read_report(html)
    assert '<section id="security-communities">' in html
    text = report.text
    assert (
        "\u201cdependable expectations of peaceful change\u201d" in text
        and "\u201cinconceivable\u201d" in text
    )
    assert (
        "In 4 dyad-years in which both states were members of the European Communities and Union (1900\u20131903), "
        "no dispute began between members. The EC/EU is, on these data, a community in which disputes stop."
    ) in text
    assert (
        "In 5 dyad-years in which both states were members of NATO (1900\u20131903), 1 dispute began between "
        "members, in 1 dyad-year: 200.0 per 1,000 dyad-years (a year with several onsets counted once). "
        "That is 1.40 times the rate of all pairs (142.9) in the same years. "
        "A dispute begun between members reached the use of force in 1 dyad-year, was fatal in 0 and reached "
        "war in 0; the highest hostility reached was a use of force. "
        "Members began disputes with each other more often than pairs of states in general, in these raw "
        "rates; the model below holds contiguity, power and joint democracy fixed. "
        "Neither disputes nor force stop among NATO members, though none of their disputes reached war."
    ) in text
    assert report.tables["security-community-rates"] == [
        [
            "EC/EU, dyad-years of",
            "Dyad-years",
            "Disputes begun",
            "Years with an onset",
            "per 1,000 dyad-years",
            "with force",
            "fatal",
            "war",
            "Highest hostility at onset",
        ],
        ["Both members", "4", "0", "0", "0.00", "0", "0", "0", "none began"],
        ["Other jointly democratic pairs", "1", "1", "1", "1,000.0", "1", "0", "0", "4 (a use of force)"],
        ["All pairs (members included)", "14", "2", "2", "142.9", "1", "0", "0", "4 (a use of force)"],
        [
            "NATO, dyad-years of",
            "Dyad-years",
            "Disputes begun",
            "Years with an onset",
            "per 1,000 dyad-years",
            "with force",
            "fatal",
            "war",
            "Highest hostility at onset",
        ],
        ["Both members", "5", "1", "1", "200.0", "1", "0", "0", "4 (a use of force)"],
        ["All pairs (members included)", "14", "2", "2", "142.9", "1", "0", "0", "4 (a use of force)"],
    ]
    assert report.tables["security-community-cases"][1:] == [
        ["NATO", "1901", "Aland \u2013 Bland", "1", "4 (use of force)", "no", "1901-03-01"],
    ]


def test_the_section_shows_the_community_coefficients(con):
    report = read_report(render(security_communities_context(con, {"models": [MODEL]})))
    assert report.tables["security-community-model"][1:] == [
        ["Both EC/EU members", "\u22121.200*", "0.600", "0.041", "0.30 (0.09\u20130.98)"],
        ["Both NATO members", "0.400", "0.800", "0.617", "1.49 (0.31\u20137.15)"],
        [
            "Joint democracy (both Polity2 \u2265 6)",
            "\u22120.500*",
            "0.250",
            "0.041",
            "0.61 (0.37\u20130.99)",
        ],
    ]
    assert (
        "Both EC/EU members: odds of an onset 0.30 times those of pairs alike in joint democracy and the controls "
        "but not both members (95% CI 0.09\u20130.98; p = 0.041)."
    ) in report.text
    assert "N = 9 dyad-years, 2 onsets; controls contiguous;" in report.text


def test_the_section_says_what_is_not_tested_and_survives_a_missing_model(con):
    context = security_communities_context(con, {"models": []})
    text = read_report(render(context)).text
    assert "The model results hold no security-communities model" in text
    assert (
        "Trade, migration and other \u201ccommunication\u201d data are not in the data this report uses, so the "
        "claim that security communities grow from communication and shared identity is not tested here, and "
        "nothing is substituted for those data."
    ) in text
    assert (
        context["security_communities"]["caveat"]["title"] == "Security communities: communication not tested"
    )

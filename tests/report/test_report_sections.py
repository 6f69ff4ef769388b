"""The report's sections: linkable ids in the order a referee reads them, the exceptions,
wars, monadic rates and coverage worked out by hand from fixtures/dyad_years.sql, and
sections whose data a build lacks saying so instead of claiming a result."""

from __future__ import annotations

import duckdb
import pytest

from dpeace.report.render import render_report

from report_html import SECTION_IDS, read_report


@pytest.fixture()
def report(fixture_report_html):
    return read_report(fixture_report_html)


def _section_order(report) -> list[str]:
    return [attributes["id"] for tag, attributes in report.tags if tag == "section" and "id" in attributes]


def test_every_section_id_is_present_once_and_in_reading_order(report):
    assert _section_order(report) == SECTION_IDS


def test_the_navigation_links_every_section(report):
    links = [
        attributes["href"] for tag, attributes in report.tags if tag == "a" and tag and "href" in attributes
    ]
    for section in SECTION_IDS:
        assert f"#{section}" in links


def test_provenance_comes_after_all_the_evidence(fixture_report_html):
    html = fixture_report_html
    # the inputs table and the references sit in the appendix, after the caveats
    assert (
        html.index('id="caveats"') < html.index('id="appendix-data"') < html.index('<table class="inputs">')
    )
    assert html.index('id="appendix-data"') < html.index('<h3 id="references">References</h3>')


def test_exceptions_list_every_onset_between_democracies_by_each_measure(report):
    # Polity: (2, 20) 2013, dispute 9001, the pair at war with deaths; both states 10, and
    # 10 the year before (fixtures/dyad_years.sql), no regime change.
    polity = report.tables["exception-list-joint_democracy"]
    assert polity == [
        [
            "Year",
            "Pair",
            "Event",
            "MID dispute(s)",
            "Pair\u2019s hostility that year",
            "Fatal for the pair that year",
            "Pair\u2019s hostility over the dispute",
            "Dispute\u2019s highest hostility",
            "Polity2 that year (year before)",
        ],
        [
            "2013",
            "United States of America \u2013 Canada",
            "onset",
            "9001",
            "5 (war)",
            "yes",
            "5 (war)",
            "5 (war)",
            "10 (10 the year before) / 10 (10 the year before)",
        ],
    ]
    # BMR adds (2, 700) 2014, which Polity cannot judge (Afghanistan has no score)
    bmr = report.tables["exception-list-joint_democracy_bmr"]
    assert [row[:4] for row in bmr[1:]] == [
        ["2013", "United States of America \u2013 Canada", "onset", "9001"],
        ["2014", "United States of America \u2013 Afghanistan no Polity", "onset", "9003"],
    ]
    assert bmr[2][4:] == [
        "3 (display of force)",
        "no",
        "3 (display of force)",
        "3 (display of force)",
        "10 (10 the year before) / \u2014 (\u2014 the year before)",
    ]
    assert report.tables["exception-pairs-joint_democracy_bmr"][1:] == [
        ["United States of America \u2013 Canada", "1", "1", "2013", "5 (war)", "1"],
        ["United States of America \u2013 Afghanistan", "1", "1", "2014", "3 (display of force)", "0"],
    ]
    assert (
        "By Polity (both states Polity2 \u2265 6 (Polity5)): 1 dyad-year in which two democracies began a dispute "
        "with each other, 1 distinct dispute among 1 pair of states; in 0 of them the two took no militarized "
        "action against each other (hostility level 1 between them). Counting what happened between the two in "
        "the year it happened (a dispute's later escalations in the year of their incidents, 0 such dyad-years "
        "more), the pair used force in 1, a state of the pair suffered deaths in 1 and their hostility reached "
        "war in 1. In 0 of all these dyad-years a state of the pair changed regime during the year (marked)."
        in report.text
    )


def test_wars_between_democracies_from_mid_and_cow(report):
    text = report.text
    assert (
        "United States of America \u2013 Canada 2013 (MID 9001; Polity2 10 (10 the year before) / "
        "10 (10 the year before))." in text
    )
    assert report.tables["cow-wars-joint_democracy"] == [
        ["Year", "Pair", "War", "Battle deaths (whole war)", "Polity2 that year (year before)"],
        [
            "2013",
            "United States of America \u2013 Canada",
            "War of the Fixtures (COW #998)",
            "1,500",
            "10 (10 the year before) / 10 (10 the year before)",
        ],
    ]
    # Fixture War II is between Russia and China, not democracies
    assert "Fixture War II" not in text


def test_monadic_rates_per_100_state_years(report):
    assert report.tables["monadic-rates"][1:] == [
        # 4 / 9, 2 / 9, 2 / 9 (fixtures/dyad_years.sql)
        ["Polity", "democracies", "2010\u20132014", "9", "44.44", "44.4%", "22.22", "22.22"],
        # 3 / 6, 1 / 6, 2 / 6
        ["Polity", "other states", "2010\u20132014", "6", "50.00", "50.0%", "16.67", "33.33"],
        # Afghanistan 2014 joins the democracies: 5 / 10, 3 / 10, 2 / 10
        ["BMR", "democracies", "2010\u20132014", "10", "50.00", "50.0%", "30.00", "20.00"],
        ["BMR", "other states", "2010\u20132014", "6", "50.00", "50.0%", "16.67", "33.33"],
    ]
    # 44.44 / 50.00 = 0.89
    assert (
        "By Polity, democracies entered 44.44 disputes per 100 state-years and other states 50.00 (0.89 times"
        in report.text
    )
    models = report.tables["monadic-models"]
    assert "A state's entry into any dispute on its own democracy." in report.text
    assert models[1][0] == "Monadic involvement" and models[1][2:] == [
        "\u22120.250",
        "\u22120.642 to 0.142",
        "0.211",
        "14",
        "7",
        "12.0% (10.0\u201314.5)",
        "20.0% (17.0\u201323.0)",
    ]


def test_coverage_names_the_states_and_the_disputes_lost(report):
    assert report.tables["coverage-states"][1:] == [["Afghanistan", "1", "1", "2014 (never scored)"]]
    assert report.tables["coverage-disputes"][1:] == [
        [
            "United States of America \u2013 Afghanistan",
            "Afghanistan",
            "1",
            "2014",
            "9003",
            "3 (display of force)",
        ]
    ]
    # BMR scores the lost dyad-year (2, 700, 2014) and its onset, between two BMR democracies
    assert (
        "Of the 1 dyad-years the dispute data cover (continuing-dispute years left out, as in the models) without "
        "joint democracy by Polity, Boix, Miller and "
        "Rosato\u2019s measure scores 1, with 1 of their 1 dispute onsets; 1 of those are onsets between two BMR "
        "democracies" in report.text
    )
    assert (
        "The exceptions only BMR can see: United States of America \u2013 Afghanistan (2014)." in report.text
    )


def test_claims_say_what_is_not_tested_and_why(report):
    rows = {row[0]: row[1:] for row in report.tables["claims"][1:]}
    assert rows["\u201cDemocracies rarely fight each other.\u201d"][0] == "yes"
    communication = next(value for key, value in rows.items() if key.startswith("\u201cCommunication"))
    assert communication[0] == "no" and "no measure of communication, trade or migration" in communication[1]
    security = next(value for key, value in rows.items() if key.startswith("\u201cSecurity communities"))
    assert security[0] == "yes"
    # the section's own verdicts: NATO members USA and Canada went to war (dispute 9001)
    assert "Found: EC/EU: not testable; NATO: not even war stops." in security[1]  # nobody in the EC/EU


def test_the_security_communities_partial_is_included_once(report, fixture_report_html):
    # USA-Canada are NATO members in the fixture and fought dispute 9001 in 2013
    assert fixture_report_html.count('id="security-communities"') == 1
    assert report.tables["security-community-cases"][1] == [
        "NATO",
        "2013",
        "United States of America \u2013 Canada",
        "9001",
        "5 (war)",
        "yes",
        "2013-05-01",
    ]


def test_no_published_estimates_are_invented(report):
    assert "No published estimates are shown beside these" in report.text


def test_sections_without_their_data_say_so(report_data, tmp_path):
    # An older build: no war, monadic or BMR columns.
    con = duckdb.connect(str(report_data / "peace.duckdb"))
    try:
        for column in (
            "war_onset",
            "war_name",
            "war_number",
            "war_ongoing",
            "war_battle_deaths",
            "joint_democracy_bmr",
            "joint_ec_eu",
            "joint_nato",
        ):
            con.execute(f"ALTER TABLE dyad_years DROP COLUMN {column}")
        for column in ("mid_entered", "mid_initiated", "war_entered", "war_ongoing", "bmr_democracy"):
            con.execute(f"ALTER TABLE state_years DROP COLUMN {column}")
    finally:
        con.close()
    report = read_report(render_report(tmp_path / "older.html").read_text(encoding="utf-8"))
    assert _section_order(report) == SECTION_IDS
    text = report.text
    assert "The COW war columns are not in this build" in text
    assert "the monadic analysis is not in this report" in text
    assert "(Boix, Miller and Rosato) is not in this build" in text
    assert "The specification curve is not in this build" in text
    assert "The security-community analysis (EC/EU and NATO membership) is not in this build" in text
    claims = {row[0][:12]: row[1] for row in report.tables["claims"][1:]}
    assert claims["\u201cThey have f"] == "no" and claims["\u201cSecurity co"] == "no"
    assert "exception-list-joint_democracy_bmr" not in report.tables
    assert report.tables["exception-list-joint_democracy"][1][0] == "2013"
    # and the verdict claims no war count it cannot know
    assert "The COW war data record" not in text


@pytest.mark.parametrize(
    ("significant_main", "status", "headline_part"),
    [
        # issue 12's hand-made curve: 3 of its 5 fitted specifications negative and significant (60%)
        (
            True,
            "holds",
            "Rarely: two democracies began a war with each other in 250.0 of every 1,000 dyad-years, against "
            "166.7 for other pairs, and a militarized dispute in 250.0, 0.62 times the rate of other pairs (400.0); "
            "with controls, significantly fewer under dyadic-robust errors in 60% of the curve's 5 maximum-likelihood fits.",
        ),
        # the same curve with positions 1 and 2 not significant: 1 of 5 (20%); the main model is unchanged
        (False, "fragile", "Less often in the main model, but not robustly: two democracies began"),
    ],
)
def test_the_specification_curve_sets_the_verdicts_strength(
    report_data, tmp_path, significant_main, status, headline_part
):
    import copy
    import json

    from tests.report.test_robustness_section import DOCUMENT

    curve = copy.deepcopy(DOCUMENT)
    if not significant_main:
        for row in curve["specifications"][:2]:
            row["p"] = 0.5
    (report_data / "specification_curve.json").write_text(json.dumps(curve), encoding="utf-8")
    html = render_report(tmp_path / "curve.html").read_text(encoding="utf-8")
    report = read_report(html)
    assert f'class="verdict {status}"' in html
    assert headline_part in report.text
    assert html.count('id="robustness"') == 1
    assert "Robustness: the choices crossed" in report.text
    assert "which is not in this build" not in report.text


def test_small_monadic_or_directed_probabilities_read_per_1000():
    from dpeace.report.monadic import monadic_models

    model = {
        "label": "Directed initiation",
        "table": "dyad_years_directed",
        "democracy_term": "joint_democracy",
        "n": 10,
        "n_events": 1,
        "terms": [],
        # 0.00052 is 0.52 per 1,000; 0.0001 is 0.10 per 1,000
        "effects": {
            "p_democratic": {"estimate": 0.00052, "ci_low": 0.0004, "ci_high": 0.00066},
            "p_other": {"estimate": 0.0001, "ci_low": 0.00005, "ci_high": 0.0002},
        },
    }
    (row,) = monadic_models([model])
    assert row["p_democratic"] == "0.52 per 1,000 (0.40\u20130.66)"
    # Two significant digits below 1 per 1,000: 0.05 prints as 0.050, not 0.05.
    assert row["p_other"] == "0.10 per 1,000 (0.050\u20130.20)"
    assert row["coef"] == "\u2014"


def test_a_wide_battery_is_cut_into_even_parts_with_their_own_labels():
    from dpeace.report.tables import regression_parts

    def cell(coef):
        return {"coef": coef, "se": "(0.1)" if coef else ""}

    # 14 models -> 2 parts of 7; the term only model 12 has appears in the second part alone
    table = {
        "columns": [{"number": f"({i})"} for i in range(1, 15)],
        "term_rows": [
            {"label": "Joint democracy", "cells": [cell("-0.8") for _ in range(14)]},
            {"label": "Both EC/EU members", "cells": [cell("-2.7" if i == 11 else "") for i in range(14)]},
        ],
        "statistic_rows": [{"label": "N", "cells": [str(i) for i in range(1, 15)]}],
    }
    first, second = regression_parts(table)
    assert [c["number"] for c in first["columns"]] == [f"({i})" for i in range(1, 8)]
    assert [row["label"] for row in first["term_rows"]] == ["Joint democracy"]
    assert [row["label"] for row in second["term_rows"]] == ["Joint democracy", "Both EC/EU members"]
    assert second["statistic_rows"][0]["cells"] == [str(i) for i in range(8, 15)]
    # 10 models stay one table
    table["columns"] = table["columns"][:10]
    for row in table["term_rows"] + table["statistic_rows"]:
        row["cells"] = row["cells"][:10]
    assert len(regression_parts(table)) == 1

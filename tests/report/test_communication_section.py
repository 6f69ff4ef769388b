"""The communication claim over the community world (tests/transform/community_world.py),
whose trade and IGO rows are those of tests/transform/world.py, with the answers worked out
by hand:

    joint pairs   EC/EU: AAA-CCC from 1900 (1900-1901), AAA-BBB from 1902 (1902-1905)
                  NATO:  AAA-CCC from 1900 (1900-1901), AAA-BBB from 1901 (1901-1905),
                         AAA-DDD and BBB-DDD from 1905 (DDD joined on 31 December)
    the year's    trade dependence: only AAA-BBB 1900 is known (0.04), so that year's
    levels       median is 0.04 and the pair's relative dependence 1.0; shared IGOs:
                  only AAA-BBB 1900 (3) and 1901 (4), each its year's mean: 0 above it
    EC/EU  10-1 years before: AAA-BBB 1900-1901 -> 1 pair, 2 dyad-years, trade 1 (1.0), IGOs 2 (0)
           joint members: 2 + 4 = 6 dyad-years of 2 pairs, none with trade or IGO data
    NATO   10-1 years before: AAA-BBB 1900, AAA-DDD and BBB-DDD 1903-1904 -> 3 pairs, 5 dyad-years,
           trade 1 (1.0), IGOs 1 (0)
           joint members: AAA-CCC 2, AAA-BBB 5, AAA-DDD 1, BBB-DDD 1 = 9 of 4 pairs; IGOs 1 (1901: 0)
"""

from __future__ import annotations

import pytest

from dpeace.database import connect_readonly
from dpeace.report.claims import claims
from dpeace.report.communication import communication_context, survival, trend_sentences
from dpeace.report.queries import report_rows
from dpeace.report.render import template_environment
from tests.transform.community_world import build_community_world


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    database = build_community_world(tmp_path_factory.mktemp("communication"))
    connection = connect_readonly(database)
    yield connection
    connection.close()


def test_trade_and_igos_before_and_within_joint_membership(con):
    found = [
        (
            r["community"],
            r["period_order"],
            r["pairs"],
            r["dyad_years"],
            r["with_trade"],
            r["median_dependence_relative"],
            r["with_igos"],
            r["mean_igos_above_year_mean"],
        )
        for r in report_rows(con, "communication_in_communities")
    ]
    assert found == [
        ("EC/EU", 2, 1, 2, 1, pytest.approx(1.0), 2, pytest.approx(0.0)),
        ("EC/EU", 3, 2, 6, 0, None, 0, None),
        ("NATO", 2, 3, 5, 1, pytest.approx(1.0), 1, pytest.approx(0.0)),
        ("NATO", 3, 4, 9, 0, None, 1, pytest.approx(0.0)),
    ]


def _rows(community, dependence, igos):
    return [
        {
            "community": community,
            "period_order": order,
            "median_dependence_relative": d,
            "mean_igos_above_year_mean": i,
        }
        for order, d, i in zip((1, 2, 3), dependence, igos)
    ]


def test_trend_sentences_say_what_rose():
    rows = _rows("EC/EU", (2.0, 3.0, 5.0), (1.0, 2.0, 4.0)) + _rows("NATO", (2.0, 1.5, 5.0), (1.0, 2.0, 3.0))
    first, second = trend_sentences(rows)
    assert first.startswith("EC/EU: both rose") and "2, 3 and 5 times" in first
    assert second.startswith("NATO: shared IGOs rose, trade dependence did not rise throughout")
    # A community without all three periods (as in the community world) gets no sentence.
    assert trend_sentences(_rows("NATO", (2.0, 3.0), (1.0, 2.0))) == []


def _results(kantian_coef, kantian_p):
    def model(model_id, coef, p, n):
        return {
            "id": model_id,
            "democracy_term": "joint_democracy",
            "n": n,
            "years": [1870, 2014],
            "terms": [{"term": "joint_democracy", "coef": coef, "se": 0.2, "p": p}],
        }

    return {
        "main_model": "joint_democracy",
        "models": [
            model("joint_democracy", -1.0, 0.001, 1000),
            model("kantian_peace", kantian_coef, kantian_p, 800),
        ],
    }


def test_the_joint_democracy_effect_survives_trade_and_igos_or_not():
    held = survival(_results(-1.2, 0.0001))
    assert held["survives"] and held["sentence"].endswith("survives them.")
    assert "N = 800 dyad-years from 1870" in held["sentence"]
    lost = survival(_results(-0.1, 0.4))
    assert not lost["survives"] and "does not survive them" in lost["sentence"]
    assert survival({"main_model": "joint_democracy", "models": []}) is None


def test_the_claim_is_tested_when_the_data_hold_trade_and_igos(con):
    communication = communication_context(con, _results(-1.2, 0.0001))
    row = claims({}, None, communication)[-1]
    assert row["claim"].startswith("Communication") and row["tested"] is True
    assert "survives them." in row["test"] and row["links"] == [("communication", "Communication")]
    untested = claims({}, None, None)[-1]
    assert untested["tested"] is False and untested["test"].startswith("Not tested here")
    html = template_environment().get_template("_communication.html.j2").render(communication=communication)
    assert 'id="communication"' in html and "What this can and cannot show" in html
    # The community world's rows as the table shows them: the unknown median as a dash.
    assert html.count("<tr><td>EC/EU</td>") == 2 and "\u2013" in html

"""The report's SQL files return the numbers worked out by hand in fixtures/dyad_years.sql."""

from __future__ import annotations

import pytest

from dpeace.database import connect_readonly
from dpeace.report.queries import report_rows


@pytest.fixture()
def con(report_data):
    connection = connect_readonly(report_data / "peace.duckdb")
    yield connection
    connection.close()


def test_onset_rates_by_joint_democracy(con):
    rows = {r["democracy_status"]: r for r in report_rows(con, "onset_rates_by_joint_democracy")}
    assert set(rows) == {"jointly_democratic", "not_jointly_democratic", "unknown"}
    # the continuing year (2, 365, 2012) is left out, as the main model leaves it out
    assert (rows["jointly_democratic"]["dyad_years"], rows["jointly_democratic"]["onsets"]) == (4, 1)
    assert (rows["not_jointly_democratic"]["dyad_years"], rows["not_jointly_democratic"]["onsets"]) == (5, 2)
    assert (rows["unknown"]["dyad_years"], rows["unknown"]["onsets"]) == (1, 1)
    assert rows["not_jointly_democratic"]["onsets_per_1000"] == pytest.approx(1000 * 2 / 5)
    assert rows["jointly_democratic"]["first_year"] == 2011


def test_onset_rates_by_decade(con):
    rows = report_rows(con, "onset_rates_by_decade")
    assert [(r["decade"], r["joint_democracy"], r["dyad_years"], r["onsets"]) for r in rows] == [
        (2010, False, 6, 2),
        (2010, True, 4, 1),
    ]


def test_joint_democracy_share_by_year(con):
    rows = report_rows(con, "joint_democracy_share_by_year")
    assert [r["year"] for r in rows] == list(range(2010, 2017))
    assert [r["share_jointly_democratic"] for r in rows] == pytest.approx([0, 0.5, 0.5, 0.5, 1 / 3, 1, 1])
    assert rows[4]["dyad_years"] == 4 and rows[4]["dyad_years_known"] == 3


def test_sample_funnel(con):
    (funnel,) = report_rows(con, "sample_funnel")
    assert funnel == {
        "all_dyad_years": 13,
        "first_year": 2010,
        "last_year": 2016,
        "with_mid_coverage": 11,
        "coverage_first_year": 2010,
        "coverage_last_year": 2014,
        "continuing_dispute_years": 1,
        "without_continuing_disputes": 10,
        "with_known_democracy": 9,
    }

"""The rendered report shows the numbers worked out by hand from the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from dpeace.report.render import render_report

from report_html import read_report

MINUS = "\u2212"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture()
def report(fixture_report_html):
    return read_report(fixture_report_html)


def test_default_output_is_the_reports_folder(report_data, tmp_path):
    # conftest points DPEACE_REPORTS at tmp_path/reports
    assert render_report() == tmp_path / "reports" / "democratic_peace.html"
    assert (tmp_path / "reports" / "democratic_peace.html").stat().st_size > 10_000


def test_verdict_gives_onset_rates_computed_by_hand(report):
    # Wars lead (the claim as the theory makes it): 4 jointly democratic dyad-years, 1 war
    # onset (250 per 1,000); others (2, 365) 2010-2014 and (365, 710) 2014: 6, 1 war (166.7).
    # Disputes, without the continuing year (2, 365, 2012): 4 jointly democratic dyad-years,
    # 1 onset (250 per 1,000); 5 others, 2 onsets (400); 250 / 400 = 0.625, printed 0.62
    # (fixtures/dyad_years.sql)
    assert (
        "Rarely: two democracies began a war with each other in 250.0 of every 1,000 dyad-years, against "
        "166.7 for other pairs, and a militarized dispute in 250.0, 0.62 times the rate of other pairs (400.0)."
    ) in report.text
    assert (
        "Over 2010\u20132014, pairs of democracies had a dispute onset in 1 of 4 dyad-years (250.0 per 1,000), "
        "all other pairs with known scores in 2 of 5 (400.0 per 1,000): 0.62 times the rate. "
        "These 9 dyad-years are the main model's sample."
    ) in report.text


def test_verdict_counts_disputes_and_names_the_war(report):
    text = report.text
    assert (
        "Counted as disputes rather than dyad-years: 1 distinct dispute between 1 pair of democracies" in text
    )
    assert (
        "The claim is about war: the COW war data record 1 war fought between two democracies (by Polity): "
        "War of the Fixtures (2013). Over 2011\u20132014, pairs of democracies began a war with each other in 1 of "
        "4 dyad-years (250.0 per 1,000), all other pairs with known scores in 1 of 6 (166.7 per 1,000)"
        in text
    )


def test_verdict_gives_main_estimate_and_strength_without_a_curve(report):
    text = report.text
    assert (
        f"is {MINUS}0.912 (95% CI {MINUS}1.365 to {MINUS}0.459; odds ratio 0.40, 0.26\u20130.63; p < 0.001)"
        in text
    )
    assert "N = 9 dyad-years, 2 with an onset" in text
    assert (
        "which is not in this build. Of the battery's dyad-year models, 9 of the 10 find fewer disputes between "
        "democracies at p < 0.05" in text
    )
    # the one model whose democracy term is not negative and significant: era_pre1945
    assert f"the others: Before 1945 ({MINUS}0.300, p = 0.505)" in text
    assert (
        "1.20 per 1,000 (0.70\u20131.90) if both are democracies and 3.00 per 1,000 (2.60\u20133.50)" in text
    )
    assert "for neighbours, at 7.50 per 1,000 (4.60\u201311.8) and 18.6 per 1,000 (16.0\u201321.5)" in text


def test_cross_table_of_joint_democracy_by_onset(report):
    assert report.tables["cross-table"] == [
        ["Dyad-years", "No onset", "Onset", "Total", "Onsets per 1,000"],
        ["Jointly democratic", "3", "1", "4", "250.0"],
        ["Not jointly democratic", "3", "2", "5", "400.0"],
        ["Unknown (a Polity score missing)", "0", "1", "1", "1,000.0"],
        ["All dyad-years", "6", "4", "10", "400.0"],
    ]


def test_sample_funnel_from_all_dyad_years_to_each_model(report):
    assert report.tables["funnel"] == [
        ["All dyad-years of COW member states, 2010\u20132016", "13"],
        ["Years the dispute data cover, 2010\u20132014", "11"],
        ["Without the years in which a dispute begun earlier was still going on (1 dropped)", "10"],
        ["With a Polity score for both states (joint democracy known)", "9"],
        ["The main model's sample (Joint democracy + controls): every control known", "9"],
    ]
    rows = {row[0]: row for row in report.tables["model-funnel"][1:]}
    assert len(rows) == 10  # the dyadic battery; the monadic model is under Monadic
    assert rows["Joint democracy + controls"][4:] == ["10", "1", "9", "2"]
    assert rows["Ongoing years kept"][3:] == ["kept", "11", "1", "10", "2"]
    assert "The main model\u2019s N is 9 dyad-years wherever this report gives it." in report.text


def test_inputs_table_lists_every_fetched_file_with_checksum(report):
    provenance = json.loads((FIXTURES / "provenance.json").read_text(encoding="utf-8"))["files"]
    rows = {row[0]: row for row in report.tables["inputs"][1:]}
    assert set(rows) == set(provenance)
    mida = rows["mida"]
    assert mida[1] == "COW Militarized Interstate Disputes (MID), 5.0 Correlates of War Project"
    assert "member MIDA 5.0.csv" in mida[2]
    assert mida[3] == "mirror copy of the official URL"
    assert mida[4] == "2,436"
    assert mida[5] == provenance["mida"]["sha256"]
    # Polity came as the CSV export beside the official .xls: both addresses are shown,
    # and the mirror held that CSV under its own official path
    assert rows["polity"][2] == (
        "https://www.systemicpeace.org/inscr/p5v2018.xls "
        "taken in its alternative form https://www.systemicpeace.org/inscr/p5v2018.csv"
    )
    assert rows["polity"][3] == "mirror copy of the official URL"


def test_citations_once_per_dataset(report, fixture_report_html):
    text = report.text
    # Once in the references, once in the BibTeX block beneath them.
    assert text.count("The MID5 Dataset, 2011-2014") == 2
    bibtex = fixture_report_html[fixture_report_html.index('<pre class="bibtex"') :]
    assert bibtex.count("The MID5 Dataset, 2011-2014") == 1
    assert "Marshall, Monty G., and Ted Robert Gurr. 2020. Polity5" in text


def test_every_method_cited_in_the_text_is_in_the_references(report, fixture_report_html):
    text = report.text
    references = text[text.index("Methods and ideas cited in the text") :]
    for cited, listed in (
        ("King and Zeng 2001", "King, Gary, and Langche Zeng. 2001."),
        ("Carter and Signorino 2010", "Carter, David B., and Curtis S. Signorino. 2010."),
    ):
        assert cited in text and listed in references
    assert "@article{king2001logistic," in fixture_report_html
    assert "could not be read where this report was made" not in text


def test_regression_table_marks_significance_and_shows_fit(report):
    table = report.tables["regression"]
    header = table[0]
    assert header[3] == "(3) Joint democracy + controls (main)"
    coefficients = next(row for row in table if row[0] == "Joint democracy (both Polity2 \u2265 6)")
    assert coefficients[1:] == [
        f"{MINUS}1.200***",
        "",
        f"{MINUS}0.912***",
        f"{MINUS}0.800**",
        f"{MINUS}0.300",
        f"{MINUS}1.050***",
        f"{MINUS}1.100***",
        f"{MINUS}1.600**",
        f"{MINUS}0.850***",
        f"{MINUS}0.900***",
    ]
    standard_errors = table[table.index(coefficients) + 1]
    assert standard_errors[2] == "(0.231)" and standard_errors[1] == ""
    # peace years per decade: the cubic term of t/10 is 1,000 times that of t (-0.000028 -> -0.028),
    # its standard error likewise (0.000006 -> 0.006)
    cubic = next(row for row in table if row[0] == "(Peace years / 10)\u00b3")
    assert cubic[3] == f"{MINUS}0.028***"
    assert table[table.index(cubic) + 1][2] == "(0.006)"
    linear = next(row for row in table if row[0] == "Peace years / 10")
    assert linear[3] == f"{MINUS}1.800***"  # 10 x -0.18
    assert not any(row[0] == "Peace years\u00b3" for row in table)
    statistics = {row[0]: row[1:] for row in table if len(row) == 11}
    assert statistics["N (dyad-years)"][4] == "4"
    assert statistics["Onsets"][2] == "2"
    assert statistics["Log-likelihood"][2] == f"{MINUS}818.5"
    assert statistics["Estimator"][9] == "Firth logit"


def test_predicted_probability_table(report):
    assert report.tables["predicted"][1] == [
        "Joint democracy + controls",
        "typical pair",
        "1.20 (0.70\u20131.90)",
        "3.00 (2.60\u20133.50)",
        "0.40 (0.25\u20130.63)",
        "contiguous = 0, capability ratio (log) = 1.92, major power in the pair = 0, peace years = 24, "
        "peace years\u00b2 = 576, peace years\u00b3 = 13,824",
    ]
    # the same pair made neighbours (fixture effects.contiguous)
    assert report.tables["predicted"][2][:5] == [
        "Joint democracy + controls",
        "contiguous pair",
        "7.50 (4.60\u201311.8)",
        "18.6 (16.0\u201321.5)",
        "0.40 (0.25\u20130.64)",
    ]
    assert report.tables["predicted"][2][5] == "as the typical pair, but contiguous = 1"


def test_caveats_name_coverage_threshold_dependence_rare_events_alliances_and_mirror(report):
    text = report.text
    assert "The dispute data (MID 5.0) end in 2014 and Polity5 (p5v2018) in 2018" in text
    assert "\u201cJoint democracy\u201d means both states score at least 6 on Polity2" in text
    assert "Temporal dependence" in text and "cluster standard errors by dyad" in text
    # 1 + 2 onsets in 4 + 5 dyad-years of known status: 3 / 9 = 33.33%
    assert (
        "Dispute onsets are rare: 3 in 9 dyad-years of known democracy status (33.33%), of which 1 between"
        in text
    )
    assert "the main model controls for defence pacts from ATOP 5.1" in text
    assert "The mirror was used: 11 of 11 files were fetched from file:///work/shared/mirror" in text


def test_coverage_caveat_lists_what_each_measure_leaves_unscored(report):
    # fixtures/dyad_years.sql: the dyad-level measures' own rows, fewest unscored first;
    # the state-year row and the row counting BMR within Polity's gaps are not shown.
    assert report.tables["coverage-by-measure"] == [
        ["measure", "what is counted", "dyad-years unscored", "share", "onsets unscored"],
        ["joint_democracy_vdem", "Dyad-years with a V-Dem verdict", "0", "0.0%", "0 of 4"],
        ["joint_democracy", "Dyad-years with a Polity verdict", "1", "7.7%", "1 of 4"],
    ]


def test_footer_names_command_commit_versions_and_configuration(report):
    text = report.text
    assert "Made by dpeace report from git commit" in text
    footer_tables = [
        rows for name, rows in report.tables.items() if rows and rows[0][0] in ("Software", "Configuration")
    ]
    software = {row[0] + "/" + row[2]: row[1] for row in footer_tables[0][1:]}
    assert software["statsmodels/model"] == "0.14.4"  # from the results file, not this machine
    assert "python/report" in software and "matplotlib/report" in software
    configuration = {row[0]: row[1] for row in footer_tables[1][1:]}
    assert configuration["Joint democracy threshold"] == "both states' polity2 \u2265 6"
    assert configuration["Data fetched from"] == "file:///work/shared/mirror"


def test_no_timestamp_unless_source_date_epoch(report_data, tmp_path, monkeypatch):
    plain = render_report(tmp_path / "plain.html").read_text(encoding="utf-8")
    assert " UTC" not in plain
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    dated = render_report(tmp_path / "dated.html").read_text(encoding="utf-8")
    assert "on 1970-01-02 00:00 UTC" in dated


def test_threshold_is_the_one_the_build_used(report_data):
    # A build with a stricter democracy threshold: the report states 7, not a constant.
    con = duckdb.connect(str(report_data / "peace.duckdb"))
    try:
        con.execute("UPDATE analysis_settings SET value = '7' WHERE setting = 'joint_democracy_threshold'")
    finally:
        con.close()
    text = read_report(render_report().read_text(encoding="utf-8")).text
    assert "\u201cJoint democracy\u201d means both states score at least 7 on Polity2" in text
    assert "both states' polity2 \u2265 7" in text

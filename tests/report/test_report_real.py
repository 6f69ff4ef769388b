"""The report over the real data (fetched from the mirror, built and modelled once per session)."""

from __future__ import annotations

import json

import pytest

from dpeace.report import formatting
from dpeace.report.render import render_report

from report_html import SECTION_IDS, read_report

pytestmark = pytest.mark.mirror


@pytest.fixture(scope="module")
def real_report(real_model_results, tmp_path_factory):
    folder = tmp_path_factory.mktemp("real-report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(real_model_results.parent))
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        first = render_report(folder / "first.html")
        second = render_report(folder / "second.html")
    results = json.loads(real_model_results.read_text(encoding="utf-8"))
    return results, first.read_bytes(), second.read_bytes()


def test_real_report_is_deterministic(real_report):
    _, first, second = real_report
    assert first == second


def test_real_report_carries_the_stored_results(real_report):
    results, html, _ = real_report
    report = read_report(html.decode("utf-8"))
    main = next(m for m in results["models"] if m["id"] == results["main_model"])
    term = next(t for t in main["terms"] if t["term"] == main["democracy_term"])
    assert (
        f"is {formatting.coefficient(term['coef'])} (95% CI {formatting.interval(term['ci_low'], term['ci_high'])}"
        in report.text
    )
    # The battery may be cut into parts (each "regression" table's rows are read into one list).
    statistics = {"N (dyad-years)": [], "Onsets": []}
    for row in report.tables["regression"]:
        if row and row[0] in statistics:
            statistics[row[0]] += row[1:]
    # The battery table holds the dyadic models; the monadic and directed ones are under Monadic.
    dyadic = [m for m in results["models"] if m.get("table", "dyad_years") == "dyad_years"]
    assert statistics["N (dyad-years)"] == [formatting.integer(m["n"]) for m in dyadic]
    assert statistics["Onsets"] == [formatting.integer(m["n_events"]) for m in dyadic]
    monadic = [row[5] for row in report.tables["monadic-models"][1:]]
    assert monadic == [formatting.integer(m["n"]) for m in results["models"] if m not in dyadic]
    # One N for the main model: the verdict, the funnel's last step and the battery table agree.
    assert f"N = {formatting.integer(main['n'])} dyad-years" in report.text
    assert report.tables["funnel"][-1][1] == formatting.integer(main["n"])
    for section in SECTION_IDS:
        assert f'id="{section}"' in html.decode("utf-8")
    # A header row, then one row per registry file.
    from dpeace.fetch.registry import all_files, load_registry

    assert len(report.tables["inputs"]) == 1 + len(all_files(load_registry()))
    assert len(report.images) == 4
    funnel = report.tables["funnel"]
    assert funnel[0][1] == formatting.integer(results["dyad_years_total"])


def test_security_communities_expected_against_observed_on_the_real_data(real_model_results):
    """Prints each community's expected and observed disputes, uses of force and wars (run
    with -s); the EC/EU's record is far below what the models expect for pairs like its
    members, while zero wars where under one was expected is no evidence either way."""
    import duckdb

    from dpeace.report.community_expectations import community_expectations, flag_support

    results = json.loads(real_model_results.read_text(encoding="utf-8"))
    con = duckdb.connect(str(real_model_results.parent / "peace.duckdb"), read_only=True)
    try:
        found = community_expectations(con, results)
        support = flag_support(con, "security_communities")
    finally:
        con.close()
    print(
        "\ncommunity  outcome        model            dyad_years  expected  observed  dyads  P(<= observed)"
    )
    for row in found:
        print(
            f"{row['community']:<10} {row['outcome']:<14} {row['model_id']:<16} {row['dyad_years']:>10}"
            f"  {row['expected']:>8.2f}  {row['observed']:>8}  {row['observed_dyads']:>5}  {row['p_at_most']:.3g}"
        )
    print(f"community flags of the security_communities model rest on (onsets, dyads): {support}")
    by_key = {(row["community"], row["outcome"]): row for row in found}
    eu_disputes, eu_force, eu_wars = (by_key[("ec_eu", o)] for o in ("disputes", "uses of force", "wars"))
    # Measured on the real data: about 42 disputes and 18 uses of force expected, 4 and 0
    # observed; about 0.6 wars expected, none observed.
    assert eu_disputes["expected"] > 30 and eu_disputes["observed"] < 10 and eu_disputes["p_at_most"] < 0.001
    assert eu_force["expected"] > 10 and eu_force["observed"] == 0 and eu_force["p_at_most"] < 0.001
    assert eu_wars["expected"] < 1 and eu_wars["observed"] == 0 and eu_wars["p_at_most"] > 0.3
    # The EC/EU flag rests on the four UK-Spain onsets: one dyad.
    assert support["joint_ec_eu"][1] == 1

"""The battery on the real data (skipped when the offline mirror is absent)."""

from __future__ import annotations

import json

import duckdb
import pytest

pytestmark = pytest.mark.mirror

MAIN_MODELS = (
    "bivariate",
    "weak_link",
    "joint_democracy",
    "joint_democracy_bmr",
    "politically_relevant",
    "keep_ongoing",
    "firth_joint_democracy",
)


@pytest.fixture(scope="module")
def real_results(real_model_results) -> dict:
    return json.loads(real_model_results.read_text())


def model(results, model_id) -> dict:
    return next(entry for entry in results["models"] if entry["id"] == model_id)


def democracy_coefficient(entry) -> float:
    return next(term["coef"] for term in entry["terms"] if term["term"] == entry["democracy_term"])


def test_the_whole_battery_is_fitted_on_mid_coverage(real_results):
    assert [entry["id"] for entry in real_results["models"]] == [
        "bivariate",
        "weak_link",
        "joint_democracy",
        "joint_democracy_bmr",
        "politically_relevant",
        "era_pre1945",
        "era_post1945",
        "force_onset",
        "fatal_onset",
        "keep_ongoing",
        "firth_joint_democracy",
        "security_communities",
        "kantian_peace",
        "capitalist_peace",
        "territorial_peace",
        "dangerous_dyads",
        "joint_democracy_vdem",
        "joint_democracy_uds",
        "quickuds_weak_link",
        "joint_democracy_lag",
        "gml_onset",
        "war_onset",
        "originator_onset",
        "directed_initiation",
        "monadic_involvement",
        "monadic_war",
    ]
    for entry in real_results["models"]:
        assert entry["n"] == entry["n_sample"] - entry["n_dropped_missing"] > 0
        assert 0 < entry["n_events"] < entry["n"]
        assert 1816 <= entry["years"][0] and entry["years"][1] <= 2014  # MID 5.0 coverage
    main = model(real_results, "joint_democracy")
    assert model(real_results, "keep_ongoing")["n"] > main["n"]
    assert model(real_results, "politically_relevant")["n"] < main["n"]
    # BMR scores most of the small states Polity leaves out.
    assert model(real_results, "joint_democracy_bmr")["n"] > main["n"]
    assert model(real_results, "era_pre1945")["n"] + model(real_results, "era_post1945")["n"] == main["n"]
    assert (
        model(real_results, "fatal_onset")["n_events"]
        < model(real_results, "force_onset")["n_events"]
        <= main["n_events"]
    )


def test_the_main_models_converge_with_the_expected_signs(real_results):
    for model_id in MAIN_MODELS:
        entry = model(real_results, model_id)
        assert entry["converged"] and not entry["separation"], (model_id, entry["warnings"])
        assert democracy_coefficient(entry) < 0, model_id
    effects = model(real_results, "joint_democracy")["effects"]
    assert effects["ratio"]["estimate"] < 1
    assert effects["ratio"]["ci_low"] < effects["ratio"]["estimate"] < effects["ratio"]["ci_high"]


def test_the_conflict_record_models(real_results):
    # Measured 2026-11-28 (README): war onset -3.16 (SE 0.72; -2.85 once the Dyadic MIDs
    # decide which pairs fought, 2026-12-05), originators only -0.54,
    # directed initiation -0.99; monadic polity2 -0.001 (disputes) and -0.016 (wars).
    for model_id in ("war_onset", "originator_onset", "directed_initiation"):
        entry = model(real_results, model_id)
        assert entry["converged"] and not entry["separation"], (model_id, entry["warnings"])
        assert democracy_coefficient(entry) < 0, model_id
    assert model(real_results, "war_onset")["years"][1] <= 2007  # the war data's coverage
    directed = model(real_results, "directed_initiation")
    assert (
        directed["table"] == "dyad_years_directed"
        and directed["n"] > 2 * model(real_results, "joint_democracy")["n"] - 10
    )
    monadic = model(real_results, "monadic_involvement")
    assert monadic["table"] == "state_years" and monadic["se_type"] == "clustered by state"
    assert monadic["n_clusters"] < 250  # states, not dyads


def test_the_database_tables_match_the_json(real_results, real_database):
    con = duckdb.connect(str(real_database), read_only=True)
    try:
        coef = con.execute(
            "SELECT coef FROM model_terms WHERE model_id = 'joint_democracy' AND term = 'joint_democracy'"
        ).fetchone()[0]
        count = con.execute("SELECT count(*) FROM model_results").fetchone()[0]
    finally:
        con.close()
    assert coef == democracy_coefficient(model(real_results, "joint_democracy"))
    assert count == len(real_results["models"])


def test_the_main_model_by_error_era_and_dyad_fixed_effects(real_results):
    """Printed for the notes (pytest -s): the main model under both errors, by era, with dyad effects."""
    main = model(real_results, "joint_democracy")
    term = next(t for t in main["terms"] if t["term"] == "joint_democracy")
    errors = term["standard_errors"]
    assert term["se"] == errors["dyadic_robust"] and errors["clustered"] > 0
    print(
        f"\nmain model: joint_democracy {term['coef']:+.3f}, dyadic-robust SE {errors['dyadic_robust']:.3f} "
        f"(p {term['p']:.3g}), clustered by dyad SE {errors['clustered']:.3f}"
    )
    eras = real_results["eras"]
    assert [era["id"] for era in eras] == ["1816_1913", "1919_1938", "1946_1989", "1990_on"]
    assert all(era["fitted"] for era in eras)
    # the eras leave out the world wars, so their rows are fewer than the main model's
    assert sum(era["n"] for era in eras) < main["n"]
    for era in eras:
        print(
            f"  era {era['label']:>22}: {era['estimate']:+.3f} (dyadic-robust SE {era['se']:.3f}, p {era['p']:.3g}; "
            f"clustered SE {era['se_dyad_clustered']:.3f}, p {era['p_dyad_clustered']:.3g}), N {era['n']}, "
            f"onsets {era['n_events']}"
        )
    fixed = real_results["fixed_effects"]
    assert fixed["fitted"] and fixed["n_sample"] == main["n"]
    assert fixed["n"] + fixed["dyad_years_discarded"] == main["n"]
    assert fixed["n_dyads"] + fixed["dyads_discarded"] == main["n_clusters"]
    assert 0 < fixed["n_events"] <= main["n_events"]  # only a dyad with an onset every year loses its onsets
    print(
        f"  dyad fixed effects: {fixed['estimate']:+.3f} (dyadic-robust SE {fixed['se']:.3f}, p {fixed['p']:.3g}; "
        f"clustered SE {fixed['se_dyad_clustered']:.3f}), {fixed['n_dyads']} dyads and {fixed['n']} dyad-years "
        f"kept, {fixed['dyads_discarded']} dyads and {fixed['dyad_years_discarded']} dyad-years discarded; "
        f"absorbed: {', '.join(fixed['dropped'])}"
    )


# The rival-explanation models' democracy estimates as the README gives them (2026-12-04):
# coefficient and clustered SE.
RIVAL_MODELS = {
    "kantian_peace": (-1.2810, 0.1672),
    "capitalist_peace": (-1.1592, 0.1375),
    "territorial_peace": (-0.6717, 0.1257),
    # GML onsets on the weak-link QuickUDS score, GML peace years (2026-12-05).
    "dangerous_dyads": (-0.21657, 0.04401),
}


def test_the_rival_explanation_models(real_results):
    main = model(real_results, "joint_democracy")
    print("\nmodel              N        events  democracy term   coef     clustered SE  conventional SE")
    for model_id, (coef, se) in RIVAL_MODELS.items():
        entry = model(real_results, model_id)
        assert entry["converged"] and not entry["separation"], (model_id, entry["warnings"])
        term = next(t for t in entry["terms"] if t["term"] == entry["democracy_term"])
        conventional = term["standard_errors"]["conventional"]
        print(
            f"{model_id:18} {entry['n']:<8,} {entry['n_events']:<7,} {entry['democracy_term']:16} "
            f"{term['coef']:8.3f} {term['standard_errors']['clustered']:12.3f} {conventional:16.3f}"
        )
        assert term["coef"] == pytest.approx(coef, abs=1e-4), model_id
        clustered = term["standard_errors"]["clustered"]
        assert clustered == pytest.approx(se, abs=1e-4), model_id
    # Trade from 1870 and to 2014 only: the Kantian model's sample is the main model's, less.
    assert model(real_results, "kantian_peace")["n"] < main["n"]
    bremer = model(real_results, "dangerous_dyads")
    assert bremer["years"][1] <= 2010 and bremer["sample"].startswith("politically relevant")

"""Reading and validating the battery specification."""

from __future__ import annotations

import copy
import tomllib

import pytest

from dpeace.errors import ModelError
from dpeace.model.specification import default_spec_path, load_battery, parse_battery

BATTERY_IDS = (
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
)
CONTROLS = [
    "contiguous",
    "any_major_power",
    "log_cap_ratio",
    "peace_years",
    "peace_years_sq",
    "peace_years_cu",
    "defense_pact",
    "log_capital_distance",
]


def shipped_document() -> dict:
    return tomllib.loads(default_spec_path().read_text(encoding="utf-8"))


def with_change(model_id: str, **changes) -> dict:
    document = copy.deepcopy(shipped_document())
    entry = next(model for model in document["models"] if model["id"] == model_id)
    for key, value in changes.items():
        if value is None:
            del entry[key]
        else:
            entry[key] = value
    return document


def test_the_shipped_battery_holds_the_models_the_report_relies_on():
    battery = load_battery()
    assert battery.ids == BATTERY_IDS
    assert battery.main_model == "joint_democracy"
    assert battery.simulation_draws == 10000


def test_the_shipped_battery_encodes_the_issue_specifications():
    battery = load_battery()
    main = battery.model("joint_democracy")
    assert (main.outcome, main.democracy_term, list(main.controls)) == (
        "mid_onset",
        "joint_democracy",
        CONTROLS,
    )
    assert (main.sample, main.ongoing, main.estimator) == ("all", "drop", "logit")
    assert battery.model("bivariate").controls == ()
    assert battery.model("weak_link").democracy_term == "polity2_low"
    assert battery.model("politically_relevant").sample == "politically_relevant"
    assert battery.model("era_pre1945").years == (1816, 1944)
    assert battery.model("era_post1945").years == (1945, 2014)
    assert battery.model("force_onset").outcome == "force_onset"
    assert battery.model("fatal_onset").outcome == "fatal_onset"
    assert battery.model("keep_ongoing").ongoing == "keep"
    assert battery.model("firth_joint_democracy").estimator == "firth_logit"
    # the robustness models differ from the main model only in the one respect they test
    assert battery.model("joint_democracy_bmr").democracy_term == "joint_democracy_bmr"
    for model_id in (
        "joint_democracy_bmr",
        "politically_relevant",
        "era_pre1945",
        "era_post1945",
        "force_onset",
        "fatal_onset",
        "keep_ongoing",
        "firth_joint_democracy",
        "joint_democracy_vdem",
        "joint_democracy_uds",
        "quickuds_weak_link",
        "joint_democracy_lag",
        "gml_onset",
    ):
        assert battery.model(model_id).controls == main.controls
    # the rival-explanation models add their measures to the main model's controls
    for model_id, added in (
        ("kantian_peace", ("trade_dependence_low", "shared_igos")),
        ("capitalist_peace", ("log_gdppc_low",)),
        ("territorial_peace", ("terrthreat_high", "tss_rivalry")),
    ):
        spec = battery.model(model_id)
        assert spec.controls == (*main.controls, *added)
        assert (spec.outcome, spec.democracy_term, spec.sample, spec.ongoing) == (
            main.outcome,
            main.democracy_term,
            main.sample,
            main.ongoing,
        )
    # Bremer's design as peacesciencer's documentation builds it
    bremer = battery.model("dangerous_dyads")
    assert (bremer.sample, bremer.years, bremer.democracy_term) == (
        "politically_relevant",
        (1816, 2010),
        "xm_qudsest_low",
    )
    assert bremer.outcome == "gml_onset"
    assert set(bremer.controls) == {
        "land_contiguous",
        "cinc_proportion",
        "any_major_power",
        "defense_pact",
        "gdppc_low",
        "milper_per_capita_low",
        # Peace years since the pair's last GML dispute: the record its outcome counts.
        "gml_peace_years",
        "gml_peace_years_sq",
        "gml_peace_years_cu",
    }
    # one model per democracy measure beside Polity and BMR, and the main model on GML disputes
    for model_id, term in (
        ("joint_democracy_vdem", "joint_democracy_vdem"),
        ("joint_democracy_uds", "joint_democracy_uds"),
        ("quickuds_weak_link", "xm_qudsest_low"),
        ("joint_democracy_lag", "joint_democracy_lag"),
    ):
        assert (battery.model(model_id).democracy_term, battery.model(model_id).outcome) == (
            term,
            "mid_onset",
        )
    gml = battery.model("gml_onset")
    assert (gml.outcome, gml.democracy_term, gml.sample, gml.ongoing) == (
        "gml_onset",
        "joint_democracy",
        "all",
        "drop",
    )
    # the security-community model adds the two community flags to the main model's controls
    communities = battery.model("security_communities")
    assert communities.controls == (*main.controls, "joint_ec_eu", "joint_nato")
    assert (communities.outcome, communities.democracy_term, communities.sample, communities.ongoing) == (
        main.outcome,
        main.democracy_term,
        main.sample,
        main.ongoing,
    )


def test_an_unknown_control_column_names_the_model_and_the_column():
    document = with_change("weak_link", controls=["contiguous", "alliance"])
    with pytest.raises(ModelError, match=r"model 'weak_link'.*unknown control column 'alliance'"):
        parse_battery(document)


def test_the_conflict_record_models_name_their_tables():
    battery = load_battery()
    assert battery.model("joint_democracy").table == "dyad_years"  # the default
    assert (battery.model("war_onset").outcome, battery.model("originator_onset").outcome) == (
        "war_onset",
        "originator_onset",
    )
    directed = battery.model("directed_initiation")
    assert (directed.table, directed.outcome, directed.democracy_term) == (
        "dyad_years_directed",
        "ccode1_initiated",
        "joint_democracy",
    )
    monadic = battery.model("monadic_involvement")
    assert (monadic.table, monadic.outcome, monadic.democracy_term) == (
        "state_years",
        "mid_entered",
        "polity2",
    )
    assert monadic.outcome_is_count and monadic.sample_description == "all state-years"
    # A monadic model takes only state_years columns.
    with pytest.raises(ModelError, match=r"democracy_term 'joint_democracy' is not a state_years predictor"):
        parse_battery(with_change("monadic_involvement", democracy_term="joint_democracy"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outcome": "war_ongoing"}, r"outcome 'war_ongoing' is not one of"),
        ({"outcome": "ccode1_initiated"}, r"outcome 'ccode1_initiated' is not one of"),
        ({"table": "dyads"}, r"table 'dyads' is not one of dyad_years, dyad_years_directed, state_years"),
        ({"table": "state_years"}, r'a state_years model needs sample = "all" and ongoing = "keep"'),
        ({"democracy_term": "democ"}, r"democracy_term 'democ' is not a dyad_years predictor"),
        ({"ongoing": "sometimes"}, r"ongoing 'sometimes' is not one of drop, keep"),
        ({"sample": "europe"}, r"sample 'europe' is not one of"),
        ({"estimator": "probit"}, r"estimator 'probit' is not one of"),
        ({"years": [1950, 1940]}, r"years must be \[first, last\]"),
        ({"controls": ["contiguous", "contiguous"]}, r"listed twice: contiguous"),
        ({"controls": ["joint_democracy"]}, r"listed twice: joint_democracy"),
        ({"label": None}, r"missing field\(s\) label"),
        ({"colour": "red"}, r"unknown field\(s\) colour"),
        ({"effects": {"democratic": 1}}, r"effects must be"),
        ({"effects": {"democratic": 1, "other": 1}}, r"two equal values"),
    ],
)
def test_invalid_entries_are_refused_naming_the_model(change, message):
    with pytest.raises(ModelError, match=rf"model 'era_post1945': .*{message}"):
        parse_battery(with_change("era_post1945", **change))


def test_politically_relevant_cannot_be_a_control_in_its_own_sample():
    document = with_change("politically_relevant", controls=["politically_relevant"])
    with pytest.raises(ModelError, match="constant within the politically relevant sample"):
        parse_battery(document)


def test_duplicate_ids_and_an_unknown_main_model_are_refused():
    document = shipped_document()
    document["models"][1]["id"] = "bivariate"
    with pytest.raises(ModelError, match="used twice: bivariate"):
        parse_battery(document)
    document = shipped_document()
    document["main_model"] = "everything"
    with pytest.raises(ModelError, match="main_model = 'everything' is not one of the models"):
        parse_battery(document)


def test_files_that_cannot_be_read_give_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no model specification file"):
        load_battery(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[models]\nid = ", encoding="utf-8")
    with pytest.raises(ModelError, match="is not valid TOML"):
        load_battery(broken)
    empty = tmp_path / "empty.toml"
    empty.write_text('main_model = "x"\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"no \[\[models\]\] entries"):
        load_battery(empty)


def test_the_shipped_battery_refits_the_main_model_in_the_four_standard_eras():
    eras = load_battery().eras
    assert [(era.id, era.years) for era in eras] == [
        ("1816_1913", (1816, 1913)),
        ("1919_1938", (1919, 1938)),
        ("1946_1989", (1946, 1989)),
        ("1990_on", (1990, 2014)),
    ]


@pytest.mark.parametrize(
    "era",
    [
        {"id": "x", "label": "X", "years": [1950, 1940]},  # backwards
        {"id": "x", "label": "X", "years": [1950]},
        {"id": "x", "label": "X", "years": [1940, 1950], "sample": "all"},  # unknown field
    ],
)
def test_a_malformed_era_is_refused_by_number(era):
    document = shipped_document()
    document["eras"] = [document["eras"][0], era]
    with pytest.raises(ModelError, match=r"era #2 needs exactly id, label and years"):
        parse_battery(document)

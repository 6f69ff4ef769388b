"""The whole battery on the synthetic database: samples, storage, determinism, command."""

from __future__ import annotations

import argparse
import json
import shutil

import duckdb
import numpy as np
import pytest
from scipy import stats

from dpeace.errors import PipelineError
from dpeace.model import command
from dpeace.model.battery import flagged_models, run_battery

MODEL_KEYS = {
    "id",
    "label",
    "description",
    "estimator",
    "outcome",
    "democracy_term",
    "controls",
    "sample",
    "ongoing",
    "years",
    "n_sample",
    "n_dropped_missing",
    "n",
    "n_events",
    "n_clusters",
    "loglik",
    "aic",
    "pseudo_r2",
    "converged",
    "separation",
    "warnings",
    "se_type",
    "terms",
    "effects",
    "table",
    "model_clustering",
}
TERM_KEYS = {
    "term",
    "coef",
    "se",
    "z",
    "p",
    "ci_low",
    "ci_high",
    "odds_ratio",
    "or_ci_low",
    "or_ci_high",
    "standard_errors",
}
CONTROLS = [
    "contiguous",
    "any_major_power",
    "log_cap_ratio",
    "peace_years",
    "peace_years_sq",
    "peace_years_cu",
]


@pytest.fixture(scope="module")
def battery_run(synthetic_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("battery")
    database = folder / "peace.duckdb"
    shutil.copyfile(synthetic_database, database)
    document = run_battery(database=database, results_path=folder / "model_results.json")
    return document, database, folder / "model_results.json"


def models_by_id(document) -> dict:
    return {model["id"]: model for model in document["models"]}


def covered_complete(dyads, columns):
    """Rows in MID coverage with every column known, by pandas rather than the model code."""
    return dyads[dyads["mid_onset"].notna() & dyads[columns].notna().all(axis=1)]


def test_the_document_has_the_agreed_shape(battery_run, synthetic_dyad_years):
    document, _, _ = battery_run
    assert document["schema_version"] == 1 and document["main_model"] == "joint_democracy"
    assert document["clustering"].startswith("dyadic-robust standard errors")
    assert document["dyad_years_total"] == len(synthetic_dyad_years)
    assert set(document["software"]) == {"duckdb", "pandas", "numpy"}
    for model in document["models"]:
        assert set(model) == MODEL_KEYS, model["id"]
        assert [term["term"] for term in model["terms"]] == [
            "const",
            model["democracy_term"],
            *model["controls"],
        ]
        assert all(set(term) == TERM_KEYS for term in model["terms"])
        # one standard error per covariance the model carries; `se` is the headline's:
        # dyadic-robust in dyad models, clustered by state in monadic ones
        monadic = model["table"] == "state_years"
        kinds = {"clustered", "conventional"} if monadic else {"clustered", "dyadic_robust", "conventional"}
        headline = "clustered" if monadic else "dyadic_robust"
        assert all(set(term["standard_errors"]) == kinds for term in model["terms"])
        assert all(term["standard_errors"][headline] == term["se"] for term in model["terms"])
        assert model["n"] == model["n_sample"] - model["n_dropped_missing"]
        assert model["converged"] and not model["separation"] and model["warnings"] == []
        assert model["se_type"] == (
            "clustered by state" if monadic else "dyadic-robust (Aronow, Samii and Assenova 2015)"
        )
    models = models_by_id(document)
    assert models["weak_link"]["effects"] is None
    assert set(models["joint_democracy"]["effects"]) == {
        "method",
        "typical_values",
        "p_democratic",
        "p_other",
        "ratio",
        "contiguous",
    }


def test_the_conflict_record_models_use_their_own_tables_and_clusters(battery_run, synthetic_dyad_years):
    from synthetic_dyads import directed_dyad_years, state_years

    models = models_by_id(battery_run[0])
    dyads = synthetic_dyad_years
    covered = covered_complete(dyads, ["joint_democracy", *CONTROLS])
    onset_years = covered[~(covered["mid_ongoing"] & ~covered["mid_onset"])]
    assert models["originator_onset"]["n"] == len(onset_years)
    assert models["originator_onset"]["n_events"] == onset_years["originator_onset"].sum()
    # Wars: the synthetic wars last one year, so no war year is dropped as continuing;
    # the dispute years that continue are kept, as the war rule looks at war_ongoing.
    war_sample = covered_complete(dyads, ["joint_democracy", *CONTROLS])
    assert models["war_onset"]["n"] == len(war_sample)
    assert models["war_onset"]["n_events"] == war_sample["war_onset"].sum()

    directed = directed_dyad_years(dyads)
    regressors = ["joint_democracy", "polity2_1", "polity2_2", *CONTROLS]
    covered = covered_complete(directed, regressors)
    sample = covered[~(covered["mid_ongoing"] & ~covered["mid_onset"])]
    initiation = models["directed_initiation"]
    assert (initiation["table"], initiation["n"]) == ("dyad_years_directed", len(sample))
    assert initiation["n_events"] == sample["ccode1_initiated"].sum()
    # Both directions of a pair are one cluster: as many clusters as undirected dyads.
    undirected = sample.assign(
        a=sample[["ccode1", "ccode2"]].min(axis=1), b=sample[["ccode1", "ccode2"]].max(axis=1)
    )
    assert initiation["n_clusters"] == undirected.groupby(["a", "b"]).ngroups

    states = state_years(dyads)
    monadic = states[states["mid_entered"].notna() & states[["polity2", "cinc"]].notna().all(axis=1)]
    involvement = models["monadic_involvement"]
    assert (involvement["table"], involvement["n"]) == ("state_years", len(monadic))
    assert involvement["n_events"] == (monadic["mid_entered"] > 0).sum()
    assert involvement["n_clusters"] == monadic["ccode"].nunique()
    assert involvement["model_clustering"] == "standard errors clustered by state (ccode)"


def test_samples_match_counts_made_independently_from_the_simulated_table(battery_run, synthetic_dyad_years):
    models = models_by_id(battery_run[0])
    dyads = synthetic_dyad_years
    regressors = ["joint_democracy", *CONTROLS]
    covered = covered_complete(dyads, regressors)
    continuing = covered["mid_ongoing"] & ~covered["mid_onset"]
    onset_years = covered[~continuing]

    assert models["joint_democracy"]["n"] == len(onset_years)
    assert models["joint_democracy"]["n_events"] == onset_years["mid_onset"].sum()
    assert models["joint_democracy"]["n_clusters"] == onset_years.groupby(["ccode1", "ccode2"]).ngroups
    assert models["joint_democracy"]["years"] == [1920, 1969]  # 1970-71 lie beyond coverage
    assert models["keep_ongoing"]["n"] == len(covered) > models["joint_democracy"]["n"]
    assert models["politically_relevant"]["n"] == onset_years["politically_relevant"].sum()
    assert models["era_pre1945"]["n"] == (onset_years["year"] < 1945).sum()
    assert models["era_pre1945"]["n"] + models["era_post1945"]["n"] == models["joint_democracy"]["n"]
    assert models["force_onset"]["n_events"] == onset_years["force_onset"].sum()
    assert models["fatal_onset"]["n_events"] == onset_years["fatal_onset"].sum()
    missing_joint = (
        dyads["mid_onset"].notna()
        & dyads["joint_democracy"].isna()
        & ~(dyads["mid_ongoing"] & ~dyads["mid_onset"]).fillna(False)
    )
    assert models["joint_democracy"]["n_dropped_missing"] == missing_joint.sum() > 0


def test_the_main_estimates_show_the_simulated_democratic_peace(battery_run):
    models = models_by_id(battery_run[0])
    for model_id in ("joint_democracy", "firth_joint_democracy", "politically_relevant", "keep_ongoing"):
        democracy = models[model_id]["terms"][1]
        assert democracy["ci_low"] < -1.0 < democracy["ci_high"], model_id  # simulated at -1.0
    effects = models["joint_democracy"]["effects"]
    assert effects["p_democratic"]["estimate"] < effects["p_other"]["estimate"]
    assert effects["ratio"]["ci_low"] < np.exp(-1.0) < effects["ratio"]["ci_high"]


def test_the_database_tables_hold_the_same_numbers_as_the_json(battery_run):
    document, database, results_path = battery_run
    assert json.loads(results_path.read_text()) == document
    con = duckdb.connect(str(database), read_only=True)
    try:
        results = con.execute(
            "SELECT model_id, is_main, n, n_events, loglik, controls, warnings, year_first, year_last "
            "FROM model_results ORDER BY position"
        ).fetchall()
        terms = con.execute("SELECT model_id, term, coef, se, p, or_ci_high FROM model_terms").fetchall()
        standard_errors = con.execute(
            "SELECT model_id, term, covariance, se FROM model_standard_errors"
        ).fetchall()
        effects = con.execute(
            "SELECT model_id, quantity, estimate, ci_low, ci_high FROM model_effects"
        ).fetchall()
        dyad_rows = con.execute("SELECT count(*) FROM dyad_years").fetchone()[0]
    finally:
        con.close()
    assert dyad_rows == document["dyad_years_total"]  # the model stage adds tables, keeps the rest
    assert [row[0] for row in results] == [model["id"] for model in document["models"]]
    assert [row[0] for row in results if row[1]] == ["joint_democracy"]
    for row, model in zip(results, document["models"]):
        assert row[2:] == (
            model["n"],
            model["n_events"],
            model["loglik"],
            model["controls"],
            model["warnings"],
            *model["years"],
        )
    expected_terms = {
        (model["id"], term["term"]): (term["coef"], term["se"], term["p"], term["or_ci_high"])
        for model in document["models"]
        for term in model["terms"]
    }
    assert {(row[0], row[1]): row[2:] for row in terms} == expected_terms
    assert {(row[0], row[1], row[2]): row[3] for row in standard_errors} == {
        (model["id"], term["term"], kind): se
        for model in document["models"]
        for term in model["terms"]
        for kind, se in term["standard_errors"].items()
    }
    expected_effects = {
        (model["id"], quantity): tuple(
            model["effects"][quantity][key] for key in ("estimate", "ci_low", "ci_high")
        )
        for model in document["models"]
        if model["effects"]
        for quantity in ("p_democratic", "p_other", "ratio")
    }
    assert {(row[0], row[1]): row[2:] for row in effects} == expected_effects


def test_the_results_tables_carry_their_dictionary_entries_as_comments(battery_run):
    from dpeace.transform.dictionary import load_dictionary

    _, database, _ = battery_run
    dictionary = load_dictionary()
    with duckdb.connect(str(database), read_only=True) as con:
        tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
        (se_comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'model_terms' AND column_name = 'se'"
        ).fetchone()
    for table in ("model_results", "model_terms", "model_effects"):
        assert tables[table] == dictionary[table]["description"]
    assert se_comment == "Standard error, of the kind model_results.se_type names."


def test_a_rerun_writes_a_byte_identical_json_and_replaces_the_tables(battery_run):
    document, database, results_path = battery_run
    first = results_path.read_bytes()
    rerun_path = results_path.with_name("rerun.json")
    run_battery(database=database, results_path=rerun_path)
    assert rerun_path.read_bytes() == first
    con = duckdb.connect(str(database), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM model_results").fetchone()[0] == len(document["models"])
    finally:
        con.close()


def test_without_a_database_nothing_is_written(tmp_path):
    with pytest.raises(PipelineError, match="no database at"):
        run_battery(database=tmp_path / "absent.duckdb", results_path=tmp_path / "model_results.json")
    assert list(tmp_path.iterdir()) == []


def test_flagged_models_are_announced(battery_run):
    document = json.loads(json.dumps(battery_run[0]))
    assert flagged_models(document) == []
    models = models_by_id(document)
    models["era_pre1945"]["converged"] = False
    models["fatal_onset"]["separation"] = True
    assert flagged_models(document) == [
        "WARNING: model era_pre1945 did not converge",
        "WARNING: model fatal_onset shows separation",
    ]


def run_command(argv):
    parser = argparse.ArgumentParser(prog="dpeace")
    command.register(parser.add_subparsers(dest="verb"))
    args = parser.parse_args(["model", *argv])
    return args.handler(args)


def test_the_command_with_only_prints_the_chosen_models_and_stores_nothing(
    synthetic_database, data_dir, capsys
):
    assert run_command(["--database", str(synthetic_database), "--only", "bivariate", "weak_link"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0].split() == [
        "model",
        "N",
        "events",
        "democracy",
        "term",
        "coef",
        "SE",
        "p",
        "converged",
        "separation",
    ]
    assert [line.split()[0] for line in output[2:4]] == ["bivariate", "weak_link"]
    assert output[3].split()[3] == "polity2_low"
    assert not (data_dir / "model_results.json").exists()


def test_the_command_with_only_prints_each_models_whole_coefficient_table(
    synthetic_database, data_dir, capsys
):
    from dpeace.model.battery import fit_battery
    from dpeace.model.specification import load_battery

    assert run_command(["--database", str(synthetic_database), "--only", "weak_link"]) == 0
    output = capsys.readouterr().out
    (model,) = fit_battery(synthetic_database, load_battery(), only=["weak_link"])["models"]
    table = output[output.index("\nweak_link: Weak link\n") :].splitlines()
    header = next(i for i, line in enumerate(table) if line.startswith("term "))
    rows = {
        line.split()[0]: line.split()
        for line in table[header + 2 :]
        if line and not line.startswith("warning")
    }
    # Every term, the intercept first, with its coefficient, SE, z and p as the battery has them.
    assert list(rows) == ["const", "polity2_low", *CONTROLS, "defense_pact", "log_capital_distance"]
    for term in model["terms"]:
        coef, se, z, p = rows[term["term"]][1:5]
        assert float(coef) == pytest.approx(term["coef"], abs=5e-5, rel=5e-3)
        assert float(se) == pytest.approx(term["se"], abs=5e-5, rel=5e-3)
        assert float(z) == pytest.approx(term["z"], abs=5e-4)
        assert float(p) == pytest.approx(term["p"], abs=5e-4)
    assert f"N {model['n']:,}  events {model['n_events']:,}" in output
    assert "standard errors: dyadic-robust (Aronow, Samii and Assenova 2015)" in output


def test_the_command_stores_the_battery_in_the_data_folder(synthetic_database, data_dir, capsys):
    shutil.copyfile(synthetic_database, data_dir / "peace.duckdb")
    assert run_command([]) == 0
    output = capsys.readouterr().out
    assert "joint_democracy" in output and "WARNING" not in output
    assert json.loads((data_dir / "model_results.json").read_text())["main_model"] == "joint_democracy"


def test_an_unknown_model_id_is_a_clear_error(synthetic_database):
    with pytest.raises(PipelineError, match="no model 'triangle' in the battery"):
        run_command(["--database", str(synthetic_database), "--only", "triangle"])


def test_the_main_model_is_refitted_in_each_era_and_an_era_without_data_says_so(
    battery_run, synthetic_dyad_years
):
    # The simulated world covers 1920-1969: the first and last eras have no rows in it.
    document, database, _ = battery_run
    eras = {era["id"]: era for era in document["eras"]}
    assert list(eras) == ["1816_1913", "1919_1938", "1946_1989", "1990_on"]
    assert not eras["1816_1913"]["fitted"] and eras["1816_1913"]["reason"] == "no complete rows in its sample"
    assert not eras["1990_on"]["fitted"] and eras["1990_on"]["reason"] == "no complete rows in its sample"
    covered = covered_complete(synthetic_dyad_years, ["joint_democracy", *CONTROLS])
    onset_years = covered[~(covered["mid_ongoing"] & ~covered["mid_onset"])]
    for era_id, (first, last) in (("1919_1938", (1919, 1938)), ("1946_1989", (1946, 1989))):
        era = eras[era_id]
        rows = onset_years[onset_years["year"].between(first, last)]
        assert era["fitted"] and era["reason"] is None
        assert (era["n"], era["n_events"]) == (len(rows), rows["mid_onset"].sum())
        assert era["years_observed"] == [int(rows["year"].min()), int(rows["year"].max())]
        # both errors, the headline dyadic-robust one in se, p from each
        assert era["se"] > 0 and era["se_dyad_clustered"] > 0
        assert era["p_dyad_clustered"] == pytest.approx(
            2 * stats.norm.sf(abs(era["estimate"] / era["se_dyad_clustered"])), rel=1e-6
        )
    with duckdb.connect(str(database), read_only=True) as con:
        stored = con.execute("SELECT era_id, fitted, n FROM model_eras ORDER BY position").fetchall()
    assert stored == [(era["id"], era["fitted"], era.get("n")) for era in document["eras"]]


def test_the_dyad_fixed_effects_refit_counts_what_it_discards(battery_run, synthetic_dyad_years):
    document, _, _ = battery_run
    fixed = document["fixed_effects"]
    covered = covered_complete(synthetic_dyad_years, ["joint_democracy", *CONTROLS])
    onset_years = covered[~(covered["mid_ongoing"] & ~covered["mid_onset"])]
    by_dyad = onset_years.groupby(["ccode1", "ccode2"])["mid_onset"].agg(["sum", "count"])
    constant = by_dyad[(by_dyad["sum"] == 0) | (by_dyad["sum"] == by_dyad["count"])]
    assert fixed["n_sample"] == len(onset_years)
    assert (fixed["dyads_discarded"], fixed["dyad_years_discarded"]) == (
        len(constant),
        constant["count"].sum(),
    )
    assert fixed["n_dyads"] == len(by_dyad) - len(constant)
    assert fixed["n"] == len(onset_years) - constant["count"].sum()
    # the simulated distance is fixed within each dyad: absorbed by the intercepts
    assert "log_capital_distance" in fixed["dropped"] and "log_capital_distance" not in fixed["controls"]
    assert fixed["fitted"] and fixed["converged"] and fixed["se_dyad_clustered"] > 0


def test_each_model_fitted_alone_from_its_own_rows_is_its_battery_entry(battery_run, synthetic_dyad_years):
    from dpeace.model.battery import fit_battery
    from dpeace.model.specification import load_battery

    document, database, _ = battery_run
    battery = load_battery()
    # Every kind of sample cut in SQL: all dyad-years, politically relevant ones in some years
    # with GML's coverage and ongoing years, ongoing years kept, directed and monadic tables.
    alone_ids = ("joint_democracy", "politically_relevant", "dangerous_dyads", "keep_ongoing", "war_onset")
    alone_ids += ("directed_initiation", "monadic_involvement")
    for spec in [battery.model(model_id) for model_id in alone_ids]:
        alone = fit_battery(database, battery, only=[spec.id])
        # Loaded with only the model's rows (its sample in SQL), fitted the same to the last digit kept.
        assert alone["models"] == [models_by_id(document)[spec.id]], spec.id
        # The table's size is counted, not read off the model's rows.
        assert alone["dyad_years_total"] == len(synthetic_dyad_years) == document["dyad_years_total"]

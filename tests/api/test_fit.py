"""A model fitted through the API equals the one the battery stored in the database."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.database import connect_readonly
from dpeace.errors import ModelError

MAIN_CONTROLS = [
    "contiguous",
    "any_major_power",
    "log_cap_ratio",
    "peace_years",
    "peace_years_sq",
    "peace_years_cu",
    "defense_pact",
    "log_capital_distance",
]


def stored(database, model_id: str) -> tuple[dict, dict]:
    with connect_readonly(database) as con:
        result = con.execute(
            "SELECT n, n_events, n_clusters, loglik, se_type FROM model_results WHERE model_id = ?",
            [model_id],
        ).fetchone()
        terms = con.execute(
            "SELECT term, coef, se, p, ci_low, ci_high FROM model_terms WHERE model_id = ?", [model_id]
        ).fetchall()
        effects = con.execute(
            "SELECT quantity, estimate, ci_low, ci_high FROM model_effects WHERE model_id = ?", [model_id]
        ).fetchall()
    return (
        dict(zip(("n", "n_events", "n_clusters", "loglik", "se_type"), result)),
        {"terms": {row[0]: row[1:] for row in terms}, "effects": {row[0]: row[1:] for row in effects}},
    )


def assert_equals_stored(results, database, model_id: str) -> None:
    fit, stored_numbers = stored(database, model_id)
    assert (results.nobs, results.n_events, results.se_type) == (fit["n"], fit["n_events"], fit["se_type"])
    assert results.entry["n_clusters"] == fit["n_clusters"]
    assert results.llf == pytest.approx(fit["loglik"], rel=1e-9)
    table = results.terms
    assert sorted(table.index) == sorted(stored_numbers["terms"])
    for term, (coef, se, p, low, high) in stored_numbers["terms"].items():
        # The database keeps ten significant digits.
        assert table.loc[term, ["coef", "se", "p", "ci_low", "ci_high"]].tolist() == pytest.approx(
            [coef, se, p, low, high], rel=1e-9, abs=1e-300
        )


@pytest.mark.parametrize(
    "model_id", ["joint_democracy", "firth_joint_democracy", "directed_initiation", "monadic_involvement"]
)
def test_a_battery_model_by_id_equals_the_stored_result(db, api_world, model_id):
    _, database, battery = api_world
    assert_equals_stored(db.fit(model_id, battery=battery), database, model_id)


def test_the_main_model_written_inline_equals_the_stored_main_model(db, api_world):
    _, database, _ = api_world
    results = db.fit(outcome="mid_onset", democracy_term="joint_democracy", controls=MAIN_CONTROLS)
    assert_equals_stored(results, database, "joint_democracy")


def test_results_read_like_statsmodels(db, api_world):
    _, database, battery = api_world
    results = db.fit("joint_democracy", battery=battery)
    assert list(results.params.index) == ["const", "joint_democracy", *MAIN_CONTROLS]
    np.testing.assert_allclose(np.sqrt(np.diag(results.cov_params())), results.bse.to_numpy(), rtol=1e-12)
    assert "clustered" in results.covariances
    np.testing.assert_array_equal(results.covariances["clustered"], results.cov_params())
    assert results.standard_errors()["clustered"].tolist() == pytest.approx(results.bse.tolist(), rel=1e-12)
    # In-sample predictions are probabilities whose mean is the event rate (a logit's score equation).
    predicted = results.predict()
    assert predicted.shape == (results.nobs,)
    assert predicted.mean() == pytest.approx(results.n_events / results.nobs, rel=1e-6)
    # One row by hand: the inverse logit of its linear predictor.
    row = {column: 1.0 for column in results.spec.regressors}
    linear = results.params.sum()
    assert results.predict(row)[0] == pytest.approx(1 / (1 + np.exp(-linear)))
    # The predicted-probability contrast is the one the battery stored.
    _, stored_numbers = stored(database, "joint_democracy")
    effects = results.effects()
    for quantity, numbers in stored_numbers["effects"].items():
        assert effects.loc[quantity].tolist() == pytest.approx(list(numbers), rel=1e-9)
    assert (
        results.effects("contiguous").loc["p_democratic", "estimate"]
        > effects.loc["p_democratic", "estimate"]
    )
    summary = results.summary()
    assert summary.splitlines()[0] == "joint_democracy: Joint democracy + controls"
    assert f"N {results.nobs:,}  events {results.n_events:,}" in summary
    assert all(f"\n{term} " in summary for term in results.params.index)


def test_a_bad_inline_model_is_refused_as_the_battery_refuses_it(db):
    with pytest.raises(ModelError, match=r"unknown control column 'gdp'"):
        db.fit(outcome="mid_onset", democracy_term="joint_democracy", controls=["gdp"])
    with pytest.raises(ModelError, match=r"not both"):
        db.fit("joint_democracy", outcome="mid_onset")
    with pytest.raises(ModelError, match=r"no model 'main' in the battery"):
        db.fit("main")


def test_a_curve_over_a_grid_reproduces_the_main_model(db, tmp_path, api_world):
    grid = tmp_path / "grid.toml"
    grid.write_text(
        """
specifications = 2

[main]
democracy = "polity2_ge_6"
outcome = "mid_onset"
sample = "all"
controls = "extended"
temporal = "cubic"
ongoing = "drop"

[[democracy]]
id = "polity2_ge"
label = "Polity2 both >= {k}"
column = "polity2_low"
thresholds = [6, 7]

[[outcome]]
id = "mid_onset"
label = "Any dispute onset"
column = "mid_onset"

[[sample]]
id = "all"
label = "All dyads"

[[controls]]
id = "extended"
label = "Extended"
columns = ["contiguous", "any_major_power", "log_cap_ratio", "defense_pact", "log_capital_distance"]

[[temporal]]
id = "cubic"
label = "Cubic"
columns = ["peace_years", "peace_years_sq", "peace_years_cu"]

[[ongoing]]
id = "drop"
label = "Dropped"
""",
        "utf-8",
    )
    curve = db.curve(grid, workers=1)
    assert len(curve) == 2 and curve["fitted"].all()
    main = curve[curve["is_main"]].iloc[0]
    results = db.fit("joint_democracy", battery=api_world[2])
    assert main["estimate"] == pytest.approx(results.params["joint_democracy"], rel=1e-6)
    assert main["se"] == pytest.approx(results.bse["joint_democracy"], rel=1e-6)

"""The specification curve: the grid's expansion, the engine against statsmodels, storage, determinism."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from dpeace.curve.frame import load_frame
from dpeace.curve.grid import DIMENSIONS, load_grid
from dpeace.curve.pipeline import compute_curve, run_curve
from dpeace.curve.splines import natural_spline_basis, spline_knots
from dpeace.curve.store import curve_json
from dpeace.errors import ModelError
from dpeace.model.covariance import COVARIANCE_ESTIMATORS, ClusterGroups, clustered_covariance


def test_the_declared_grid_expands_to_its_declared_count():
    grid = load_grid(full=True)
    # 12 democracy measures (Polity2 both >= k for k = 1..10, the weak link, joint BMR) x 2
    # timings x 3 reference groups x 9 outcomes (5 MID or COW, 4 GML) x 2 samples x 5 control
    # sets x 4 peace-year terms x 2 period effects x 2 ongoing rules x 5 eras
    sizes = {"democracy": 12, "timing": 2, "reference": 3, "outcome": 9, "sample": 2, "controls": 5}
    sizes |= {"temporal": 4, "time_effects": 2, "ongoing": 2, "era": 5}
    assert {dimension: len(grid.levels[dimension]) for dimension in DIMENSIONS} == sizes
    assert len(grid.specifications) == grid.declared_count == 518_400 == np.prod(list(sizes.values()))
    assert [spec.position for spec in grid.specifications[:3]] == [1, 2, 3]
    assert grid.specifications[-1].position == 518_400
    assert sum(grid.is_main(spec) for spec in grid.specifications) == 1
    # batches share era, sample, controls, temporal terms and period effects: 5 x 2 x 5 x 4 x 2
    assert len(grid.batches()) == 400
    by_position = {spec.position: spec for spec in grid.specifications}

    # the default run fits the declared sample: 300 uniform draws of the other dimensions,
    # each crossed with 5 democracy levels and both ongoing rules, and the main
    # specification moved one dimension at a time
    sample = load_grid()
    assert sample.sampled and sample.full_count == 518_400
    assert len(sample.specifications) == 3037
    assert len({spec.id for spec in sample.specifications}) == 3037
    for spec in sample.specifications:  # each keeps its position in the full cross
        assert by_position[spec.position].id == spec.id
    assert sum(sample.is_main(spec) for spec in sample.specifications) == 1
    one_at_a_time = [
        spec
        for spec in sample.specifications
        if any(sample.is_main(spec, except_dimension=dimension) for dimension in DIMENSIONS)
    ]
    assert len(one_at_a_time) == sum(sizes.values()) - len(sizes) + 1
    thinned = {"polity2_ge_1", "polity2_ge_6", "polity2_ge_10", "weak_link", "joint_bmr"}
    drawn = [spec for spec in sample.specifications if spec not in one_at_a_time]
    assert {spec.democracy.id for spec in drawn} <= thinned
    combinations = {
        tuple(spec.level(d).id for d in DIMENSIONS if d not in ("democracy", "ongoing")) for spec in drawn
    }
    assert 290 <= len(combinations) <= 300  # a draw that is a one-at-a-time variation is counted there
    # every level of every dimension is drawn, about in proportion
    for dimension, size in sizes.items():
        counts = [
            sum(spec.level(dimension).id == level.id for spec in drawn) for level in grid.levels[dimension]
        ]
        if dimension == "democracy":
            counts = [count for count in counts if count]
            size = len(thinned)
        assert min(counts) > 0.5 * len(drawn) / size, dimension
    assert load_grid().specifications == sample.specifications  # the same draw every run


def test_an_era_keeps_the_rows_of_its_years_only(small_grid_path, curve_database, tmp_path):
    # The small grid with one era, 1930-1949, beside all years (the simulated years: 1920-1969).
    edited = tmp_path / "grid.toml"
    edited.write_text(
        small_grid_path.read_text().replace("specifications = 192", "specifications = 384")
        + '\n[[era]]\nid = "all"\nlabel = "All"\n\n[[era]]\nid = "e"\nlabel = "E"\nyears = [1930, 1949]\n'
    )
    grid = load_grid(edited)
    frame = load_frame(curve_database, grid)
    from dpeace.curve.fit import _UnitDesign

    spec_all = next(s for s in grid.specifications if grid.is_main(s))
    spec_era = next(
        s for s in grid.specifications if grid.is_main(s, except_dimension="era") and s.era.id == "e"
    )
    rows_all = _UnitDesign(frame, spec_all).rows
    rows_era = _UnitDesign(frame, spec_era).rows
    years = frame.columns["year"]
    assert set(rows_era) == {row for row in rows_all if 1930 <= years[row] <= 1949}
    assert len(rows_era) < len(rows_all)


def test_a_wrong_declared_count_fails_loudly(tmp_path, small_grid_path):
    edited = tmp_path / "grid.toml"
    edited.write_text(small_grid_path.read_text().replace("specifications = 192", "specifications = 200"))
    with pytest.raises(ModelError, match="declares specifications = 200 but its levels expand to 192"):
        load_grid(edited)


def test_a_column_the_table_lacks_fails_at_load_time_naming_its_level(
    tmp_path, small_grid_path, curve_database
):
    edited = tmp_path / "grid.toml"
    edited.write_text(small_grid_path.read_text().replace('column = "war_onset"', 'column = "war_onset_v9"'))
    with pytest.raises(ModelError, match=r"lacks 1 column.*war_onset_v9 \(outcome 'war_onset'\)"):
        load_frame(curve_database, load_grid(edited))


@pytest.fixture(scope="module")
def small_curve(curve_database, small_grid_path) -> dict:
    document, _, _ = compute_curve(curve_database, small_grid_path, workers=2, progress=False)
    return document


def _row(document: dict, short_id: str) -> dict:
    """The row of democracy/outcome/sample/controls/temporal/ongoing/era in a grid that
    leaves timing, reference group and period effects at their defaults."""
    democracy, outcome, sample, controls, temporal, ongoing, era = short_id.split("/")
    spec_id = f"{democracy}/same_year/all/{outcome}/{sample}/{controls}/{temporal}/none/{ongoing}/{era}"
    return next(row for row in document["specifications"] if row["spec_id"] == spec_id)


@pytest.mark.parametrize(
    "spec_id",
    [
        "polity2_ge_6/mid_onset/all/extended/cubic/drop/all",  # the main specification
        "polity2_ge_5/mid_onset/politically_relevant/base/spline/keep/all",
        "weak_link/mid_onset/all/base/none/keep/all",
        "joint_bmr/war_onset/all/extended/cubic/drop/all",
    ],
)
def test_a_specification_matches_plain_statsmodels(spec_id, small_curve, curve_dyad_years):
    row = _row(small_curve, spec_id)
    assert row["fitted"] and row["converged"] and row["reason"] is None
    democracy, outcome, sample, controls, temporal, ongoing, _ = spec_id.split("/")
    assert row["timing"] == "same_year" and row["reference"] == "all" and row["time_effects"] == "none"

    frame = curve_dyad_years.copy()
    for column in frame.columns:
        if frame[column].dtype == "boolean" or frame[column].dtype == bool:
            frame[column] = frame[column].astype("float64")
    keep = frame["mid_onset"].notna()
    if sample == "politically_relevant":
        keep &= frame["politically_relevant"] == 1
    if ongoing == "drop":
        keep &= ~((frame["mid_ongoing"] == 1) & (frame["mid_onset"] == 0))
    frame = frame[keep].copy()
    if democracy.startswith("polity2_ge_"):
        k = int(democracy.rsplit("_", 1)[1])
        frame["democracy"] = np.where(frame["polity2_low"].isna(), np.nan, frame["polity2_low"] >= k)
    else:
        frame["democracy"] = frame["polity2_low" if democracy == "weak_link" else "joint_democracy_bmr"]
    terms = ["democracy", "contiguous", "any_major_power", "log_cap_ratio"]
    if controls == "extended":
        terms += ["defense_pact", "log_capital_distance"]
    if temporal == "cubic":
        terms += ["peace_years", "peace_years_sq", "peace_years_cu"]
    if temporal == "spline":
        # knots over every MID-covered row, as the engine places them
        covered = curve_dyad_years["mid_onset"].notna().to_numpy()
        knots = spline_knots(curve_dyad_years["peace_years"].to_numpy()[covered], 3)
        basis = natural_spline_basis(frame["peace_years"].to_numpy(), knots)
        for j in range(basis.shape[1]):
            frame[f"spline_{j}"] = basis[:, j]
        terms += [f"spline_{j}" for j in range(basis.shape[1])]
    frame = frame.dropna(subset=[outcome, *terms])
    groups = (frame["ccode1"] * 1000 + frame["ccode2"]).to_numpy()
    reference = smf.logit(f"{outcome} ~ {' + '.join(terms)}", data=frame).fit(
        method="newton", maxiter=100, disp=0, cov_type="cluster", cov_kwds={"groups": groups}
    )
    assert row["n"] == len(frame) and row["events"] == int(frame[outcome].sum())
    assert row["estimate"] == pytest.approx(reference.params["democracy"], abs=1e-6, rel=1e-6)
    assert row["estimator"] == "logit"
    assert row["se_dyad_clustered"] == pytest.approx(reference.bse["democracy"], abs=1e-6, rel=1e-6)
    assert row["p_dyad_clustered"] == pytest.approx(reference.pvalues["democracy"], rel=1e-5)
    # the headline errors are dyadic-robust: the engine's estimator (tested against a double
    # loop in tests/model) on statsmodels' estimates, each row given its own two states
    design = reference.model.exog
    p = reference.predict()
    information = design.T @ (design * (p * (1 - p))[:, None])
    groups = ClusterGroups.from_dyads(frame["ccode1"].to_numpy(), frame["ccode2"].to_numpy())
    dyadic = COVARIANCE_ESTIMATORS["dyadic_robust"](information, design, reference.model.endog - p, groups)
    position = reference.model.exog_names.index("democracy")
    assert row["se"] == pytest.approx(np.sqrt(dyadic[position, position]), rel=1e-5)
    assert row["ci_high"] - row["ci_low"] == pytest.approx(2 * 1.959964 * row["se"], rel=1e-6)


def test_clusters_of_grouped_rows_and_of_scattered_ids_give_the_same_sandwich():
    # Three dyads of 2, 3 and 1 rows, two regressors: the curve's rows grouped by dyad
    # (given by their first rows), the same rows shuffled with one id per row.
    rng = np.random.default_rng(1)
    design = np.asfortranarray(np.column_stack([np.ones(6), rng.normal(size=6)]))
    residuals = rng.normal(size=6)
    information = design.T @ design
    grouped = clustered_covariance(
        information, design, residuals, ClusterGroups.from_starts(np.array([0, 2, 5]))
    )
    shuffle = np.array([3, 0, 5, 1, 4, 2])
    ids = np.array([7, 7, 9, 9, 9, 4])[shuffle]
    scattered = clustered_covariance(
        information, design[shuffle], residuals[shuffle], ClusterGroups.from_ids(ids)
    )
    np.testing.assert_allclose(grouped, scattered, rtol=1e-12)
    # and by hand: the sum of each dyad's score outer product, with statsmodels' factor
    scores = design * residuals[:, None]
    sums = np.array([scores[0:2].sum(axis=0), scores[2:5].sum(axis=0), scores[5:6].sum(axis=0)])
    bread = np.linalg.inv(information)
    by_hand = 3 / 2 * 5 / 4 * bread @ (sums.T @ sums) @ bread
    np.testing.assert_allclose(grouped, by_hand, rtol=1e-12)


def test_a_separated_specification_is_refitted_by_firth_and_kept(small_curve, curve_dyad_years):
    # No war in a jointly democratic (polity2 >= 6) dyad-year, by construction: maximum
    # likelihood has no finite estimate, Firth's penalised logit has one, below zero.
    row = _row(small_curve, "polity2_ge_6/war_onset/all/base/cubic/drop/all")
    assert row["fitted"] and row["separation"] and row["estimator"] == "firth_logit" and row["converged"]
    assert row["reason"] == (
        "fitted by Firth's penalised logit (no finite maximum-likelihood estimate): quasi-complete "
        f"separation: every row with polity2_ge_6 = 1 has outcome 0 ({row['reason'].split('(')[-1]}"
    )
    assert np.isfinite(row["estimate"]) and row["estimate"] < 0
    assert row["se"] > 0 and row["se_dyad_clustered"] > 0
    assert row["events"] > 0
    # stored, not dropped: every specification of the grid has its row
    assert small_curve["n_specifications"] == len(small_curve["specifications"]) == 192
    unfitted = [r for r in small_curve["specifications"] if not r["fitted"]]
    assert all(r["reason"] for r in unfitted)
    assert small_curve["n_fitted"] == 192 - len(unfitted)


def test_a_firth_row_carries_its_penalised_likelihood_ratio_p_and_the_third_share_counts_it(
    small_curve, curve_database, small_grid_path
):
    from dpeace.curve.fit import _UnitDesign
    from dpeace.model.firth import fit_firth_logit, penalized_likelihood_ratio

    grid = load_grid(small_grid_path)
    spec_id = "polity2_ge_6/same_year/all/war_onset/all/base/cubic/none/drop/all"
    spec = next(spec for spec in grid.specifications if spec.id == spec_id)
    row = next(row for row in small_curve["specifications"] if row["spec_id"] == spec_id)
    design = _UnitDesign(load_frame(curve_database, grid), spec)
    design.set_democracy(spec)
    # the test on the row's design, from a Firth fit redone here (from a cold start, where
    # the curve's started warm: the same estimates to the digits kept)
    full = fit_firth_logit(design.outcome, design.matrix)
    assert full.params[1] == pytest.approx(row["estimate"], abs=1e-6)
    expected = penalized_likelihood_ratio(design.outcome, design.matrix, 1, full.params)
    assert 0 < row["p_penalized_lr"] < 1 and row["p_penalized_lr"] == pytest.approx(expected.p, rel=1e-6)
    rows = small_curve["specifications"]
    firth = [r for r in rows if r["fitted"] and r["estimator"] == "firth_logit"]
    ml = [r for r in rows if r["fitted"] and r["estimator"] == "logit"]
    assert firth and all(r["p_penalized_lr"] is not None for r in firth)
    assert all(r["p_penalized_lr"] is None for r in rows if r["estimator"] != "firth_logit")
    assert small_curve["n_tested_with_firth"] == len(ml) + len(firth)
    assert small_curve["n_negative_significant_with_firth"] == sum(
        r["estimate"] < 0 and r["p"] < 0.05 for r in ml
    ) + sum(r["estimate"] < 0 and r["p_penalized_lr"] < 0.05 for r in firth)


def test_an_outcome_without_events_is_stored_with_its_reason(tmp_path, curve_dyad_years, small_grid_path):
    from synthetic_curve import write_dyad_years

    quiet = curve_dyad_years.copy()
    quiet["war_onset"] = pd.array(np.where(quiet["war_onset"].isna(), pd.NA, False), dtype="boolean")
    database = tmp_path / "peace.duckdb"
    write_dyad_years(database, quiet)
    document, _, _ = compute_curve(database, small_grid_path, workers=1, progress=False)
    war = [row for row in document["specifications"] if row["outcome"] == "war_onset"]
    assert len(war) == 96 and not any(row["fitted"] for row in war)
    assert all(row["reason"].startswith("no events: war_onset is never 1") for row in war)


def test_two_runs_write_byte_identical_json_and_the_same_table(tmp_path, curve_database, small_grid_path):
    import shutil

    import duckdb

    outputs = []
    for run, workers in enumerate((2, 1)):
        database = tmp_path / f"peace{run}.duckdb"
        shutil.copyfile(curve_database, database)
        json_path = tmp_path / f"curve{run}.json"
        run_curve(database, small_grid_path, json_path, workers=workers, progress=False)
        con = duckdb.connect(str(database), read_only=True)
        table = con.execute("SELECT * FROM specification_curve ORDER BY position").fetchall()
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'specification_curve' AND column_name = 'se'"
        ).fetchone()
        con.close()
        assert comment == "Standard error, dyadic-robust (Aronow, Samii and Assenova 2015)."
        outputs.append((json_path.read_bytes(), table))
    assert outputs[0][0] == outputs[1][0]
    assert outputs[0][1] == outputs[1][1]
    document = json.loads(outputs[0][0])
    assert len(outputs[0][1]) == 192
    assert document["build_id"] and {row[-1] for row in outputs[0][1]} == {document["build_id"]}
    assert curve_json(document) == outputs[0][0].decode()
    assert set(DIMENSIONS) <= set(document["specifications"][0])


def test_a_batch_fitted_together_equals_each_specification_fitted_alone(
    tmp_path, small_grid_path, curve_database, monkeypatch
):
    # In a batch, outcomes with the same rows share one design, and every fit (Firth's
    # refits too) starts from a related fit's estimates; alone, each specification gets its
    # own design and a cold start. The answers must be the same. Originator onsets are
    # missing exactly where onsets are, so those two outcomes share their designs.
    from dpeace.curve import fit as fit_module
    from dpeace.curve.blas import limit_blas_threads

    limit_blas_threads()  # as fit_grid does: threads contending over tiny products are slow
    edited = tmp_path / "grid.toml"
    edited.write_text(
        small_grid_path.read_text().replace("specifications = 192", "specifications = 288")
        + '\n[[outcome]]\nid = "originator_onset"\nlabel = "Originators"\ncolumn = "originator_onset"\n'
    )
    grid = load_grid(edited)
    frame = load_frame(curve_database, grid)
    built = []

    class CountedDesign(fit_module._UnitDesign):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(fit_module, "_UnitDesign", CountedDesign)
    batches = [batch for batch in grid.batches() if batch[0].controls.id == "extended"]  # 4 of 12, for time
    specifications = [spec for batch in batches for spec in batch]
    together = [row for batch in batches for row in fit_module.fit_batch(frame, batch)]
    shared_designs = len(built)
    alone = [fit_module.fit_batch(frame, (spec,))[0] for spec in specifications]
    units = {(s.batch_key, s.outcome.id, s.ongoing.id, s.democracy.columns) for s in specifications}
    assert shared_designs < len(units) and len(built) == shared_designs + len(specifications)

    assert sum(row["estimator"] == "firth_logit" for row in together) >= 8  # Firth warm starts used
    for joint, single in zip(together, alone, strict=True):
        assert joint["spec_id"] == single["spec_id"]
        for field in (
            "fitted",
            "converged",
            "separation",
            "estimator",
            "n",
            "events",
            "n_clusters",
            "reason",
        ):
            assert joint[field] == single[field], (joint["spec_id"], field)
        if joint["fitted"]:
            for field in ("estimate", "se", "se_dyad_clustered"):
                assert joint[field] == pytest.approx(single[field], rel=1e-6, abs=1e-9), (
                    joint["spec_id"],
                    field,
                )

"""Fitting: recovery of a known logit, the clustered sandwich by hand, loud failures."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats

from dpeace.errors import ModelError
from dpeace.model.covariance import ClusterGroups, clustered_covariance
from dpeace.model.estimate import fit_logit, fit_model
from dpeace.model.sample import ModelSample, load_dyad_years, select_sample
from dpeace.model.specification import load_battery

from synthetic_dyads import TRUE_COEFFICIENTS


@pytest.fixture(scope="module")
def main_sample(synthetic_database) -> ModelSample:
    spec = load_battery().model("joint_democracy")
    return select_sample(load_dyad_years(synthetic_database, [spec]), spec)


def hand_sample(design: dict, outcome, clusters) -> ModelSample:
    frame = pd.DataFrame({"const": 1.0, **design}).astype(float)
    n = len(frame)
    return ModelSample(
        np.asarray(outcome, float),
        np.asfortranarray(frame.to_numpy()),
        tuple(frame.columns),
        np.asarray(clusters),
        np.full(n, 1900),
        n,
        0,
    )


def test_the_main_model_recovers_the_coefficients_it_was_simulated_from(main_sample):
    fitted = fit_logit(main_sample)
    truth = pd.Series(TRUE_COEFFICIENTS)[fitted.params.index]
    assert fitted.converged and not fitted.separation and fitted.warnings == []
    errors = fitted.params - truth
    # The simulated dyads are independent of one another, so the dyad-clustered errors are
    # the yardstick here (the dyadic-robust ones are tested in test_model_covariance).
    se = fitted.standard_errors()["clustered"]
    assert (errors.abs() < 4 * se).all(), errors / se
    covered = (fitted.params - 1.959964 * se <= truth) & (truth <= fitted.params + 1.959964 * se)
    assert covered.sum() >= 5, covered  # the three peace-year terms err together: one draw, not three
    # jointly too: the Wald distance of the truth is an ordinary chi-square(8) draw
    covariance = fitted.covariances["clustered"].to_numpy()
    wald = errors.to_numpy() @ np.linalg.solve(covariance, errors.to_numpy())
    assert wald < stats.chi2.ppf(0.999, df=len(truth))


def test_clustered_standard_errors_match_the_sandwich_computed_by_hand():
    x = np.array([0.5, -1.2, 0.3, 1.8, -0.4, 0.9, -2.0, 1.1, 0.0, -0.7, 1.5, -1.6])
    y = np.array([1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1], dtype=float)
    clusters = np.array([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    fitted = fit_logit(hand_sample({"x": x}, y, clusters))

    X = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    for _ in range(50):  # Newton-Raphson for the ML estimates, by hand
        p = 1 / (1 + np.exp(-X @ beta))
        beta = beta + np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (y - p))
    p = 1 / (1 + np.exp(-X @ beta))
    bread = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    cluster_scores = np.array([(X * (y - p)[:, None])[clusters == g].sum(axis=0) for g in (1, 2, 3, 4)])
    meat = cluster_scores.T @ cluster_scores
    G, N, K = 4, 12, 2
    covariance = G / (G - 1) * (N - 1) / (N - K) * bread @ meat @ bread

    np.testing.assert_allclose(fitted.params.to_numpy(), beta, rtol=1e-8)
    np.testing.assert_allclose(fitted.terms["se"].to_numpy(), np.sqrt(np.diag(covariance)), rtol=1e-8)
    np.testing.assert_allclose(fitted.terms["z"].to_numpy(), beta / np.sqrt(np.diag(covariance)), rtol=1e-8)
    # and the covariance module gives the same from the bread, the design and the residuals
    np.testing.assert_allclose(
        clustered_covariance(np.linalg.inv(bread), X, y - p, ClusterGroups.from_ids(clusters)),
        fitted.covariance.to_numpy(),
        rtol=1e-8,
    )


def test_intervals_odds_ratios_and_fit_statistics_follow_from_the_estimates(main_sample):
    fitted = fit_logit(main_sample)
    terms = fitted.terms
    np.testing.assert_allclose(terms["ci_low"], terms["coef"] - 1.959964 * terms["se"], rtol=1e-6)
    np.testing.assert_allclose(terms["odds_ratio"], np.exp(terms["coef"]))
    np.testing.assert_allclose(terms["or_ci_high"], np.exp(terms["ci_high"]))
    np.testing.assert_allclose(terms["p"], 2 * stats.norm.sf(np.abs(terms["z"])))
    reference = sm.Logit(main_sample.outcome, main_sample.design).fit(disp=0)
    assert fitted.pseudo_r2 == pytest.approx(reference.prsquared, rel=1e-9)
    assert fitted.aic == pytest.approx(reference.aic, rel=1e-9)
    assert fitted.loglik == pytest.approx(reference.llf, rel=1e-9)


def test_quasi_separation_on_a_binary_regressor_is_flagged_loudly(caplog):
    # every jointly democratic row is at peace: no finite ML estimate for joint_democracy
    joint = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    onset = np.array([1, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    sample = hand_sample({"joint_democracy": joint}, onset, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    spec = load_battery().model("bivariate")
    with caplog.at_level(logging.WARNING):
        fitted = fit_model(sample, spec)
    assert fitted.separation
    assert any("every row with joint_democracy = 1 has outcome 0" in message for message in fitted.warnings)
    assert "WARNING: model bivariate: quasi-complete separation" in caplog.text


def test_complete_separation_on_a_continuous_regressor_is_flagged():
    x = np.array([-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3])
    sample = hand_sample({"x": x}, (x > 0).astype(float), np.arange(10) % 4)
    fitted = fit_logit(sample)
    assert fitted.separation and not fitted.converged
    assert any("perfect separation" in message for message in fitted.warnings)


def test_a_well_posed_small_model_raises_no_flags():
    x = np.array([0.5, -1.2, 0.3, 1.8, -0.4, 0.9, -2.0, 1.1, 0.0, -0.7, 1.5, -1.6])
    y = np.array([1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1], dtype=float)
    fitted = fit_logit(hand_sample({"x": x}, y, np.arange(12) % 4))
    assert fitted.converged and not fitted.separation and fitted.warnings == []


@pytest.mark.parametrize("estimator", ["logit", "firth_logit"])
def test_collinear_regressors_are_a_model_error_naming_the_model(estimator):
    x = np.array([0.5, -1.2, 0.3, 1.8, -0.4, 0.9, -2.0, 1.1, 0.0, -0.7, 1.5, -1.6])
    y = np.array([1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1], dtype=float)
    sample = hand_sample({"x": x, "twice_x": 2 * x}, y, np.arange(12) % 4)
    spec = dataclasses.replace(load_battery().model("bivariate"), estimator=estimator)
    with pytest.raises(ModelError, match="model 'bivariate': .*could not be fitted.*collinear"):
        fit_model(sample, spec)

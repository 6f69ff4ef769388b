"""The estimation engine against statsmodels, on each kind of battery model.

statsmodels is the independent cross-check: the engine (pipeline/model/logit.py, firth.py,
covariance.py) must give its coefficients and clustered standard errors to 1e-6 on a
non-directed, a directed and a monadic model, and Firth's estimates must be the
maximum-likelihood solution statsmodels finds for the augmented data that define them.
"""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm
from statsmodels.stats.sandwich_covariance import S_crosssection

from dpeace.model.estimate import fit_model
from dpeace.model.firth import evaluate, hat_diagonal
from dpeace.model.sample import load_table, select_sample
from dpeace.model.specification import load_battery

TOLERANCE = 1e-6


def _sample(database, model_id):
    spec = load_battery().model(model_id)
    return spec, select_sample(load_table(database, spec.table, [spec]), spec)


@pytest.mark.parametrize(
    "model_id",
    [
        "joint_democracy",  # non-directed dyad-years, clustered by dyad
        "directed_initiation",  # directed: both directions of a pair one cluster, rows not adjacent
        "monadic_involvement",  # state-years, clustered by state
        "war_onset",  # rare events, its own coverage
    ],
)
def test_maximum_likelihood_equals_statsmodels(synthetic_database, model_id):
    spec, sample = _sample(synthetic_database, model_id)
    fitted = fit_model(sample, spec)
    reference = sm.Logit(sample.outcome, sample.design).fit(
        method="newton", maxiter=100, disp=0, cov_type="cluster", cov_kwds={"groups": sample.clusters}
    )
    assert fitted.converged and reference.mle_retvals["converged"]
    np.testing.assert_allclose(fitted.params, reference.params, rtol=TOLERANCE, atol=TOLERANCE)
    clustered = fitted.standard_errors()["clustered"]
    np.testing.assert_allclose(clustered, reference.bse, rtol=TOLERANCE, atol=TOLERANCE)
    # The headline errors are dyadic-robust in dyad models (tested in test_model_covariance),
    # clustered by state in monadic ones.
    headline = "clustered" if spec.table == "state_years" else "dyadic_robust"
    assert fitted.headline == headline
    np.testing.assert_allclose(fitted.terms["se"], fitted.standard_errors()[headline], rtol=1e-12)
    if headline == "clustered":
        np.testing.assert_allclose(fitted.terms["p"], reference.pvalues, rtol=1e-5, atol=1e-12)
    assert fitted.loglik == pytest.approx(reference.llf, rel=1e-9)
    assert fitted.n_clusters == len(np.unique(sample.clusters))
    # The conventional (model-based) standard errors: statsmodels' nonrobust ones.
    nonrobust = sm.Logit(sample.outcome, sample.design).fit(method="newton", maxiter=100, disp=0)
    np.testing.assert_allclose(
        fitted.standard_errors()["conventional"], nonrobust.bse, rtol=TOLERANCE, atol=TOLERANCE
    )


def test_firth_equals_statsmodels_on_the_augmented_data_that_define_it(synthetic_database):
    # Firth's score sum x_i (y_i - p_i + h_i (1/2 - p_i)) is the ML score of a weighted logit
    # in which each row appears once as observed (weight 1) and twice more, with outcome 1
    # and outcome 0, each of weight h_i / 2. At the Firth estimates (h_i taken there),
    # statsmodels' weighted ML fit of those data must return the same estimates.
    spec, sample = _sample(synthetic_database, "firth_joint_democracy")
    assert spec.estimator == "firth_logit"
    fitted = fit_model(sample, spec)
    assert fitted.converged
    X = sample.design.to_numpy()
    y = sample.outcome
    point = evaluate(fitted.params.to_numpy(), y, X)
    hat = hat_diagonal(point, X)
    augmented = sm.GLM(
        np.r_[y, np.ones_like(y), np.zeros_like(y)],
        np.vstack([X, X, X]),
        family=sm.families.Binomial(),
        freq_weights=np.r_[np.ones_like(y), hat / 2, hat / 2],
    ).fit(start_params=fitted.params.to_numpy(), tol=1e-12, maxiter=100)
    # to far below the 1e-6 of the others: Firth's iterations stop on a criterion that
    # leaves the estimates within about a ten-billionth of a standard error of the maximum
    np.testing.assert_allclose(fitted.params, augmented.params, rtol=1e-9, atol=1e-12)

    # Its clustered sandwich: statsmodels' meat (the clusters' score outer products) from
    # Firth's scores, the bread X'WX at the estimates, statsmodels' small-sample factor.
    p = point.probabilities
    scores = X * (y - p + hat * (0.5 - p))[:, None]
    _, groups = np.unique(sample.clusters, return_inverse=True)
    bread = np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))
    n, k, g = len(y), X.shape[1], groups.max() + 1
    covariance = g / (g - 1) * (n - 1) / (n - k) * bread @ S_crosssection(scores, groups) @ bread
    np.testing.assert_allclose(
        fitted.standard_errors()["clustered"], np.sqrt(np.diag(covariance)), rtol=TOLERANCE
    )

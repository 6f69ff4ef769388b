"""The penalised likelihood-ratio test of one Firth coefficient (Heinze and Schemper 2002,
as logistf computes it), against a brute-force computation: the penalised log-likelihood
l(b) + 1/2 log|X'WX| written out here and maximised by scipy with and without the
coefficient held at 0, on a separated fixture (no row with x = 1 has the outcome) and on
one that is not."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize, stats

from dpeace.model.firth import fit_firth_logit, penalized_likelihood_ratio, penalized_log_likelihood


def _fixture(separated: bool) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2002)
    n = 80
    binary = (rng.random(n) < 0.3).astype(float)
    scale = rng.normal(0.0, 1.0, n) * 10.0  # a column far from unit scale, as peace years are
    eta = -0.8 + 0.05 * scale - 1.0 * binary
    outcome = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(float)
    if separated:
        outcome[binary == 1] = 0.0
    return outcome, np.column_stack([np.ones(n), binary, scale])


def _brute_penalised(b: np.ndarray, y: np.ndarray, X: np.ndarray) -> float:
    eta = X @ b
    p = 1.0 / (1.0 + np.exp(-eta))
    loglik = float(np.sum(y * eta - np.logaddexp(0.0, eta)))
    sign, logdet = np.linalg.slogdet((X * (p * (1.0 - p))[:, None]).T @ X)
    return loglik + 0.5 * logdet if sign > 0 else -np.inf


def _brute_maximum(y: np.ndarray, X: np.ndarray, free: list[int]) -> tuple[float, np.ndarray]:
    def negative(values):
        b = np.zeros(X.shape[1])
        b[free] = values
        return -_brute_penalised(b, y, X)

    best = optimize.minimize(
        negative,
        np.zeros(len(free)),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 20_000, "maxfev": 40_000},
    )
    best = optimize.minimize(negative, best.x, method="BFGS", options={"gtol": 1e-10})
    b = np.zeros(X.shape[1])
    b[free] = best.x
    return -best.fun, b


@pytest.mark.parametrize("separated", [True, False])
def test_the_penalised_likelihood_ratio_matches_a_brute_force_maximisation(separated):
    y, X = _fixture(separated)
    fit = fit_firth_logit(y, X)
    assert fit.converged
    test = penalized_likelihood_ratio(y, X, 1, fit.params)

    full, full_params = _brute_maximum(y, X, [0, 1, 2])
    restricted, restricted_params = _brute_maximum(y, X, [0, 2])
    statistic = 2.0 * (full - restricted)
    assert test.statistic == pytest.approx(statistic, abs=1e-6)
    assert test.p == pytest.approx(stats.chi2.sf(statistic, 1), abs=1e-6)
    assert test.restricted.converged and test.restricted.params[1] == 0.0
    np.testing.assert_allclose(test.restricted.params, restricted_params, atol=1e-5)
    np.testing.assert_allclose(fit.params, full_params, atol=1e-5)
    assert penalized_log_likelihood(y, X, fit.params) == pytest.approx(full, abs=1e-8)
    assert test.restricted.penalized_loglik == pytest.approx(restricted, abs=1e-8)


def test_the_held_coefficient_must_not_be_the_intercept():
    y, X = _fixture(separated=False)
    with pytest.raises(ValueError, match="columns 1..2"):
        fit_firth_logit(y, X, zero=0)

"""Firth's penalised logit against cases with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.model.estimate import fit_firth, fit_logit
from dpeace.model.firth import evaluate, fit_firth_logit, hat_diagonal
from dpeace.model.sample import load_dyad_years, select_sample
from dpeace.model.specification import load_battery


def two_by_two(events_0, nonevents_0, events_1, nonevents_1):
    x = np.r_[np.zeros(events_0 + nonevents_0), np.ones(events_1 + nonevents_1)]
    y = np.r_[np.ones(events_0), np.zeros(nonevents_0), np.ones(events_1), np.zeros(nonevents_1)]
    return y, np.column_stack([np.ones_like(x), x])


@pytest.mark.parametrize("cells", [(7, 13, 3, 9), (1, 99, 4, 96), (5, 15, 0, 10), (0, 8, 6, 0)])
def test_a_two_by_two_table_gives_the_add_a_half_log_odds(cells):
    # For a binary regressor with intercept, Firth's estimates are the log odds of the
    # table with 1/2 added to every cell (Firth 1993) -- finite even with empty cells.
    a, b, c, d = cells
    fit = fit_firth_logit(*two_by_two(*cells))
    intercept = np.log((a + 0.5) / (b + 0.5))
    slope = np.log((c + 0.5) / (d + 0.5)) - intercept
    assert fit.converged
    np.testing.assert_allclose(fit.params, [intercept, slope], rtol=1e-10)


def test_the_intercept_only_model_gives_events_plus_a_half_over_n_plus_one():
    y = np.r_[np.ones(3), np.zeros(37)]
    fit = fit_firth_logit(y, np.ones((40, 1)))
    assert 1 / (1 + np.exp(-fit.params[0])) == pytest.approx((3 + 0.5) / (40 + 1), rel=1e-8)


def test_the_hat_diagonal_equals_the_explicit_projection():
    rng = np.random.default_rng(3)
    X = np.column_stack([np.ones(30), rng.normal(size=(30, 2))])
    point = evaluate(np.array([-0.5, 0.8, -0.3]), rng.integers(0, 2, 30).astype(float), X)
    root_w = np.sqrt(point.probabilities * (1 - point.probabilities))
    A = X * root_w[:, None]
    explicit = np.diag(A @ np.linalg.inv(A.T @ A) @ A.T)
    np.testing.assert_allclose(hat_diagonal(point, X), explicit, rtol=1e-10)
    assert hat_diagonal(point, X).sum() == pytest.approx(3)  # the trace is the number of parameters


def test_completely_separated_data_give_finite_estimates():
    x = np.array([-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3])
    fit = fit_firth_logit((x > 0).astype(float), np.column_stack([np.ones(10), x]))
    assert fit.converged
    assert np.all(np.isfinite(fit.params)) and 0 < fit.params[1] < 5


def test_on_a_large_sample_firth_is_close_to_maximum_likelihood(synthetic_database):
    spec = load_battery().model("joint_democracy")
    sample = select_sample(load_dyad_years(synthetic_database, [spec]), spec)
    firth, ml = fit_firth(sample), fit_logit(sample)
    assert firth.converged and not firth.separation
    # the penalty's pull is O(1/n): a small fraction of a standard error here
    shift = (firth.params - ml.params) / ml.terms["se"]
    assert (shift.abs() < 0.1).all(), shift
    assert (shift.abs() > 0).any()  # but it is a different estimator
    np.testing.assert_allclose(firth.terms["se"], ml.terms["se"], rtol=0.02)
    assert firth.loglik < ml.loglik  # ML maximises the ordinary likelihood


def _separated_with_cubic_peace_years(seed: int, n: int = 20_000):
    """No event in any democratic row (quasi-complete separation), peace years to 199 and
    their square and cube unscaled (the cube up to 7.9 million beside an intercept of 1)."""
    rng = np.random.default_rng(seed)
    peace = rng.integers(0, 200, n).astype(float)
    democratic = (rng.random(n) < 0.15).astype(float)
    y = (rng.random(n) < 1 / (1 + np.exp(2.0 + 0.02 * peace))).astype(float)
    y[democratic == 1] = 0
    return y, np.column_stack([np.ones(n), democratic, peace, peace**2, peace**3])


@pytest.mark.parametrize("seed", [0, 1])
def test_firth_on_unscaled_cubic_peace_years_converges_from_where_maximum_likelihood_ran_off(seed):
    from dpeace.model.covariance import ClusterGroups
    from dpeace.model.logit import _fit_maximum_likelihood, fit

    y, X = _separated_with_cubic_peace_years(seed)
    runaway = _fit_maximum_likelihood(X, y, ClusterGroups.from_ids(np.arange(len(y))), None, (), False)
    assert runaway.params[1] < -30  # maximum likelihood runs off towards minus infinity
    from_runaway = fit_firth_logit(y, X, start=runaway.params)
    cold = fit_firth_logit(y, X)
    # the same fit on columns divided by 200, 200^2 and 200^3, mapped back by hand
    scale = np.array([1.0, 1.0, 200.0, 200.0**2, 200.0**3])
    prescaled = fit_firth_logit(y, X / scale)
    assert from_runaway.converged and cold.converged and prescaled.converged
    assert cold.iterations < 30
    np.testing.assert_allclose(from_runaway.params, cold.params, rtol=1e-6)
    np.testing.assert_allclose(cold.params, prescaled.params / scale, rtol=1e-6)
    np.testing.assert_allclose(cold.information, prescaled.information * np.outer(scale, scale), rtol=1e-6)
    assert cold.penalized_loglik == pytest.approx(prescaled.penalized_loglik + np.log(scale).sum(), rel=1e-9)
    assert -8 < cold.params[1] < -3  # finite and strongly negative: no democratic row had an event
    # and through the engine, as the battery, the curve and the API call it
    engine = fit(X, y, ClusterGroups.from_ids(np.arange(len(y))), estimator="firth_logit")
    assert engine.converged
    np.testing.assert_allclose(engine.params, cold.params, rtol=1e-6)


def _plain_firth(y: np.ndarray, X: np.ndarray, iterations: int = 2_000) -> np.ndarray:
    """Firth's modified-score iteration written plainly, as an independent reference: the hat
    values from a QR decomposition of W^1/2 X, b <- b + (X'WX)^-1 U*(b), the step halved
    while it lowers l(b) + 1/2 log|X'WX|, until the step is below rounding."""

    def penalised(b):
        eta = X @ b
        p = 1 / (1 + np.exp(-eta))
        w = p * (1 - p)
        loglik = np.sum(y * eta - np.logaddexp(0, eta))
        return loglik + 0.5 * np.linalg.slogdet(X.T @ (X * w[:, None]))[1], p, w

    b = np.zeros(X.shape[1])
    value, p, w = penalised(b)
    for _ in range(iterations):
        q, _ = np.linalg.qr(X * np.sqrt(w)[:, None])
        h = np.sum(q * q, axis=1)
        step = np.linalg.solve(X.T @ (X * w[:, None]), X.T @ (y - p + h * (0.5 - p)))
        if np.max(np.abs(step)) < 1e-15:
            break
        while True:
            candidate, cp, cw = penalised(b + step)
            if candidate >= value - 1e-12 or np.max(np.abs(step)) < 1e-15:
                break
            step = step / 2
        b, value, p, w = b + step, candidate, cp, cw
    return b


def _rare_events_with_a_separated_level(seed: int, n: int = 12_000):
    """About 20 events in 12,000 rows, none where the 0/1 term is 1 (quasi-complete separation)."""
    rng = np.random.default_rng(seed)
    separated = (rng.random(n) < 0.2).astype(float)
    x = rng.normal(size=n)
    years = rng.integers(0, 50, n) / 10.0
    y = (rng.random(n) < 1 / (1 + np.exp(6.0 - 0.8 * x + 0.3 * years))).astype(float)
    y[separated == 1] = 0
    return y, np.column_stack([np.ones(n), separated, x, years, years**2])


@pytest.mark.parametrize("seed", [3, 4])
def test_firth_on_separated_rare_events_equals_the_plain_modified_score_iteration(seed):
    y, X = _rare_events_with_a_separated_level(seed)
    reference = _plain_firth(y, X)
    fit = fit_firth_logit(y, X)
    assert fit.converged
    assert -10 < fit.params[1] < -1  # finite, and strongly negative
    np.testing.assert_allclose(fit.params, reference, rtol=1e-9, atol=1e-12)
    # The case-control start (every event, every s-th non-event) only changes where it starts.
    from_cold = fit_firth_logit(y, X, case_control=False)
    assert fit.iterations < from_cold.iterations
    np.testing.assert_allclose(fit.params, from_cold.params, rtol=1e-9, atol=1e-12)

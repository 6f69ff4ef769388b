"""The dyad fixed-effects logit against a direct fit with one dummy per dyad (statsmodels)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from dpeace.model.fixed_effects import fit_dyad_fixed_effects


def _panel():
    """36 dyads of 9 states over 25 years; a dyad effect, a time-varying x, a fixed distance."""
    rng = np.random.default_rng(11)
    pairs = list(itertools.combinations(range(1, 10), 2))
    rows = []
    for d, (a, b) in enumerate(pairs):
        effect = rng.normal(-1.5, 1.0) if d % 4 else -30.0  # every fourth dyad never fights
        distance = rng.uniform(5, 9)
        for year in range(25):
            x = rng.normal() + 0.3 * (d % 3)
            onset = rng.random() < 1 / (1 + np.exp(-(effect + 0.8 * x)))
            rows.append((a, b, year, x, distance, float(onset)))
    return pd.DataFrame(rows, columns=["s1", "s2", "year", "x", "distance", "y"])


def test_the_fixed_effects_logit_equals_a_direct_fit_with_dyad_dummies():
    panel = _panel()
    fitted = fit_dyad_fixed_effects(
        panel["y"].to_numpy(),
        panel[["x", "distance"]].to_numpy(),
        ["x", "distance"],
        panel[["s1", "s2"]].to_numpy(),
    )
    # discarded, counted by pandas: the dyads with no onset or an onset every year
    by_dyad = panel.groupby(["s1", "s2"])["y"].agg(["sum", "count"])
    constant = by_dyad[(by_dyad["sum"] == 0) | (by_dyad["sum"] == by_dyad["count"])]
    assert fitted.dyads_discarded == len(constant) >= 9
    assert fitted.dyad_years_discarded == int(constant["count"].sum())
    assert fitted.n_dyads == 36 - len(constant) and fitted.n == len(panel) - fitted.dyad_years_discarded
    # the distance is fixed within a dyad: absorbed by the intercepts, dropped by name
    assert fitted.names == ("x",) and fitted.dropped == ("distance",)

    kept = panel.set_index(["s1", "s2"]).loc[by_dyad.index.difference(constant.index)].reset_index()
    dummies = pd.get_dummies(kept["s1"].astype(str) + "-" + kept["s2"].astype(str), dtype=float)
    groups = (kept["s1"] * 100 + kept["s2"]).to_numpy()
    direct = sm.Logit(kept["y"], pd.concat([kept[["x"]], dummies], axis=1)).fit(
        method="newton", maxiter=100, disp=0
    )
    assert fitted.converged
    np.testing.assert_allclose(fitted.params, direct.params[["x"]], rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(fitted.model_covariance[0, 0]), direct.bse["x"], rtol=1e-6)
    clustered = sm.Logit(kept["y"], pd.concat([kept[["x"]], dummies], axis=1)).fit(
        method="newton", maxiter=100, disp=0, cov_type="cluster", cov_kwds={"groups": groups}
    )
    # statsmodels' factor counts the dyad dummies among the parameters, ours only x
    n, k_ours, k_direct = len(kept), 1, 1 + dummies.shape[1]
    rescale = (n - k_direct) / (n - k_ours)
    assert fitted.covariances["clustered"][0, 0] == pytest.approx(
        clustered.cov_params().loc["x", "x"] * rescale, rel=1e-6
    )
    # (the dyadic-robust variance of nine states can be clipped to zero: see covariance.py)
    assert fitted.covariances["dyadic_robust"][0, 0] >= 0


@pytest.mark.parametrize("unit", [1e-9, 1e9])
def test_a_regressor_in_other_units_converges_to_the_same_fit_rescaled(unit):
    # x in units a billion times larger or smaller (a rate per person, an income in cents):
    # the same model, so the same fit with the coefficient and its errors rescaled. Stopping on
    # a bound on the step's largest entry, the small-unit fit never converged: its coefficient
    # (about 10^9) moves by more than the bound from rounding alone.
    panel = _panel()
    y, states = panel["y"].to_numpy(), panel[["s1", "s2"]].to_numpy()
    x = panel[["x"]].to_numpy()
    ordinary = fit_dyad_fixed_effects(y, x, ["x"], states)
    rescaled = fit_dyad_fixed_effects(y, x / unit, ["x"], states)
    assert ordinary.converged and rescaled.converged
    assert rescaled.iterations == ordinary.iterations < 10
    np.testing.assert_allclose(rescaled.params * (1 / unit), ordinary.params, rtol=1e-9)
    np.testing.assert_allclose(rescaled.model_covariance / unit**2, ordinary.model_covariance, rtol=1e-9)
    for kind in ("clustered", "dyadic_robust"):
        np.testing.assert_allclose(
            rescaled.covariances[kind] / unit**2, ordinary.covariances[kind], rtol=1e-9, atol=1e-300
        )

"""Predicted probabilities for a democratic and another dyad, with simulated intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dpeace.model.effects import predicted_contrast, typical_values
from dpeace.model.specification import EffectContrast

DESIGN = pd.DataFrame(
    {
        "const": 1.0,
        "joint_democracy": [0, 1, 0, 0, 1, 0, 0],
        "contiguous": [0, 0, 1, 0, 0, 1, 0],  # mostly 0
        "any_major_power": [1, 1, 1, 0, 1, 1, 0],  # mostly 1
        "log_cap_ratio": [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0],
        "peace_years": [0, 1, 2, 4, 9, 30, 100],
    }
).astype(float)
DESIGN["peace_years_sq"] = DESIGN["peace_years"] ** 2
DESIGN["peace_years_cu"] = DESIGN["peace_years"] ** 3
PARAMS = pd.Series([-3.0, -1.2, 1.5, 0.6, -0.1, -0.08, 0.001, -0.000004], index=DESIGN.columns)
COVARIANCE = pd.DataFrame(
    np.diag([0.04, 0.02, 0.01, 0.01, 0.0004, 1e-5, 1e-9, 1e-13]), index=DESIGN.columns, columns=DESIGN.columns
)
JOINT = EffectContrast(democratic=1.0, other=0.0)


def contrast(seed=7, covariance=COVARIANCE, draws=10000):
    return predicted_contrast(
        list(PARAMS.index),
        PARAMS.to_numpy(),
        covariance.to_numpy(),
        DESIGN,
        "joint_democracy",
        JOINT,
        draws=draws,
        seed=seed,
    )


def test_typical_values_are_modes_means_and_the_median_peace_years_with_its_powers():
    assert typical_values(DESIGN, "joint_democracy") == {
        "contiguous": 0,
        "any_major_power": 1,
        "log_cap_ratio": pytest.approx(20.5 / 7),
        "peace_years": 4.0,
        "peace_years_sq": 16.0,
        "peace_years_cu": 64.0,
    }


def test_point_estimates_are_the_inverse_logit_at_the_typical_values():
    eta_other = -3.0 + 0.6 - 0.1 * 20.5 / 7 - 0.08 * 4 + 0.001 * 16 - 0.000004 * 64
    result = contrast()
    p_other = 1 / (1 + np.exp(-eta_other))
    p_democratic = 1 / (1 + np.exp(-(eta_other - 1.2)))
    assert result["p_other"]["estimate"] == pytest.approx(p_other, rel=1e-12)
    assert result["p_democratic"]["estimate"] == pytest.approx(p_democratic, rel=1e-12)
    assert result["ratio"]["estimate"] == pytest.approx(p_democratic / p_other, rel=1e-12)


def test_intervals_contain_their_estimates_and_are_reproducible_with_the_seed():
    first, again, other_seed = contrast(seed=7), contrast(seed=7), contrast(seed=8)
    for quantity in ("p_democratic", "p_other", "ratio"):
        interval = first[quantity]
        assert interval["ci_low"] < interval["estimate"] < interval["ci_high"]
    assert first == again
    assert first["ratio"]["ci_low"] != other_seed["ratio"]["ci_low"]
    assert "10000 draws" in first["method"] and "seed 7" in first["method"]


def test_simulated_intervals_agree_with_the_delta_method_when_uncertainty_is_small():
    small = COVARIANCE / 100
    result = contrast(covariance=small, draws=20000)
    profile = np.array([1.0, 0.0, 0.0, 1.0, 20.5 / 7, 4.0, 16.0, 64.0])
    p = result["p_other"]["estimate"]
    delta_se = p * (1 - p) * np.sqrt(profile @ small.to_numpy() @ profile)
    assert result["p_other"]["ci_low"] == pytest.approx(p - 1.96 * delta_se, rel=0.01)
    assert result["p_other"]["ci_high"] == pytest.approx(p + 1.96 * delta_se, rel=0.01)
    # the log ratio is the joint_democracy coefficient plus a small nonlinearity term
    assert np.log(result["ratio"]["ci_high"] / result["ratio"]["ci_low"]) == pytest.approx(
        2 * 1.96 * np.sqrt(small.loc["joint_democracy", "joint_democracy"]), rel=0.05
    )


def test_the_contiguous_profile_sets_contiguity_to_one_and_keeps_the_rest_typical():
    # Typical values as above with contiguous = 1: the linear predictor gains its coefficient, 1.5.
    eta_other = -3.0 + 1.5 + 0.6 - 0.1 * 20.5 / 7 - 0.08 * 4 + 0.001 * 16 - 0.000004 * 64
    neighbours = contrast()["contiguous"]
    assert neighbours["typical_values"]["contiguous"] == 1
    assert neighbours["typical_values"]["peace_years"] == 4.0
    assert neighbours["p_other"]["estimate"] == pytest.approx(1 / (1 + np.exp(-eta_other)), rel=1e-12)
    assert neighbours["p_democratic"]["estimate"] == pytest.approx(
        1 / (1 + np.exp(-(eta_other - 1.2))), rel=1e-12
    )
    for quantity in ("p_democratic", "p_other", "ratio"):
        assert (
            neighbours[quantity]["ci_low"]
            < neighbours[quantity]["estimate"]
            < neighbours[quantity]["ci_high"]
        )


def test_no_contiguous_profile_without_a_contiguity_control():
    design = DESIGN.drop(columns="contiguous")
    params = PARAMS.drop("contiguous")
    result = predicted_contrast(
        list(params.index),
        params.to_numpy(),
        COVARIANCE.drop(index="contiguous", columns="contiguous").to_numpy(),
        design,
        "joint_democracy",
        JOINT,
        draws=100,
        seed=7,
    )
    assert "contiguous" not in result

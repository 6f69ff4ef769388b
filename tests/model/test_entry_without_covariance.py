"""A model whose fit has no covariance (separated, not converged) still gets its results
entry, without predicted probabilities, instead of a numpy traceback from simulating
coefficients out of NaN."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.model.battery import fit_one
from dpeace.model.specification import Battery, EffectContrast, ModelSpec


def test_a_separated_fit_gets_an_entry_without_predicted_probabilities():
    # Onsets exactly where joint_democracy is 0 and never where it is 1: complete separation.
    joint = [0, 0, 0, 1, 1, 1, 0, 1]
    frame = pd.DataFrame(
        {
            "ccode1": [2, 2, 2, 2, 20, 20, 20, 20],
            "ccode2": [20, 20, 20, 20, 200, 200, 200, 200],
            "year": [1900, 1901, 1902, 1903, 1900, 1901, 1902, 1903],
            "mid_onset": pd.array([1 - j for j in joint], dtype="boolean"),
            "mid_ongoing": pd.array([False] * 8, dtype="boolean"),
            "joint_democracy": pd.array(joint, dtype="boolean"),
        }
    )
    spec = ModelSpec(
        id="separated",
        label="separated",
        description="separated",
        estimator="logit",
        outcome="mid_onset",
        democracy_term="joint_democracy",
        controls=(),
        sample="all",
        ongoing="drop",
        effects=EffectContrast(democratic=1, other=0),
    )
    battery = Battery(main_model="separated", models=(spec,), simulation_draws=50, simulation_seed=1)

    _, fitted, entry = fit_one(frame, spec, battery)

    assert not np.isfinite(fitted.covariance.to_numpy()).all()
    assert entry["id"] == "separated" and entry["effects"] is None

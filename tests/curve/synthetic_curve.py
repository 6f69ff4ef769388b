"""The model tests' simulated dyad_years, with the further columns the curve's grid reads.

Built on tests/model/synthetic_dyads.py (onsets drawn from a known logit). Added here,
each drawn at random but with a known structure the tests rely on:
- originator_onset: 60% of onsets; war_onset: half of the fatal onsets, but never in a
  jointly democratic (polity2 >= 6) dyad-year, so that every war specification with a 0/1
  Polity democracy term at 6 or above is quasi-completely separated;
- joint_democracy_bmr: joint polity2 democracy with 5% of its known values flipped;
- defense_pact (20% of dyads, all years) and log_capital_distance (per dyad);
- polity2_lag_low (the dyad's polity2_low of the year before, NULL in its first year) and
  peace_years_since_onset (years since the dyad's last MID onset, counted from its first
  year when it has had none), derived without random draws; and, so that the project's own
  grid loads, bmr_democracy_1/_2 (each state's polity2 >= 6), joint_democracy_bmr_lag and the
  GML originator, force and fatal onsets (a GML onset that is also one of MID's kind).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "model"))
from synthetic_dyads import simulate_dyad_years, write_dyad_years  # noqa: E402

SEED = 20261128


def simulate_curve_dyad_years(seed: int = SEED) -> pd.DataFrame:
    dyads = simulate_dyad_years()
    rng = np.random.default_rng(seed)
    n = len(dyads)
    onset = dyads["mid_onset"].astype("float64").to_numpy()  # NaN outside MID coverage
    fatal = dyads["fatal_onset"].astype("float64").to_numpy()
    joint = dyads["joint_democracy"].astype("float64").to_numpy()

    originator = np.where(np.isnan(onset), np.nan, (onset == 1) & (rng.random(n) < 0.6))
    war = np.where(np.isnan(fatal), np.nan, (fatal == 1) & (rng.random(n) < 0.5) & (joint != 1))
    flipped = rng.random(n) < 0.05
    bmr = np.where(np.isnan(joint), np.nan, np.where(flipped, 1 - joint, joint))

    pair = dyads["ccode1"].to_numpy() * 1000 + dyads["ccode2"].to_numpy()
    _, dyad_index = np.unique(pair, return_inverse=True)
    n_dyads = dyad_index.max() + 1
    pact = (rng.random(n_dyads) < 0.2)[dyad_index]
    distance = np.log(rng.uniform(100, 10_000, n_dyads))[dyad_index]

    dyads["originator_onset"] = _boolean(originator)
    dyads["war_onset"] = _boolean(war)
    dyads["joint_democracy_bmr"] = _boolean(bmr)
    dyads["defense_pact"] = pact
    dyads["log_capital_distance"] = distance
    dyads = dyads.sort_values(["ccode1", "ccode2", "year"], ignore_index=True)
    by_dyad = dyads.groupby(["ccode1", "ccode2"], sort=False)
    previous_year = by_dyad["year"].shift(1)
    lagged = by_dyad["polity2_low"].shift(1)
    dyads["polity2_lag_low"] = lagged.where(previous_year == dyads["year"] - 1)
    dyads["peace_years_since_onset"] = _years_since_onset(dyads).astype("float64")
    dyads["joint_democracy_bmr_lag"] = (
        by_dyad["joint_democracy_bmr"].shift(1).where(previous_year == dyads["year"] - 1)
    )
    for state in ("1", "2"):
        polity = dyads[f"polity2_{state}"].astype("float64").to_numpy()
        dyads[f"bmr_democracy_{state}"] = _boolean(np.where(np.isnan(polity), np.nan, polity >= 6))
    gml = dyads["gml_onset"].astype("float64").to_numpy()
    for kind in ("originator", "force", "fatal"):
        mid = dyads[f"{kind}_onset"].astype("float64").fillna(0).to_numpy()
        dyads[f"gml_{kind}_onset"] = _boolean(np.where(np.isnan(gml), np.nan, (gml == 1) & (mid == 1)))
    return dyads


def _years_since_onset(dyads: pd.DataFrame) -> np.ndarray:
    count = np.zeros(len(dyads))
    pair = dyads["ccode1"].to_numpy() * 100_000 + dyads["ccode2"].to_numpy()
    onset = dyads["mid_onset"].astype("float64").fillna(0).to_numpy()
    for i in range(1, len(dyads)):
        if pair[i] == pair[i - 1]:
            count[i] = 0 if onset[i - 1] == 1 else count[i - 1] + 1
    return count


def _boolean(values: np.ndarray):
    return pd.array([pd.NA if np.isnan(value) else bool(value) for value in values], dtype="boolean")


__all__ = ["simulate_curve_dyad_years", "write_dyad_years"]

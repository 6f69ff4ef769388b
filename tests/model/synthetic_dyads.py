"""A dyad_years table simulated from a known logit, for the model tests.

Onsets are drawn year by year from the main model's logit (joint democracy, contiguity,
major power, log capability ratio, peace-year cubic, log capital distance), so a fit of that model to the
rows it governs must recover TRUE_COEFFICIENTS within sampling error. A dispute may
continue into the next year; those continuation years have no onset and are not
governed by the logit (the "drop" rule removes them). The last two years lie beyond
MID coverage (dispute columns NULL), like 2015-2016 in the real data.

The conflict-record columns (originator_onset, war_onset, war_ongoing) and the tables
dyad_years_directed and state_years derived from it are drawn from a second generator,
so that they leave the main simulation's draws, and the tests pinned to them, unchanged:
an onset is an originator onset 80% of the time, a use of force a war 20% of the time
(over in its year), and either state of an onset pair is the initiator, half and half.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.build_identity import record_build_info
from dpeace.database import write_atomically

TRUE_COEFFICIENTS = {
    "const": -2.5,
    "joint_democracy": -1.0,
    "contiguous": 1.5,
    "any_major_power": 0.8,
    "log_cap_ratio": -0.15,
    "peace_years": -0.15,
    "peace_years_sq": 0.004,
    "peace_years_cu": -0.00003,
    "log_capital_distance": -0.2,
    # Defence pacts (ATOP) enter the main model as a control; here they have no effect, and
    # are drawn from a stream of their own so that every other draw is as before.
    "defense_pact": 0.0,
}
FIRST_YEAR, LAST_COVERED_YEAR, LAST_YEAR = 1920, 1969, 1971
N_STATES, N_DYADS = 60, 1000
SEED = 20240611


def simulate_dyad_years(seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    ccodes = 2 + 5 * np.arange(N_STATES)
    major = np.zeros(N_STATES, dtype=bool)
    major[rng.choice(N_STATES, 5, replace=False)] = True
    cinc = rng.lognormal(mean=-5, sigma=1.2, size=N_STATES)

    # polity2 per state-year: persistent, with occasional regime changes and a few gaps
    polity = np.empty((len(years), N_STATES))
    polity[0] = _draw_polity(rng, N_STATES)
    for t in range(1, len(years)):
        change = rng.random(N_STATES) < 0.05
        polity[t] = np.where(change, _draw_polity(rng, N_STATES), polity[t - 1])
    polity[rng.random(polity.shape) < 0.02] = np.nan

    pairs = np.array([(i, j) for i in range(N_STATES) for j in range(i + 1, N_STATES)])
    pairs = pairs[np.sort(rng.choice(len(pairs), N_DYADS, replace=False))]
    first, second = pairs[:, 0], pairs[:, 1]
    contiguous = rng.random(N_DYADS) < 0.2
    any_major = major[first] | major[second]
    stronger = np.maximum(cinc[first], cinc[second])
    weaker = np.minimum(cinc[first], cinc[second])
    log_cap_ratio = np.log(stronger / weaker)
    defense_pact = np.random.default_rng(seed + 1).random(N_DYADS) < 0.15
    # Drawn from a generator of their own, so that the draws above stay as they were.
    covariate_rng = np.random.default_rng(seed + 2)
    # ln(1 + km) for km between about 150 and 20,000, centred (the table holds the centred
    # value) so that the constant keeps its meaning.
    log_distance = np.log1p(np.exp(covariate_rng.uniform(5, 9.9, N_DYADS)))
    centred_log_distance = log_distance - log_distance.mean()

    frames = []
    peace_years = np.zeros(N_DYADS)
    continuing = np.zeros(N_DYADS, dtype=bool)
    beta = TRUE_COEFFICIENTS
    for t, year in enumerate(years):
        polity_1, polity_2 = polity[t, first], polity[t, second]
        both_known = ~np.isnan(polity_1) & ~np.isnan(polity_2)
        joint = np.where(both_known, (polity_1 >= 6) & (polity_2 >= 6), False)
        # BMR's verdict agrees with Polity's but for 5% of the pairs, and is known for all.
        joint_bmr = np.where(covariate_rng.random(N_DYADS) < 0.05, ~joint, joint)
        eta = (
            beta["const"]
            + beta["joint_democracy"] * joint
            + beta["contiguous"] * contiguous
            + beta["any_major_power"] * any_major
            + beta["log_cap_ratio"] * log_cap_ratio
            + beta["peace_years"] * peace_years
            + beta["peace_years_sq"] * peace_years**2
            + beta["peace_years_cu"] * peace_years**3
            + beta["log_capital_distance"] * centred_log_distance
            + beta["defense_pact"] * defense_pact
        )
        onset = (rng.random(N_DYADS) < 1 / (1 + np.exp(-eta))) & ~continuing
        force = onset & (rng.random(N_DYADS) < 0.5)
        fatal = force & (rng.random(N_DYADS) < 0.3)
        covered = year <= LAST_COVERED_YEAR
        frames.append(
            pd.DataFrame(
                {
                    "ccode1": ccodes[first],
                    "ccode2": ccodes[second],
                    "year": year,
                    "mid_onset": _covered(onset, covered),
                    "mid_ongoing": _covered(onset | continuing, covered),
                    "force_onset": _covered(force, covered),
                    "fatal_onset": _covered(fatal, covered),
                    "peace_years": peace_years.copy(),
                    "polity2_1": polity_1,
                    "polity2_2": polity_2,
                    "joint_democracy": pd.array(np.where(both_known, joint, pd.NA), dtype="boolean"),
                    "cinc_1": cinc[first],
                    "cinc_2": cinc[second],
                    "contiguous": contiguous,
                    "major_power_1": major[first],
                    "major_power_2": major[second],
                    "any_major_power": any_major,
                    "log_cap_ratio": log_cap_ratio,
                    "log_capital_distance": centred_log_distance,
                    "joint_democracy_bmr": joint_bmr,
                    "defense_pact": defense_pact,
                }
            )
        )
        # an onset year resets the clock; a dispute continues into next year 40% of the time
        peace_years = np.where(onset, 0.0, peace_years + 1)
        continuing = onset & (rng.random(N_DYADS) < 0.4)

    dyads = pd.concat(frames, ignore_index=True)
    dyads["peace_years_sq"] = dyads["peace_years"] ** 2
    dyads["peace_years_cu"] = dyads["peace_years"] ** 3
    dyads["polity2_low"] = dyads[["polity2_1", "polity2_2"]].min(axis=1, skipna=False)
    dyads["polity2_high"] = dyads[["polity2_1", "polity2_2"]].max(axis=1, skipna=False)
    dyads["cap_ratio"] = np.exp(dyads["log_cap_ratio"])
    dyads["weaker_share"] = dyads[["cinc_1", "cinc_2"]].min(axis=1) / (dyads["cinc_1"] + dyads["cinc_2"])
    dyads["conttype"] = pd.array(np.where(dyads["contiguous"], 1, pd.NA), dtype="Int32")
    dyads["politically_relevant"] = dyads["contiguous"] | dyads["any_major_power"]
    extra = np.random.default_rng(seed + 1)
    onset = dyads["mid_onset"].fillna(False).to_numpy(dtype=bool)
    force = dyads["force_onset"].fillna(False).to_numpy(dtype=bool)
    covered = dyads["mid_onset"].notna().to_numpy()
    draws = extra.random((len(dyads), 3))
    for column, values in (
        ("originator_onset", onset & (draws[:, 0] < 0.8)),
        ("war_onset", force & (draws[:, 1] < 0.2)),
        ("first_initiated", onset & (draws[:, 2] < 0.5)),
    ):
        dyads[column] = pd.array(np.where(covered, values, pd.NA), dtype="boolean")
    dyads["war_ongoing"] = dyads["war_onset"]
    _add_community_flags(dyads)
    _add_rival_explanations(dyads, seed)
    _add_other_measures_and_gml(dyads, np.random.default_rng(seed + 3))
    return dyads


def _add_rival_explanations(dyads: pd.DataFrame, seed: int) -> None:
    """The rival explanations' dyad columns, drawn apart from everything above (no true
    effect on onsets), each unknown in a tenth of the rows as the real ones are in part."""
    rng = np.random.default_rng(seed + 2)
    size = len(dyads)

    def some_unknown(values: np.ndarray) -> np.ndarray:
        return np.where(rng.random(size) < 0.1, np.nan, values)

    dyads["trade_dependence_low"] = some_unknown(rng.exponential(0.002, size))
    dyads["shared_igos"] = some_unknown(rng.integers(0, 60, size).astype(float))
    dyads["gdppc_low"] = some_unknown(rng.lognormal(8, 1, size))
    dyads["log_gdppc_low"] = np.log(dyads["gdppc_low"])
    dyads["terrthreat_high"] = some_unknown(rng.normal(0, 1, size))
    dyads["tss_rivalry"] = pd.array(rng.random(size) < 0.02, dtype="boolean")
    dyads["milper_per_capita_low"] = some_unknown(rng.exponential(0.005, size))
    dyads["land_contiguous"] = dyads["contiguous"] & (rng.random(size) < 0.7)
    dyads["cinc_proportion"] = dyads[["cinc_1", "cinc_2"]].min(axis=1) / dyads[["cinc_1", "cinc_2"]].max(
        axis=1
    )


def _add_other_measures_and_gml(dyads: pd.DataFrame, rng: np.random.Generator) -> None:
    """The other democracy measures and the GML record, from a generator of their own so
    that no draw above changes: each joint-democracy verdict is Polity's with 5% of the
    known ones flipped; QuickUDS's weak link is polity2_low / 7; GML misses 5% of MID's
    onsets (those years stay ongoing in GML, so the drop rule removes them); GML's peace
    years are MID's."""
    joint = dyads["joint_democracy"]
    for column in ("joint_democracy_vdem", "joint_democracy_uds", "joint_democracy_lag"):
        flip = rng.random(len(dyads)) < 0.05
        dyads[column] = joint.where(~flip, ~joint)
    dyads["xm_qudsest_low"] = dyads["polity2_low"] / 7
    missed = rng.random(len(dyads)) < 0.05
    # NULL where MID is (beyond coverage), as in the real table.
    dyads["gml_onset"] = dyads["mid_onset"].mask(missed & dyads["mid_onset"].notna().to_numpy(), False)
    dyads["gml_ongoing"] = dyads["mid_ongoing"]
    # GML's peace years are MID's (the missed onsets stay ongoing years, which end no
    # peace of their own); NULL where GML is.
    known = dyads["gml_onset"].notna().to_numpy()
    for power, suffix in ((1, ""), (2, "_sq"), (3, "_cu")):
        dyads[f"gml_peace_years{suffix}"] = np.where(known, dyads["peace_years"] ** power, np.nan)


def _add_community_flags(dyads: pd.DataFrame) -> None:
    """Two blocs with no true effect on onsets, fixed by state index so that no random draw
    above changes: the first 12 states form one community from 1940 (joint_ec_eu), the
    first 20 another from 1930 (joint_nato)."""
    index_1, index_2 = (dyads["ccode1"] - 2) // 5, (dyads["ccode2"] - 2) // 5
    for column, size, first_year in (("joint_ec_eu", 12, 1940), ("joint_nato", 20, 1930)):
        dyads[column] = (index_1 < size) & (index_2 < size) & (dyads["year"] >= first_year)


def _draw_polity(rng, size: int) -> np.ndarray:
    democratic = rng.random(size) < 0.4
    return np.where(democratic, rng.integers(6, 11, size), rng.integers(-10, 6, size)).astype(float)


def _covered(values: np.ndarray, covered: bool):
    return pd.array(values if covered else [pd.NA] * len(values), dtype="boolean")


def directed_dyad_years(dyads: pd.DataFrame) -> pd.DataFrame:
    """Both orders of every pair: the _1/_2 columns swap, and ccode1_initiated is true in
    the direction of the onset's initiator."""
    forward = dyads.drop(columns="first_initiated").assign(ccode1_initiated=dyads["first_initiated"])
    swapped = {f"{name}_1": f"{name}_2" for name in ("polity2", "cinc", "major_power")}
    swapped |= {value: key for key, value in swapped.items()} | {"ccode1": "ccode2", "ccode2": "ccode1"}
    backward = (
        dyads.drop(columns="first_initiated")
        .rename(columns=swapped)
        .assign(ccode1_initiated=dyads["mid_onset"] & ~dyads["first_initiated"])
    )
    return pd.concat([forward, backward[forward.columns]], ignore_index=True)


def state_years(dyads: pd.DataFrame) -> pd.DataFrame:
    """One row per state-year: its polity2, cinc and major power, its neighbours (contiguous
    partners), the onsets and wars it took part in as disputes and wars entered (NULL beyond
    coverage), and the years since its last dispute (war) year as its peace years."""
    sides = [
        dyads[
            [
                f"ccode{i}",
                "year",
                f"polity2_{i}",
                f"cinc_{i}",
                f"major_power_{i}",
                "mid_onset",
                "war_onset",
                "contiguous",
            ]
        ].set_axis(
            ["ccode", "year", "polity2", "cinc", "major_power", "mid_onset", "war_onset", "contiguous"],
            axis=1,
        )
        for i in (1, 2)
    ]
    both = pd.concat(sides, ignore_index=True)
    both[["mid_onset", "war_onset"]] = both[["mid_onset", "war_onset"]].astype("Float64")
    grouped = both.groupby(["ccode", "year"], as_index=False).agg(
        polity2=("polity2", "first"),
        cinc=("cinc", "first"),
        major_power=("major_power", "first"),
        mid_entered=("mid_onset", lambda v: v.sum() if v.notna().all() else pd.NA),
        war_entered=("war_onset", lambda v: v.sum() if v.notna().all() else pd.NA),
        neighbours=("contiguous", "sum"),
    )
    grouped = grouped.sort_values(["ccode", "year"], ignore_index=True)
    for entered, clock in (("mid_entered", "peace_years"), ("war_entered", "war_peace_years")):
        years = []
        for _, state in grouped.groupby("ccode", sort=False):
            since = 0
            for count in state[entered]:
                years.append(since)
                since = 0 if (not pd.isna(count) and count > 0) else since + 1
        grouped[clock] = years
        grouped[f"{clock}_sq"] = grouped[clock] ** 2
        grouped[f"{clock}_cu"] = grouped[clock] ** 3
    return grouped


SYNTHETIC_BUILD_ID = "synthetic-dyad-years"


def write_dyad_years(path, dyads: pd.DataFrame) -> None:
    with write_atomically(path) as con:
        con.register("simulated", dyads.drop(columns="first_initiated"))
        con.execute("CREATE TABLE dyad_years AS SELECT * FROM simulated")
        con.register("directed", directed_dyad_years(dyads))
        con.execute("CREATE TABLE dyad_years_directed AS SELECT * FROM directed")
        con.register("monadic", state_years(dyads))
        con.execute("CREATE TABLE state_years AS SELECT * FROM monadic")
        # Every built database records its build; the model stage carries the id on.
        record_build_info(con, SYNTHETIC_BUILD_ID)

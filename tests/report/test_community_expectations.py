"""Expected against observed events among security-community members
(dpeace.report.community_expectations), on hand-made numbers."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pytest

from dpeace.model.specification import load_battery
from dpeace.report.community_expectations import community_expectations, poisson_binomial_at_most


def test_poisson_binomial_matches_hand_sums():
    # Two fair coins: P(0) = 0.25, P(<= 1) = 0.75, P(<= 2) = 1.
    assert poisson_binomial_at_most(np.array([0.5, 0.5]), 0) == pytest.approx(0.25)
    assert poisson_binomial_at_most(np.array([0.5, 0.5]), 1) == pytest.approx(0.75)
    assert poisson_binomial_at_most(np.array([0.5, 0.5]), 2) == pytest.approx(1.0)
    # p = 0.1, 0.2, 0.3: P(0) = 0.9 * 0.8 * 0.7 = 0.504;
    # P(1) = 0.1*0.8*0.7 + 0.9*0.2*0.7 + 0.9*0.8*0.3 = 0.056 + 0.126 + 0.216 = 0.398.
    assert poisson_binomial_at_most(np.array([0.1, 0.2, 0.3]), 0) == pytest.approx(0.504)
    assert poisson_binomial_at_most(np.array([0.1, 0.2, 0.3]), 1) == pytest.approx(0.902)
    assert poisson_binomial_at_most(np.array([0.1, 0.2, 0.3]), -1) == 0.0


def logit(p):
    return math.log(p / (1 - p))


def test_expected_and_observed_disputes_among_members_by_the_main_model():
    main = next(spec for spec in load_battery().models if spec.id == "joint_democracy")
    # Every control's coefficient 0; the constant gives 0.2 and joint democracy takes it to 0.1.
    terms = [
        {"term": "const", "coef": logit(0.2)},
        {"term": "joint_democracy", "coef": logit(0.1) - logit(0.2)},
    ]
    terms += [{"term": control, "coef": 0.0} for control in main.controls]
    results = {
        "main_model": "joint_democracy",
        "models": [{"id": "joint_democracy", "label": "Main", "terms": terms}],
    }
    con = duckdb.connect()
    columns = ", ".join(f"{c} DOUBLE" for c in main.controls)
    con.execute(
        "CREATE TABLE dyad_years (ccode1 INTEGER, ccode2 INTEGER, year INTEGER, mid_onset BOOLEAN,"
        f" mid_ongoing BOOLEAN, joint_democracy BOOLEAN, joint_ec_eu BOOLEAN, joint_nato BOOLEAN, {columns})"
    )
    rows = [
        # NATO members: two jointly democratic years (p 0.1), two not (p 0.2), one onset.
        (2, 20, 1990, True, True, True, False, True),
        (2, 20, 1991, False, False, True, False, True),
        (2, 640, 1990, False, False, False, False, True),
        (2, 640, 1991, False, False, False, False, True),
        # Left out: a continuing dispute year (the main model drops them), a year with
        # a control unknown, and a pair outside both communities.
        (2, 640, 1992, False, True, False, False, True),
        (20, 640, 1990, False, False, True, False, True),
        (2, 365, 1990, True, True, False, False, False),
    ]
    for row in rows:
        controls = [None if row[:2] == (20, 640) else 1.0 for _ in main.controls]
        con.execute(
            f"INSERT INTO dyad_years VALUES ({', '.join('?' * (8 + len(controls)))})", [*row, *controls]
        )
    (nato,) = community_expectations(con, results)
    # Expected 0.1 + 0.1 + 0.2 + 0.2 = 0.6. P(X <= 1):
    #   P(0) = 0.9^2 * 0.8^2 = 0.5184
    #   P(1) = 2 * 0.1 * 0.9 * 0.8^2 + 2 * 0.2 * 0.8 * 0.9^2 = 0.1152 + 0.2592 = 0.3744
    assert nato["community"] == "nato" and nato["outcome"] == "disputes"
    assert (nato["dyad_years"], nato["observed"], nato["observed_dyads"]) == (4, 1, 1)
    assert nato["expected"] == pytest.approx(0.6)
    assert nato["p_at_most"] == pytest.approx(0.8928)
    assert (nato["first_year"], nato["last_year"]) == (1990, 1991)

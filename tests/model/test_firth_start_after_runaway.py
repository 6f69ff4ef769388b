"""Where a Firth fit starts after maximum likelihood ran a 0/1 coefficient off: one rule
(logit.firth_start_after) for the battery, which fits maximum likelihood first, and the curve."""

from __future__ import annotations

import numpy as np
import pytest

from dpeace.model import logit
from dpeace.model.covariance import ClusterGroups
from dpeace.model.separation import SEPARATION_COEFFICIENT

# 2 x 2 table: 5 events and 15 non-events where x = 0, no event in the 10 rows where x = 1
# (quasi-complete separation: maximum likelihood has no finite slope).
EVENTS_0, NONEVENTS_0, EVENTS_1, NONEVENTS_1 = 5, 15, 0, 10


def _separated_table():
    x = np.r_[np.zeros(EVENTS_0 + NONEVENTS_0), np.ones(EVENTS_1 + NONEVENTS_1)]
    y = np.r_[np.ones(EVENTS_0), np.zeros(NONEVENTS_0), np.ones(EVENTS_1), np.zeros(NONEVENTS_1)]
    return np.column_stack([np.ones_like(x), x]), y


def test_the_battery_firth_fit_does_not_start_where_maximum_likelihood_ran_off(monkeypatch):
    design, outcome = _separated_table()
    groups = ClusterGroups.from_ids(np.arange(len(outcome)))
    ml = logit.fit(design, outcome, groups)
    # The fixture does what it claims: Newton "converges" (the score underflows) with the
    # slope run off far past any odds ratio that is an estimate.
    assert ml.converged and not ml.perfect_prediction
    assert ml.params[1] < -30

    starts: list[np.ndarray] = []
    real_fit_firth_logit = logit.fit_firth_logit

    def recording(outcome, design, **options):
        starts.append(np.array(options.get("start")))
        return real_fit_firth_logit(outcome, design, **options)

    monkeypatch.setattr(logit, "fit_firth_logit", recording)
    firth = logit.fit(design, outcome, groups, estimator="firth_logit")

    # Before, the battery's Firth fit (start=None) started from ml.params, slope about -46.
    assert len(starts) == 1
    assert abs(starts[0][1]) <= SEPARATION_COEFFICIENT
    np.testing.assert_array_equal(starts[0], logit.cold_start(outcome, 2))
    # Known answer (Firth 1993): with one 0/1 regressor the estimates are the log odds of the
    # table with 1/2 added to every cell.
    intercept = np.log((EVENTS_0 + 0.5) / (NONEVENTS_0 + 0.5))
    slope = np.log((EVENTS_1 + 0.5) / (NONEVENTS_1 + 0.5)) - intercept
    assert firth.converged
    np.testing.assert_allclose(firth.params, [intercept, slope], rtol=1e-10)


def test_finite_maximum_likelihood_estimates_are_the_start():
    design, outcome = _separated_table()
    ml = logit.LogitFit(np.array([-1.0, 0.5]), {}, True, 5, 5.0, 30, False)
    start = logit.firth_start_after(ml, None, outcome, 2, [1])
    np.testing.assert_array_equal(start, [-1.0, 0.5])


@pytest.mark.parametrize(
    ("converged", "perfect", "slope"),
    [(True, False, -46.0), (True, False, 5.6e12), (False, True, 3.0), (False, False, 1.0)],
)
def test_runaway_estimates_give_way_to_a_related_firth_fit_or_a_cold_start(converged, perfect, slope):
    design, outcome = _separated_table()
    ml = logit.LogitFit(np.array([-1.0, slope]), {}, converged, 50, 50.0, 30, perfect)
    related = np.array([-1.2, -2.9])
    np.testing.assert_array_equal(logit.firth_start_after(ml, related, outcome, 2, [1]), related)
    cold = logit.firth_start_after(ml, None, outcome, 2, [1])
    np.testing.assert_allclose(cold, [np.log(5 / 25), 0.0], rtol=1e-15)
    # no fit at all (the separation was found before fitting): the same
    np.testing.assert_array_equal(logit.firth_start_after(None, None, outcome, 2, [1]), cold)

"""The class of each point of the report's curve selector."""

from __future__ import annotations

from dpeace.report.curve_selector import FIRTH, NEGATIVE, NOT_SIGNIFICANT, POSITIVE, point_class


def row(estimate: float, p: float | None, estimator: str = "logit") -> dict:
    return {"estimate": estimate, "p": p, "estimator": estimator}


def test_maximum_likelihood_fits_are_classed_by_sign_and_significance():
    assert point_class(row(-1.0, 0.01), 0.05) == NEGATIVE
    assert point_class(row(1.0, 0.01), 0.05) == POSITIVE
    assert point_class(row(-1.0, 0.05), 0.05) == NOT_SIGNIFICANT
    assert point_class(row(-1.0, None), 0.05) == NOT_SIGNIFICANT


def test_a_firth_refit_is_its_own_class_whatever_its_p_value():
    # Its sandwich p-value is not trusted, so it must not count as negative and significant.
    assert point_class(row(-3.0, 0.0001, "firth_logit"), 0.05) == FIRTH

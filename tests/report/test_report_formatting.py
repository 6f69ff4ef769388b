"""Numbers read the same everywhere: marks at the conventional cut-offs, real minus signs."""

from __future__ import annotations

import pytest

from dpeace.report import formatting


@pytest.mark.parametrize(
    "p, marks",
    [
        (0.0009, "***"),
        (0.001, "**"),
        (0.0099, "**"),
        (0.01, "*"),
        (0.049, "*"),
        (0.05, ""),
        (0.5, ""),
        (None, ""),
    ],
)
def test_significance_marks(p, marks):
    assert formatting.significance_marks(p) == marks


@pytest.mark.parametrize(
    "value, text",
    [
        (-0.912, "\u22120.912"),
        (1.85, "1.850"),
        (0.0042, "0.0042"),
        (-0.000028, "\u22120.000028"),
        (-0.0001, "\u22120.00010"),
        (0.0, "0.000"),
        (-1234.5, "\u22121,234.500"),
    ],
)
def test_coefficient(value, text):
    assert formatting.coefficient(value) == text


def test_negative_zero_after_rounding_has_no_sign():
    assert formatting.signed(-0.0004, 3) == "0.000"


@pytest.mark.parametrize(
    "value, text", [(0.0, "0.00"), (2.0417, "2.04"), (333.333, "333.3"), (None, "\u2014")]
)
def test_rate_per_1000(value, text):
    assert formatting.rate_per_1000(value) == text


def test_p_phrase():
    assert formatting.p_phrase(0.0004) == "p < 0.001"
    assert formatting.p_phrase(0.0421) == "p = 0.042"


def test_count_of():
    assert formatting.count_of(1, "dyad-year") == "1 dyad-year"
    assert formatting.count_of(2436, "dyad-year") == "2,436 dyad-years"

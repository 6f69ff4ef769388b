"""How numbers read in the report: one place, so every table and sentence agrees."""

from __future__ import annotations

import math

MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash in running text

# Conventional significance marks, strictest first.
SIGNIFICANCE_MARKS = ((0.001, "***"), (0.01, "**"), (0.05, "*"))


def signed(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if text.startswith("-"):
        # "-0.000" would claim a sign that rounding took away
        return MINUS + text[1:] if text.strip("-0.,") else text[1:]
    return text


def significance_marks(p: float | None) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    for threshold, marks in SIGNIFICANCE_MARKS:
        if p < threshold:
            return marks
    return ""


def coefficient(value: float | None, decimals: int = 3) -> str:
    if value is None or math.isnan(value):
        return "\u2014"
    # Tiny coefficients (the cubic peace-years term) get places until two significant digits show.
    while decimals < 7 and value != 0 and abs(value) < 0.5 * 10 ** (-decimals + 1):
        decimals += 1
    return signed(value, decimals)


def p_value(p: float | None) -> str:
    if p is None or math.isnan(p):
        return "\u2014"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def integer(value: int | None) -> str:
    return "\u2014" if value is None else f"{int(value):,}"


def signed_integer(value: int) -> str:
    """'\u22128', '10': a score that can be negative, with a real minus sign."""
    return signed(value, 0)


def significant(value: float | None, digits: int = 2) -> str:
    """A small quantity with `digits` significant digits ('0.024', '0.00031'), never a
    fixed number of places that would print a small probability as 0.00."""
    if value is None or math.isnan(value):
        return "\u2014"
    if value == 0:
        return "0"
    places = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return signed(value, places)


def expected_count(value: float) -> str:
    """An expected number of events: one decimal from 10 up, else two significant digits."""
    return f"{value:,.1f}" if value >= 10 else significant(value, 2)


def rate_per_1000(value: float | None) -> str:
    """Onsets per 1,000 dyad-years: two places for the small rates the field deals in, and
    two significant digits below 1 (war onsets run at a few hundredths per 1,000)."""
    if value is None:
        return "\u2014"
    if 0 < abs(value) < 1:
        return significant(value, 2)
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"


def ratio(value: float | None) -> str:
    """An odds ratio or a ratio of probabilities; null when it overflowed in the model stage."""
    return "\u2014" if value is None else f"{value:.2f}"


def ratio_with_interval(estimate: float | None, low: float | None, high: float | None) -> str:
    """'0.45 (0.35\u20130.58)'."""
    return f"{ratio(estimate)} ({ratio(low)}\u2013{ratio(high)})"


def probability_per_1000(probability: float) -> str:
    return rate_per_1000(1000.0 * probability)


def share_percent(value: float | None, decimals: int = 1) -> str:
    return "\u2014" if value is None else f"{100.0 * value:.{decimals}f}%"


def interval(low: float, high: float, decimals: int = 3) -> str:
    return f"{coefficient(low, decimals)} to {coefficient(high, decimals)}"


def p_phrase(p: float | None) -> str:
    """'p < 0.001' or 'p = 0.042', for running text."""
    text = p_value(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def lower_first(text: str) -> str:
    """'Joint democracy (both Polity2 ...)' -> 'joint democracy (both Polity2 ...)' for mid-sentence use."""
    return text[:1].lower() + text[1:]


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """'1 dyad-year', '2,436 dyad-years'."""
    return f"{integer(count)} {singular if count == 1 else (plural or singular + 's')}"

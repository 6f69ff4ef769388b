"""Normal-theory Wald quantities from an estimate and its standard error, for the battery and the curve.

The same quantities statsmodels reports for a discrete model (normal, not t).
"""

from __future__ import annotations

import math

# The 97.5th percentile of the standard normal: 95% Wald intervals.
CRITICAL_Z = 1.959963984540054


def two_sided_p(z: float) -> float:
    """2 * (1 - Phi(|z|)) = erfc(|z| / sqrt 2), accurate far into the tail."""
    return math.erfc(abs(z) / math.sqrt(2.0)) if math.isfinite(z) else math.nan

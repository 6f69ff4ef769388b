"""Fitting one battery model to its sample with the engine (logit.py): estimates, their
named covariances, Wald terms, diagnostics."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from dpeace.errors import ModelError
from dpeace.model.covariance import DEFAULT_COVARIANCE, ClusterGroups, standard_errors
from dpeace.model.logit import CollinearDesign, fit
from dpeace.model.sample import INTERCEPT, ModelSample
from dpeace.model.separation import is_binary, large_binary_coefficients, separated_levels
from dpeace.model.specification import ModelSpec
from dpeace.model.wald import CRITICAL_Z, two_sided_p

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

TERM_COLUMNS = ("coef", "se", "z", "p", "ci_low", "ci_high", "odds_ratio", "or_ci_low", "or_ci_high")
DYADIC_ROBUST = "dyadic_robust"
# The covariances a model carries, the first its headline (`se`, z, p and the intervals):
# dyad-year models lead with the dyadic-robust errors (rows of dyads sharing a state may be
# correlated) and carry the dyad-clustered ones beside them; monadic models are clustered
# by state. Every model also carries the conventional (model-based) covariance.
DYAD_COVARIANCES = (DYADIC_ROBUST, DEFAULT_COVARIANCE, "conventional")
STATE_COVARIANCES = (DEFAULT_COVARIANCE, "conventional")
SE_TYPES = {
    DYADIC_ROBUST: "dyadic-robust (Aronow, Samii and Assenova 2015)",
    DEFAULT_COVARIANCE: "clustered by dyad",
}
# Kept for callers that name the monadic models' errors.
SE_TYPE = SE_TYPES[DEFAULT_COVARIANCE]


@dataclass
class FittedModel:
    names: tuple[str, ...]  # the terms, in the design's order
    coefficients: np.ndarray
    covariance_matrices: dict[str, np.ndarray]  # kind -> covariance, the headline first
    term_table: np.ndarray  # one row per term, columns TERM_COLUMNS, from the headline covariance
    loglik: float
    aic: float
    pseudo_r2: float
    converged: bool
    separation: bool
    n_clusters: int
    warnings: list[str] = field(default_factory=list)
    se_type: str = SE_TYPE

    @property
    def headline(self) -> str:
        return next(iter(self.covariance_matrices))

    def standard_error_arrays(self) -> dict[str, np.ndarray]:
        """kind -> each term's standard error under that covariance (NaN where not positive)."""
        return {kind: standard_errors(matrix) for kind, matrix in self.covariance_matrices.items()}

    def term_rows(self) -> dict[str, dict[str, float]]:
        """term -> {column of TERM_COLUMNS: value}."""
        return {
            name: {column: float(value) for column, value in zip(TERM_COLUMNS, row)}
            for name, row in zip(self.names, self.term_table)
        }

    # The same as pandas objects, for dpeace.api and the tests (pandas is imported only here:
    # the model stage does not need it).

    @property
    def params(self) -> pd.Series:
        import pandas as pd

        return pd.Series(self.coefficients, index=list(self.names))

    @property
    def covariances(self) -> dict[str, pd.DataFrame]:
        import pandas as pd

        names = list(self.names)
        return {
            kind: pd.DataFrame(matrix, index=names, columns=names)
            for kind, matrix in self.covariance_matrices.items()
        }

    @property
    def covariance(self) -> pd.DataFrame:
        """The headline covariance: dyadic-robust in a dyad model, clustered by state in a monadic one."""
        return self.covariances[self.headline]

    @property
    def terms(self) -> pd.DataFrame:
        import pandas as pd

        terms = pd.DataFrame(self.term_table, index=list(self.names), columns=list(TERM_COLUMNS))
        terms.index.name = "term"
        return terms

    def standard_errors(self) -> dict[str, pd.Series]:
        """kind -> each term's standard error under that covariance (NaN where not positive)."""
        import pandas as pd

        return {
            kind: pd.Series(values, index=list(self.names))
            for kind, values in self.standard_error_arrays().items()
        }


def fit_model(sample: ModelSample, spec: ModelSpec) -> FittedModel:
    if spec.estimator not in ("logit", "firth_logit"):
        raise ModelError(f"model '{spec.id}': unknown estimator {spec.estimator!r}")
    try:
        fitted = fit_sample(sample, spec.estimator)
    except ModelError as error:
        raise ModelError(f"model '{spec.id}': {error}") from None
    for message in fitted.warnings:
        log.warning("WARNING: model %s: %s", spec.id, message)
    return fitted


def fit_logit(sample: ModelSample) -> FittedModel:
    """Maximum-likelihood logit with clustered standard errors."""
    return fit_sample(sample, "logit")


def fit_firth(sample: ModelSample) -> FittedModel:
    """Firth's penalised logit, with the same clustered sandwich as the ML models."""
    return fit_sample(sample, "firth_logit")


def fit_sample(sample: ModelSample, estimator: str) -> FittedModel:
    names = tuple(sample.names)
    design = np.asfortranarray(sample.matrix, dtype=np.float64)
    if sample.states is None:
        groups, kinds = ClusterGroups.from_ids(sample.clusters), STATE_COVARIANCES
    else:
        groups, kinds = ClusterGroups.from_dyads(sample.states[:, 0], sample.states[:, 1]), DYAD_COVARIANCES
    try:
        result = fit(
            design,
            sample.outcome,
            groups,
            estimator=estimator,
            covariances=kinds,
            with_loglik=True,
        )
    except CollinearDesign:
        kind = "Firth logit" if estimator == "firth_logit" else "logit"
        raise ModelError(
            f"the {kind} could not be fitted (X'WX is singular): the regressors are collinear in the sample"
        ) from None

    if result.covariances:
        covariances = {kind: np.asarray(result.covariances[kind]) for kind in kinds}  # the headline first
    else:  # not converged: no covariance to report
        covariances = {kind: np.full((len(names), len(names)), np.nan) for kind in kinds}
    messages = list(result.messages)
    if not result.converged and estimator == "logit":
        messages.append(f"the maximum-likelihood iterations did not converge in {result.iterations} steps")
    coefficients = np.asarray(result.params, dtype=np.float64)
    fitted = FittedModel(
        names=names,
        coefficients=coefficients,
        covariance_matrices=covariances,
        term_table=wald_terms(coefficients, standard_errors(covariances[kinds[0]])),
        loglik=float(result.loglik),
        aic=-2.0 * float(result.loglik) + 2.0 * len(names),
        pseudo_r2=_mcfadden_r2(result.loglik, sample.outcome),
        converged=result.converged,
        separation=False,
        n_clusters=result.n_clusters,
        warnings=messages,
        se_type=SE_TYPES[kinds[0]],
    )
    if result.perfect_prediction:
        fitted.separation = True
        fitted.warnings.append(
            "perfect separation: the fitted probabilities predict every outcome exactly, "
            "so the estimates have no finite maximum-likelihood value"
        )
    # The penalty keeps Firth's estimates finite even in separated data: nothing to flag.
    _check_estimates(fitted, sample, design, check_separation=estimator == "logit")
    return fitted


def wald_terms(coefficients: np.ndarray, standard_errors: np.ndarray) -> np.ndarray:
    """One row per term, columns TERM_COLUMNS: the estimate, its standard error, z, the
    two-sided normal p, the 95% interval, and the odds ratio with its interval.

    The same quantities statsmodels reports for a discrete model (normal, not t).
    """
    coefficients = np.asarray(coefficients, dtype=np.float64)
    se = np.asarray(standard_errors, dtype=np.float64)
    z = coefficients / se
    ci_low, ci_high = coefficients - CRITICAL_Z * se, coefficients + CRITICAL_Z * se
    with np.errstate(over="ignore"):
        odds = [np.exp(coefficients), np.exp(ci_low), np.exp(ci_high)]
    p = np.array([two_sided_p(value) for value in z], dtype=np.float64)
    return np.column_stack([coefficients, se, z, p, ci_low, ci_high, *odds])


def _mcfadden_r2(loglik: float, outcome: np.ndarray) -> float:
    """1 - llf / llnull, with the intercept-only log-likelihood in closed form.

    Equal to statsmodels' prsquared, without fitting the null model again.
    """
    n = len(outcome)
    events = float(outcome.sum())
    rate = events / n
    null_loglik = events * np.log(rate) + (n - events) * np.log(1.0 - rate)
    return float(1.0 - loglik / null_loglik)


def _check_estimates(
    fitted: FittedModel, sample: ModelSample, design: np.ndarray, check_separation: bool
) -> None:
    """Flag estimates that must not be read as if fine: non-finite values, separation."""
    if not np.all(np.isfinite(fitted.term_table[:, :2])):
        fitted.converged = False
        fitted.warnings.append("some coefficients or standard errors are not finite")
    if not check_separation:
        return
    names = list(sample.names)
    binary = [j for j, name in enumerate(names) if name != INTERCEPT and is_binary(design[:, j])]
    for found in separated_levels(design, sample.outcome, binary):
        fitted.separation = True
        fitted.warnings.append(
            f"quasi-complete separation: every row with {names[found.column]} = {found.level} has "
            f"outcome {found.outcome} ({found.rows} rows), so its coefficient has no finite "
            "maximum-likelihood estimate; see the Firth model"
        )
    for j in large_binary_coefficients(fitted.coefficients, binary):
        fitted.separation = True
        fitted.warnings.append(
            f"the coefficient of {names[j]} is {fitted.coefficients[j]:.1f}, a sign of separation"
        )

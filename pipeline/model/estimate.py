"""Fitting one battery model to its sample with the engine (logit.py): estimates, their
named covariances, Wald terms, diagnostics."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dpeace.errors import ModelError
from dpeace.model.covariance import DEFAULT_COVARIANCE, ClusterGroups
from dpeace.model.logit import CollinearDesign, fit
from dpeace.model.sample import INTERCEPT, ModelSample
from dpeace.model.separation import is_binary, large_binary_coefficients, separated_levels
from dpeace.model.specification import ModelSpec
from dpeace.model.wald import CRITICAL_Z, two_sided_p

log = logging.getLogger(__name__)

SE_TYPE = "clustered by dyad"
TERM_COLUMNS = ("coef", "se", "z", "p", "ci_low", "ci_high", "odds_ratio", "or_ci_low", "or_ci_high")
# The covariances every battery model carries; `se` and the intervals use the default.
COVARIANCES = (DEFAULT_COVARIANCE, "conventional")


@dataclass
class FittedModel:
    params: pd.Series
    covariances: dict[str, pd.DataFrame]  # kind -> covariance (COVARIANCES)
    terms: pd.DataFrame  # one row per term, columns TERM_COLUMNS, from the default covariance
    loglik: float
    aic: float
    pseudo_r2: float
    converged: bool
    separation: bool
    n_clusters: int
    warnings: list[str] = field(default_factory=list)
    se_type: str = SE_TYPE

    @property
    def covariance(self) -> pd.DataFrame:
        """The default covariance (clustered by dyad, or by state in a monadic model)."""
        return self.covariances[DEFAULT_COVARIANCE]

    def standard_errors(self) -> dict[str, pd.Series]:
        """kind -> each term's standard error under that covariance."""
        return {
            kind: pd.Series(np.sqrt(np.diag(covariance.to_numpy())), index=covariance.index)
            for kind, covariance in self.covariances.items()
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
    names = list(sample.design.columns)
    design = np.asfortranarray(sample.design.to_numpy(dtype=np.float64))
    try:
        result = fit(
            design,
            sample.outcome,
            ClusterGroups.from_ids(sample.clusters),
            estimator=estimator,
            covariances=COVARIANCES,
            with_loglik=True,
        )
    except CollinearDesign:
        kind = "Firth logit" if estimator == "firth_logit" else "logit"
        raise ModelError(
            f"the {kind} could not be fitted (X'WX is singular): the regressors are collinear in the sample"
        ) from None

    params = pd.Series(result.params, index=names)
    if result.covariances:
        covariances = {
            kind: pd.DataFrame(matrix, index=names, columns=names)
            for kind, matrix in result.covariances.items()
        }
    else:  # not converged: no covariance to report
        covariances = {kind: pd.DataFrame(np.nan, index=names, columns=names) for kind in COVARIANCES}
    standard_errors = np.sqrt(np.diag(covariances[DEFAULT_COVARIANCE].to_numpy()))
    messages = list(result.messages)
    if not result.converged and estimator == "logit":
        messages.append(f"the maximum-likelihood iterations did not converge in {result.iterations} steps")
    fitted = FittedModel(
        params=params,
        covariances=covariances,
        terms=_with_odds_ratios(wald_terms(params, standard_errors)),
        loglik=float(result.loglik),
        aic=-2.0 * float(result.loglik) + 2.0 * len(names),
        pseudo_r2=_mcfadden_r2(result.loglik, sample.outcome),
        converged=result.converged,
        separation=False,
        n_clusters=result.n_clusters,
        warnings=messages,
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


def wald_terms(params: pd.Series, standard_errors: np.ndarray) -> pd.DataFrame:
    """z, two-sided normal p and 95% interval from the clustered standard errors.

    The same quantities statsmodels reports for a discrete model (normal, not t).
    """
    se = pd.Series(standard_errors, index=params.index)
    z = params / se
    return pd.DataFrame(
        {
            "coef": params,
            "se": se,
            "z": z,
            "p": [two_sided_p(value) for value in z],
            "ci_low": params - CRITICAL_Z * se,
            "ci_high": params + CRITICAL_Z * se,
        }
    )


def _with_odds_ratios(terms: pd.DataFrame) -> pd.DataFrame:
    terms = terms.copy()
    with np.errstate(over="ignore"):
        terms["odds_ratio"] = np.exp(terms["coef"])
        terms["or_ci_low"] = np.exp(terms["ci_low"])
        terms["or_ci_high"] = np.exp(terms["ci_high"])
    terms.index.name = "term"
    return terms[list(TERM_COLUMNS)]


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
    if not np.all(np.isfinite(fitted.terms[["coef", "se"]].to_numpy())):
        fitted.converged = False
        fitted.warnings.append("some coefficients or standard errors are not finite")
    if not check_separation:
        return
    names = list(sample.design.columns)
    binary = [j for j, name in enumerate(names) if name != INTERCEPT and is_binary(design[:, j])]
    for found in separated_levels(design, sample.outcome, binary):
        fitted.separation = True
        fitted.warnings.append(
            f"quasi-complete separation: every row with {names[found.column]} = {found.level} has "
            f"outcome {found.outcome} ({found.rows} rows), so its coefficient has no finite "
            "maximum-likelihood estimate; see the Firth model"
        )
    for j in large_binary_coefficients(fitted.params.to_numpy(), binary):
        fitted.separation = True
        fitted.warnings.append(
            f"the coefficient of {names[j]} is {fitted.params.iloc[j]:.1f}, a sign of separation"
        )

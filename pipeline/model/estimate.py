"""Fitting one model to its sample: the estimates, their clustered covariance, diagnostics."""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.tools.sm_exceptions import ConvergenceWarning, ModelWarning, PerfectSeparationWarning

from dpeace.errors import ModelError
from dpeace.model.cluster import cluster_robust_covariance
from dpeace.model.firth import fit_firth_logit
from dpeace.model.sample import INTERCEPT, ModelSample
from dpeace.model.specification import ModelSpec

log = logging.getLogger(__name__)

SE_TYPE = "clustered by dyad"
TERM_COLUMNS = ("coef", "se", "z", "p", "ci_low", "ci_high", "odds_ratio", "or_ci_low", "or_ci_high")
# An odds ratio above e^10 (about 22,000) for a 0/1 regressor is not an estimate but a
# symptom of (quasi-)separation that the level check below did not catch.
SEPARATION_COEFFICIENT = 10.0
MAX_NEWTON_ITERATIONS = 50


@dataclass
class FittedModel:
    params: pd.Series
    covariance: pd.DataFrame  # clustered by dyad
    terms: pd.DataFrame  # one row per term, columns TERM_COLUMNS
    loglik: float
    aic: float
    pseudo_r2: float
    converged: bool
    separation: bool
    warnings: list[str] = field(default_factory=list)
    se_type: str = SE_TYPE


def fit_model(sample: ModelSample, spec: ModelSpec) -> FittedModel:
    estimators = {"logit": fit_logit, "firth_logit": fit_firth}
    if spec.estimator not in estimators:
        raise ModelError(f"model '{spec.id}': unknown estimator {spec.estimator!r}")
    try:
        fitted = estimators[spec.estimator](sample)
    except ModelError as error:
        raise ModelError(f"model '{spec.id}': {error}") from None
    for message in fitted.warnings:
        log.warning("WARNING: model %s: %s", spec.id, message)
    return fitted


def fit_logit(sample: ModelSample) -> FittedModel:
    """Maximum-likelihood logit with standard errors clustered by dyad (statsmodels)."""
    model = sm.Logit(sample.outcome, sample.design)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            results = model.fit(
                method="newton",
                maxiter=MAX_NEWTON_ITERATIONS,
                disp=0,
                cov_type="cluster",
                cov_kwds={"groups": sample.clusters},
            )
        except np.linalg.LinAlgError as error:
            raise ModelError(
                f"the logit could not be fitted ({error}): the regressors are collinear in the sample"
            ) from None

    messages = _distinct_messages(caught)
    separated = any(issubclass(item.category, PerfectSeparationWarning) for item in caught)
    converged = bool(results.mle_retvals.get("converged", False))
    if not converged and not any(issubclass(item.category, ConvergenceWarning) for item in caught):
        messages.append("the maximum-likelihood iterations did not converge")

    fitted = FittedModel(
        params=results.params,
        covariance=results.cov_params(),
        terms=_with_odds_ratios(wald_terms(results.params, results.bse.to_numpy())),
        loglik=float(results.llf),
        aic=float(results.aic),
        pseudo_r2=_mcfadden_r2(results.llf, sample.outcome),
        converged=converged,
        separation=separated,
        warnings=messages,
    )
    _check_estimates(fitted, sample)
    return fitted


def fit_firth(sample: ModelSample) -> FittedModel:
    """Firth's penalised logit, with the same dyad-clustered sandwich as the ML models."""
    try:
        firth = fit_firth_logit(sample.outcome, sample.design.to_numpy())
        bread_inverse = np.linalg.inv(firth.information)
    except np.linalg.LinAlgError as error:
        raise ModelError(
            f"the Firth logit could not be fitted ({error}): the regressors are collinear in the sample"
        ) from None
    covariance = cluster_robust_covariance(bread_inverse, firth.scores, sample.clusters)
    names = list(sample.design.columns)
    params = pd.Series(firth.params, index=names)
    fitted = FittedModel(
        params=params,
        covariance=pd.DataFrame(covariance, index=names, columns=names),
        terms=_with_odds_ratios(wald_terms(params, np.sqrt(np.diag(covariance)))),
        loglik=firth.loglik,
        aic=-2.0 * firth.loglik + 2.0 * len(names),
        pseudo_r2=_mcfadden_r2(firth.loglik, sample.outcome),
        converged=firth.converged,
        separation=False,  # the penalty keeps the estimates finite even in separated data
        warnings=[]
        if firth.converged
        else [f"the Firth iterations did not converge in {firth.iterations} steps"],
    )
    _check_estimates(fitted, sample, check_separation=False)
    return fitted


def wald_terms(params: pd.Series, standard_errors: np.ndarray) -> pd.DataFrame:
    """z, two-sided normal p and 95% interval from the clustered standard errors.

    The same quantities statsmodels reports for a discrete model (normal, not t), computed
    here once for both estimators so that the ML and Firth rows read alike.
    """
    se = pd.Series(standard_errors, index=params.index)
    z = params / se
    critical = stats.norm.ppf(0.975)
    return pd.DataFrame(
        {
            "coef": params,
            "se": se,
            "z": z,
            "p": 2.0 * stats.norm.sf(np.abs(z)),
            "ci_low": params - critical * se,
            "ci_high": params + critical * se,
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

    Equal to statsmodels' prsquared, without fitting the null model again (a second
    pass over a million rows per model).
    """
    n = len(outcome)
    events = float(outcome.sum())
    rate = events / n
    null_loglik = events * np.log(rate) + (n - events) * np.log(1.0 - rate)
    return float(1.0 - loglik / null_loglik)


def _check_estimates(fitted: FittedModel, sample: ModelSample, check_separation: bool = True) -> None:
    """Flag estimates that must not be read as if fine: non-finite values, separation."""
    if not np.all(np.isfinite(fitted.terms[["coef", "se"]].to_numpy())):
        fitted.converged = False
        fitted.warnings.append("some coefficients or standard errors are not finite")
    if not check_separation:
        return
    for column in sample.design.columns:
        if column == INTERCEPT:
            continue
        values = sample.design[column].to_numpy()
        if not np.all((values == 0) | (values == 1)):
            continue
        for level in (0.0, 1.0):
            outcomes = sample.outcome[values == level]
            if outcomes.min() == outcomes.max():
                fitted.separation = True
                fitted.warnings.append(
                    f"quasi-complete separation: every row with {column} = {level:g} has "
                    f"outcome {outcomes[0]:g} ({len(outcomes)} rows), so its coefficient has no finite "
                    "maximum-likelihood estimate; see the Firth model"
                )
        if abs(fitted.params[column]) > SEPARATION_COEFFICIENT:
            fitted.separation = True
            fitted.warnings.append(
                f"the coefficient of {column} is {fitted.params[column]:.1f}, a sign of separation"
            )


def _distinct_messages(caught: list[warnings.WarningMessage]) -> list[str]:
    """The estimation's own warnings (statsmodels' and numerical overflow), not library deprecations."""
    messages: list[str] = []
    for item in caught:
        if not issubclass(item.category, (ModelWarning, RuntimeWarning)):
            continue
        message = f"{item.category.__name__}: {item.message}"
        if message not in messages:
            messages.append(message)
    return messages

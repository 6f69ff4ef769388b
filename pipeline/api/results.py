"""A fitted model, read as statsmodels' results are: params, bse, cov_params(), predict(),
summary(); with the full coefficient table and the predicted-probability contrast the
battery stores."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dpeace.model.estimate import FittedModel
from dpeace.model.sample import INTERCEPT, ModelSample
from dpeace.model.specification import ModelSpec
from dpeace.model.store import EFFECT_QUANTITIES
from dpeace.publish.summary import model_summary


class Results:
    def __init__(self, spec: ModelSpec, sample: ModelSample, fitted: FittedModel, entry: dict):
        self.spec = spec
        self.sample = sample
        self.fitted = fitted
        self.entry = entry  # the model's entry of the results document, as the battery stores it

    # Estimates ---------------------------------------------------------------------------

    @property
    def params(self) -> pd.Series:
        return self.fitted.params

    @property
    def bse(self) -> pd.Series:
        return self.fitted.terms["se"]

    @property
    def pvalues(self) -> pd.Series:
        return self.fitted.terms["p"]

    @property
    def terms(self) -> pd.DataFrame:
        """The full coefficient table: coef, se, z, p, 95% interval, odds ratio and its interval."""
        return self.fitted.terms

    def cov_params(self) -> pd.DataFrame:
        """The covariance of the estimates, of the kind `se_type` names (clustered)."""
        return self.fitted.covariance

    @property
    def covariances(self) -> dict[str, pd.DataFrame]:
        """Every covariance the estimation engine gives, by kind (dpeace.model.covariance);
        cov_params() is the default one, which `se` and the intervals use."""
        return dict(self.fitted.covariances)

    def standard_errors(self) -> pd.DataFrame:
        """Each term's standard error under each covariance, one column per kind."""
        return pd.DataFrame(self.fitted.standard_errors())

    # The fit -----------------------------------------------------------------------------

    @property
    def se_type(self) -> str:
        return self.entry["se_type"]

    @property
    def nobs(self) -> int:
        return self.sample.n

    @property
    def n_events(self) -> int:
        return self.entry["n_events"]

    @property
    def llf(self) -> float:
        return self.fitted.loglik

    @property
    def aic(self) -> float:
        return self.fitted.aic

    @property
    def prsquared(self) -> float:
        return self.fitted.pseudo_r2

    @property
    def converged(self) -> bool:
        return self.fitted.converged

    @property
    def separation(self) -> bool:
        return self.fitted.separation

    @property
    def warnings(self) -> list[str]:
        return list(self.fitted.warnings)

    # Predictions -------------------------------------------------------------------------

    def predict(self, exog: pd.DataFrame | dict | None = None) -> np.ndarray:
        """Predicted probabilities of the outcome: for the estimation sample, or for rows
        giving every regressor (a DataFrame, or a dict of one row's values)."""
        if exog is None:
            design = self.sample.design
        else:
            rows = pd.DataFrame([exog]) if isinstance(exog, dict) else exog
            missing = [column for column in self.spec.regressors if column not in rows.columns]
            if missing:
                raise ValueError(f"predict needs every regressor; missing: {', '.join(missing)}")
            design = rows[list(self.spec.regressors)].astype(float)
            design.insert(0, INTERCEPT, 1.0)
        linear = design.to_numpy(dtype=float) @ self.params.to_numpy()
        return 1.0 / (1.0 + np.exp(-linear))

    def effects(self, profile: str = "typical") -> pd.DataFrame | None:
        """Predicted probability for a democratic and another pair with the controls at typical
        values (profile "typical"; "contiguous": the same pair made neighbours), their ratio,
        and 95% simulation intervals: the battery's contrast. None for a model without one."""
        effects = self.entry.get("effects")
        if effects is None:
            return None
        chosen = effects if profile == "typical" else effects.get(profile)
        if chosen is None:
            raise ValueError(
                f"no {profile!r} profile for model {self.spec.id} (profiles: typical, contiguous)"
            )
        return pd.DataFrame({quantity: chosen[quantity] for quantity in EFFECT_QUANTITIES}).T.rename_axis(
            "quantity"
        )

    def summary(self) -> str:
        return model_summary(self.entry)

    def __repr__(self) -> str:
        return f"<dpeace Results {self.spec.id}: N={self.nobs:,}, events={self.n_events:,}, {self.se_type}>"


def regression_table(*results: Results, table_format: str = "markdown") -> str:
    """The fits side by side as `dpeace table` writes stored models: LaTeX, Markdown or CSV."""
    from dpeace.publish.regression_table import regression_table as table_of

    return table_of([fitted.entry for fitted in results], table_format)

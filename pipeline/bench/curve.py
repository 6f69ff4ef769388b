"""The specification curve's speed on the real data, against a yardstick of plain statsmodels.

The curve is timed in this process (its workers are forked from it), fitting the whole grid
without storing it; the yardstick is one `statsmodels.formula.api.logit` of the grid's main
specification with dyad-clustered standard errors, formula parsing included, data loading
not. The ratio says how many yardstick fits the time of one curve specification would buy
the other way round: seconds per yardstick fit over seconds per curve specification.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dpeace.database import connect_readonly


@dataclass(frozen=True)
class CurveBench:
    specifications: int
    fitted: int
    load_seconds: float
    fit_seconds: float
    fit_cpu_seconds: float  # this process and its workers
    yardstick_seconds: float
    yardstick_formula: str
    load_average_before: tuple[float, float, float]

    @property
    def specifications_per_second(self) -> float:
        return self.specifications / self.fit_seconds

    @property
    def ratio(self) -> float:
        """Seconds per plain statsmodels fit over seconds per curve specification."""
        return self.yardstick_seconds / (self.fit_seconds / self.specifications)

    def record(self) -> dict:
        return {
            "specifications": self.specifications,
            "fitted": self.fitted,
            "load_seconds": round(self.load_seconds, 3),
            "fit_seconds": round(self.fit_seconds, 3),
            "fit_cpu_seconds": round(self.fit_cpu_seconds, 3),
            "specifications_per_second": round(self.specifications_per_second, 3),
            "yardstick": "statsmodels.formula.api.logit of the main specification, clustered by dyad: "
            + self.yardstick_formula,
            "yardstick_seconds": round(self.yardstick_seconds, 3),
            "ratio_yardstick_to_curve_per_specification": round(self.ratio, 2),
            "load_average_before": list(self.load_average_before),
        }


def bench_curve(database: Path, workers: int | None = None) -> CurveBench:
    from dpeace.curve.blas import limit_blas_threads

    limit_blas_threads()
    from dpeace.curve.grid import load_grid
    from dpeace.curve.pipeline import compute_curve

    load_average = os.getloadavg()
    cpu_before = _cpu_seconds()
    document, load_seconds, fit_seconds = compute_curve(database, workers=workers, progress=False)
    cpu_seconds = _cpu_seconds() - cpu_before
    grid = load_grid()
    main = next(spec for spec in grid.specifications if grid.is_main(spec))
    formula, seconds = time_yardstick(database, main)
    return CurveBench(
        specifications=document["n_specifications"],
        fitted=document["n_fitted"],
        load_seconds=load_seconds,
        fit_seconds=fit_seconds,
        fit_cpu_seconds=cpu_seconds,
        yardstick_seconds=seconds,
        yardstick_formula=formula,
        load_average_before=tuple(round(value, 2) for value in load_average),
    )


def time_yardstick(database: Path, main) -> tuple[str, float]:
    """One plain statsmodels formula logit of the main specification, and its seconds."""
    import statsmodels.formula.api as smf

    if main.temporal.spline or main.democracy.threshold is None:
        raise ValueError(
            "the yardstick needs a main specification with a Polity threshold and plain time terms"
        )
    column = main.democracy.columns[0]
    outcome = main.outcome.columns[0]
    regressors = [*main.controls.columns, *main.temporal.columns]
    frame = _main_sample(database, main, column, outcome, regressors)
    formula = f"{outcome} ~ democracy + {' + '.join(regressors)}"
    started = time.perf_counter()
    smf.logit(formula, data=frame).fit(
        method="newton", disp=0, cov_type="cluster", cov_kwds={"groups": frame["dyad"].to_numpy()}
    )
    return formula, time.perf_counter() - started


def _main_sample(database: Path, main, column: str, outcome: str, regressors: list[str]) -> pd.DataFrame:
    needed = list(
        dict.fromkeys(["ccode1", "ccode2", "mid_onset", "mid_ongoing", column, outcome, *regressors])
    )
    if main.sample.columns:
        needed.append(main.sample.columns[0])
    con = connect_readonly(database)
    try:
        selection = ", ".join(f'CAST("{name}" AS DOUBLE) AS "{name}"' for name in needed)
        frame = con.execute(f"SELECT {selection} FROM dyad_years ORDER BY ccode1, ccode2, year").df()
    finally:
        con.close()
    keep = frame["mid_onset"].notna()
    if main.sample.columns:
        keep &= frame[main.sample.columns[0]] == 1
    if main.ongoing.id == "drop":
        keep &= ~((frame["mid_ongoing"] == 1) & (frame["mid_onset"] == 0))
    frame = frame[keep].dropna(subset=[column, outcome, *regressors]).copy()
    frame["democracy"] = (frame[column] >= main.democracy.threshold).astype(float)
    frame["dyad"] = (frame["ccode1"] * 1000 + frame["ccode2"]).astype(np.int64)
    return frame


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system

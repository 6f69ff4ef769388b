"""A Firth refit after maximum likelihood ran off does not start from the runaway estimates."""

from __future__ import annotations

import shutil

import numpy as np

from dpeace.curve import fit as fit_module
from dpeace.curve.pipeline import run_curve

RUNAWAY = 5.6e12


def test_a_runaway_coefficient_is_not_the_firth_start(curve_database, small_grid_path, tmp_path, monkeypatch):
    real_fit, real_fit_firth = fit_module.fit, fit_module._fit_firth
    runaway: list[str] = []
    starts: dict[str, np.ndarray] = {}

    def fit_with_one_runaway(matrix, outcome, groups, **options):
        result = real_fit(matrix, outcome, groups, **options)
        if options.get("estimator", "logit") == "logit" and result.converged and not runaway:
            # the last regressor (a 0/1 control of the small grid) run off, as ML leaves it
            binary = [j for j in range(1, matrix.shape[1]) if set(np.unique(matrix[:, j])) <= {0.0, 1.0}]
            if binary:
                result.params[binary[-1]] = RUNAWAY
                runaway.append("yes")
        return result

    def recording_fit_firth(row, design, separation, start):
        starts[row["spec_id"]] = np.array(start)
        return real_fit_firth(row, design, separation, start)

    monkeypatch.setattr(fit_module, "fit", fit_with_one_runaway)
    monkeypatch.setattr(fit_module, "_fit_firth", recording_fit_firth)
    database = tmp_path / "peace.duckdb"
    shutil.copyfile(curve_database, database)
    grid = tmp_path / "grid.toml"
    shutil.copyfile(small_grid_path, grid)
    result = run_curve(database, grid, tmp_path / "curve.json", workers=1, progress=False)

    assert runaway == ["yes"]
    flagged = [
        row
        for row in result.document["specifications"]
        if "is 5.6e+12, a sign of separation" in (row["reason"] or "")
    ]
    assert len(flagged) == 1
    start = starts[flagged[0]["spec_id"]]
    assert np.max(np.abs(start)) < 1e3
    assert flagged[0]["estimator"] == "firth_logit" and flagged[0]["converged"]

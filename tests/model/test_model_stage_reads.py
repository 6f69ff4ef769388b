"""What the model stage reads and imports: one connection to the database per run, the
design as numpy arrays (pandas only on request), the same sample from a table's columns
as from a DataFrame of them."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import dpeace.database
from dpeace.model.battery import fit_battery
from dpeace.model.estimate import TERM_COLUMNS, fit_logit
from dpeace.model.sample import load_dyad_years, select_sample
from dpeace.model.specification import load_battery


@pytest.fixture()
def counted_opens(monkeypatch):
    """The databases opened (every pipeline connection goes through _open_existing)."""
    opened = []
    open_existing = dpeace.database._open_existing

    def counting(path, *arguments, **options):
        opened.append(path)
        return open_existing(path, *arguments, **options)

    monkeypatch.setattr(dpeace.database, "_open_existing", counting)
    return opened


def test_one_model_opens_the_database_once(synthetic_database, counted_opens):
    document = fit_battery(synthetic_database, load_battery(), only=["joint_democracy"])
    assert [model["id"] for model in document["models"]] == ["joint_democracy"]
    assert counted_opens == [synthetic_database]


def test_the_whole_battery_reads_through_one_connection(synthetic_database, counted_opens):
    battery = load_battery()
    document = fit_battery(synthetic_database, battery)
    assert len(document["models"]) == len(battery.models)
    assert counted_opens == [synthetic_database]


def test_one_model_from_the_command_line_imports_no_pandas(synthetic_database, tmp_path):
    # The main model's whole table printed, with pandas (and statsmodels, scipy) never imported.
    script = (
        "import sys\n"
        "from dpeace.cli import main\n"
        f"code = main(['model', '--only', 'joint_democracy', '--database', {str(synthetic_database)!r}])\n"
        "print('imported:', sorted(m for m in ('pandas', 'statsmodels', 'scipy') if m in sys.modules))\n"
        "sys.exit(code)\n"
    )
    environment = dict(os.environ, DPEACE_DATA=str(tmp_path))
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert "joint_democracy: Joint democracy + controls" in run.stdout
    assert run.stdout.strip().splitlines()[-1] == "imported: []"


def test_a_sample_cut_from_a_dataframe_equals_the_one_cut_from_the_loaded_columns(synthetic_database):
    spec = load_battery().model("joint_democracy")
    columns = load_dyad_years(synthetic_database, [spec])
    # Some rows made incomplete, so that the sample is cut from the rows, not taken whole.
    columns["contiguous"] = columns["contiguous"].copy()
    columns["contiguous"][::7] = np.nan
    from_columns = select_sample(columns, spec)
    from_frame = select_sample(pd.DataFrame(columns), spec)
    assert from_columns.n_dropped_missing > 0
    assert from_columns.names == from_frame.names == ("const", *spec.regressors)
    for field in ("outcome", "matrix", "clusters", "years", "states"):
        np.testing.assert_array_equal(getattr(from_columns, field), getattr(from_frame, field))
    assert from_columns.matrix.flags["F_CONTIGUOUS"]
    pd.testing.assert_frame_equal(
        from_columns.design, pd.DataFrame(from_columns.matrix, columns=["const", *spec.regressors])
    )


def test_a_fits_pandas_views_show_its_arrays(synthetic_database):
    spec = load_battery().model("joint_democracy")
    fitted = fit_logit(select_sample(load_dyad_years(synthetic_database, [spec]), spec))
    names = ["const", *spec.regressors]
    assert list(fitted.params.index) == names
    np.testing.assert_array_equal(fitted.params.to_numpy(), fitted.coefficients)
    assert list(fitted.terms.columns) == list(TERM_COLUMNS) and fitted.terms.index.name == "term"
    np.testing.assert_array_equal(fitted.terms.to_numpy(), fitted.term_table)
    np.testing.assert_array_equal(
        fitted.terms["se"].to_numpy(), np.sqrt(np.diag(fitted.covariance_matrices["dyadic_robust"]))
    )
    for kind, matrix in fitted.covariance_matrices.items():
        np.testing.assert_array_equal(fitted.covariances[kind].to_numpy(), matrix)
        np.testing.assert_array_equal(fitted.standard_errors()[kind].to_numpy(), np.sqrt(np.diag(matrix)))
    assert fitted.term_rows()["joint_democracy"]["coef"] == fitted.coefficients[1]

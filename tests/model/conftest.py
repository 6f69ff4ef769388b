"""Fixtures of the model tests: a synthetic dyad_years database (see synthetic_dyads)."""

from __future__ import annotations

import pandas as pd
import pytest

from synthetic_dyads import simulate_dyad_years, write_dyad_years


@pytest.fixture(scope="session")
def synthetic_dyad_years() -> pd.DataFrame:
    return simulate_dyad_years()


@pytest.fixture(scope="session")
def synthetic_database(tmp_path_factory, synthetic_dyad_years):
    path = tmp_path_factory.mktemp("synthetic") / "peace.duckdb"
    write_dyad_years(path, synthetic_dyad_years)
    return path

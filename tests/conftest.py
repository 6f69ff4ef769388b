"""Fixtures shared by every stage's tests.

Tests over the real data need the offline mirror (DPEACE_MIRROR, or ../shared/mirror
beside the repo); without it they are skipped with that reason. The real data is
fetched and built once per test session into a temporary data folder, never into the
user's own data/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def _find_mirror() -> Path | None:
    configured = os.environ.get("DPEACE_MIRROR")
    if configured and not configured.startswith(("http://", "https://")):
        path = Path(configured.removeprefix("file://"))
        return path if (path / "MANIFEST.csv").exists() else None
    beside = REPO_ROOT.parent / "shared" / "mirror"
    return beside if (beside / "MANIFEST.csv").exists() else None


MIRROR = _find_mirror()
NO_MIRROR_REASON = (
    "the offline data mirror is absent (set DPEACE_MIRROR to a mirror folder, "
    "or place it at ../shared/mirror beside the repo)"
)


@pytest.fixture(scope="session")
def mirror_dir() -> Path:
    if MIRROR is None:
        pytest.skip(NO_MIRROR_REASON)
    return MIRROR


@pytest.fixture()
def data_dir(tmp_path, monkeypatch) -> Path:
    """An empty data folder of the test's own, set as DPEACE_DATA."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("DPEACE_DATA", str(folder))
    return folder


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory, mirror_dir) -> Path:
    """A data folder with the real datasets fetched from the mirror (once per session)."""
    from dpeace.fetch.fetcher import fetch

    folder = tmp_path_factory.mktemp("real-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(folder))
        fetch(mirror=str(mirror_dir))
    return folder


@pytest.fixture(scope="session")
def real_database(real_data_dir) -> Path:
    """The database built from the real data (once per session)."""
    from dpeace.transform.runner import build_database

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(real_data_dir))
        build_database()
    return real_data_dir / "peace.duckdb"


@pytest.fixture(scope="session")
def real_model_results(real_database) -> Path:
    """The model battery fitted on the real database (once per session)."""
    from dpeace.model.battery import run_battery

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(real_database.parent))
        run_battery()
    return real_database.parent / "model_results.json"

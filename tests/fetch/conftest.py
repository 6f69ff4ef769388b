"""Fixtures for the fetch tests: fast HTTP, no mirror from the environment, a registry."""

from __future__ import annotations

import pytest

from dpeace.fetch import http

# pytest puts this folder on sys.path (rootdir-relative "prepend" imports), so the
# helpers module is importable by its own unique name from every test file here.
from fetch_fixtures import write_registry


@pytest.fixture(autouse=True)
def fast_http(monkeypatch):
    """Short timeouts (through the environment, as a user sets them), two retries and no
    backoff, so failure tests take well under a second; and no mirror from the environment
    unless a test gives one."""
    monkeypatch.delenv("DPEACE_MIRROR", raising=False)
    for variable in ("DPEACE_FETCH_FILE_DEADLINE", "DPEACE_FETCH_MIN_RATE", "DPEACE_FETCH_DEADLINE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DPEACE_FETCH_TIMEOUT", "0.3")
    monkeypatch.setattr(http, "RETRIES", 2)
    monkeypatch.setattr(http, "BACKOFF", 0.0)


@pytest.fixture()
def registry(tmp_path):
    """Write a registry of the test's own: registry(files) -> its path."""
    return lambda files, **kwargs: write_registry(tmp_path / "sources.toml", files, **kwargs)

"""requirements.lock (written by `make lock`) pins every dependency pyproject.toml names,
at a version its range allows, with hashes, so that `make setup` installs all of them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]


def locked_versions() -> dict[str, str]:
    text = (REPO / "requirements.lock").read_text("utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, flags=re.MULTILINE)
    }


def declared_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    return [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]


def test_every_declared_dependency_is_locked_at_a_version_it_allows():
    locked = locked_versions()
    unlocked = [str(r) for r in declared_requirements() if canonicalize_name(r.name) not in locked]
    assert not unlocked, f"not in requirements.lock (run `make lock`): {unlocked}"
    outside = [
        f"{r} (locked {locked[canonicalize_name(r.name)]})"
        for r in declared_requirements()
        if not r.specifier.contains(locked[canonicalize_name(r.name)], prereleases=True)
    ]
    assert not outside, f"locked outside the declared range (run `make lock`): {outside}"


def test_every_locked_package_has_a_hash():
    # Each pin is followed by its --hash lines; `uv pip sync --require-hashes` needs them.
    text = (REPO / "requirements.lock").read_text("utf-8")
    pins = re.findall(r"^[A-Za-z0-9._-]+==\S+ \\\n    --hash=sha256:[0-9a-f]{64}", text, flags=re.MULTILINE)
    assert len(pins) == len(locked_versions()) > 0

"""The report's configuration names the software lock and whether it is what is installed."""

from __future__ import annotations

import hashlib
from importlib import metadata

from dpeace.report.reproducibility import LOCK_FILE, configuration, software_lock


def test_the_lock_matching_the_installed_versions_is_named_by_its_sha256(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# a comment\n"
        f"pyyaml=={metadata.version('pyyaml')} \\\n    --hash=sha256:00\n    # via dpeace\n"
        f"duckdb=={metadata.version('duckdb')}\n"
    )
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    assert software_lock(lock) == f"requirements.lock sha256 {digest}; all 2 locked versions installed"


def test_a_version_other_than_the_locked_one_is_named(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"pyyaml==0.0.1\nduckdb=={metadata.version('duckdb')}\nno-such-package==1.0\n")
    assert software_lock(lock).endswith(
        f"; installed versions differ: pyyaml {metadata.version('pyyaml')} (locked 0.0.1), "
        "no-such-package not installed (locked 1.0)"
    )


def test_without_a_lock_the_report_says_so(tmp_path):
    assert (
        software_lock(tmp_path / "requirements.lock") == "no requirements.lock (not a checkout of the repo)"
    )


def test_the_configuration_rows_carry_the_repos_lock():
    rows = {row["name"]: row["value"] for row in configuration({}, 6)}
    digest = hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()
    assert rows["Software lock"].startswith(f"requirements.lock sha256 {digest}; ")


def test_a_package_both_stages_ran_at_one_version_is_listed_once():
    from importlib import metadata

    from dpeace.report.reproducibility import software_versions

    duckdb_version = metadata.version("duckdb")
    rows = software_versions({"duckdb": duckdb_version, "numpy": "1.0"})
    assert [row for row in rows if row["name"] == "duckdb"] == [
        {"name": "duckdb", "version": duckdb_version, "stage": "model, report"}
    ]
    # At another version, the model's and the report's are both listed.
    rows = software_versions({"duckdb": "0.0.1"})
    assert [row["stage"] for row in rows if row["name"] == "duckdb"] == ["model", "report"]

"""`make TARGET` in any folder of pipeline/, sql/ or tests/ runs in the project root: each
folder holds a GNUmakefile that forwards to it, and a bare `make` there sets up, as at the root."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import REPO_ROOT

FORWARD = re.compile(r"^\t@\$\(MAKE\) --no-print-directory -C (\S+) \$\(MAKECMDGOALS\)$", re.MULTILINE)


def project_folders() -> list:
    return sorted(
        path
        for top in ("pipeline", "sql", "tests")
        for path in [REPO_ROOT / top, *(REPO_ROOT / top).rglob("*")]
        if path.is_dir()
        and not any(part.startswith((".", "__")) for part in path.relative_to(REPO_ROOT).parts)
    )


def test_every_folder_forwards_make_to_the_project_root():
    folders = project_folders()
    assert REPO_ROOT / "pipeline" / "curve" in folders and REPO_ROOT / "sql" / "marts" in folders
    wrong = []
    for folder in folders:
        makefile = folder / "GNUmakefile"
        found = FORWARD.search(makefile.read_text()) if makefile.exists() else None
        if found is None or (folder / found.group(1)).resolve() != REPO_ROOT:
            wrong.append(folder.relative_to(REPO_ROOT).as_posix())
    assert wrong == [], "folders whose GNUmakefile does not forward to the root (or that have none)"


@pytest.mark.parametrize(("folder", "goals"), [("pipeline/report/templates", ["report"]), ("sql/marts", [])])
def test_make_from_a_deep_folder_runs_the_roots_target(folder, goals, tmp_path):
    # -n: print what would run. Every stage's output is missing from an empty data folder, so the
    # root's `make report` would run the whole pipeline; a bare make sets up and nothing else.
    command = [
        "make",
        "-n",
        *goals,
        f"DPEACE_DATA={tmp_path / 'data'}",
        f"DPEACE_REPORTS={tmp_path / 'reports'}",
    ]
    completed = subprocess.run(command, cwd=REPO_ROOT / folder, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    verbs = re.findall(r"^\S*dpeace (\w+)", completed.stdout, re.MULTILINE)
    if goals:
        assert verbs == ["fetch", "build", "model", "curve", "report"]
    else:
        assert verbs == []
        assert "setup" in completed.stdout or "uv pip sync" in completed.stdout

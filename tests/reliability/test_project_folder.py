"""Case 6 of issue 15: `dpeace` finds the project's data folder from any subfolder."""

from __future__ import annotations

from pathlib import Path

from dpeace import paths


def make_project(root: Path) -> Path:
    (root / "sql").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "docs" / "notes").mkdir(parents=True)
    return root


def test_the_data_folder_is_found_from_a_subfolder(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.delenv("DPEACE_DATA", raising=False)
    monkeypatch.delenv("DPEACE_REPORTS", raising=False)
    monkeypatch.chdir(project / "docs" / "notes")
    assert paths.data_dir() == project / "data"
    assert paths.database_path() == project / "data" / "peace.duckdb"
    assert paths.report_path() == project / "reports" / "democratic_peace.html"


def test_at_the_project_root_the_paths_stay_relative(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.delenv("DPEACE_DATA", raising=False)
    monkeypatch.chdir(project)
    assert paths.data_dir() == Path("data")


def test_dpeace_data_wins(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(project / "docs")
    monkeypatch.setenv("DPEACE_DATA", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_the_reading_verbs_work_from_a_subfolder(built_world, tmp_path, monkeypatch, dpeace):
    # The built world sits in <tmp>/data; make <tmp> a project and run from a subfolder of it.
    project = make_project(built_world.parent)
    monkeypatch.delenv("DPEACE_DATA", raising=False)
    monkeypatch.chdir(project / "docs" / "notes")
    code, out, err = dpeace("sql", "SELECT count(*) AS n FROM state_years", "--format", "csv")
    # By hand (tests/transform/world.py): 6 + 6 + 4 + 3 + 2 = 21 state-years.
    assert (code, out) == (0, "n\n21\n"), err

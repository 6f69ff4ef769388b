"""Case 5 of issue 18: every verb that writes refuses an output path that is one of the
pipeline's files (after symlinks), unless it is that verb's own output; export shares the check."""

from __future__ import annotations

import pytest

from tests.reliability.conftest import sums

# Relative to the data folder; the report is set beside it (DPEACE_REPORTS).
PIPELINE_FILES = {
    "peace.duckdb": "the database",
    "raw/cow_states/states2016.csv": "a file of the raw cache",
    "raw/provenance.json": "the fetch provenance",
    "model_results.json": "the model results",
    "specification_curve.json": "the specification curve",
}
REPORT = "reports/democratic_peace.html"


@pytest.fixture()
def project(built_world, tmp_path, monkeypatch):
    """A built data folder with (stand-in) results, curve and report beside it, all to be left as they are."""
    (built_world / "model_results.json").write_text('{"models": []}\n')
    (built_world / "specification_curve.json").write_text('{"specifications": []}\n')
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "democratic_peace.html").write_text("<html>the last report</html>\n")
    monkeypatch.setenv("DPEACE_REPORTS", str(reports))
    return tmp_path


def everything(project) -> dict[str, str]:
    return sums(project)


def verb_cases():
    for target, what in {**PIPELINE_FILES, "../" + REPORT: "the report"}.items():
        if what != "the report":
            yield pytest.param("report", "--output", target, what, id=f"report-over-{target}")
        if what != "the database":
            yield pytest.param("build", "--output", target, what, id=f"build-over-{target}")
        if what not in ("the database",):
            yield pytest.param("model", "--database", target, what, id=f"model-database-{target}")
            yield pytest.param("curve", "--database", target, what, id=f"curve-database-{target}")


@pytest.mark.parametrize(("verb", "option", "target", "what"), list(verb_cases()))
def test_a_writer_refuses_a_pipeline_file_that_is_not_its_own(project, dpeace, verb, option, target, what):
    path = project / "data" / target
    before = everything(project)

    code, _, err = dpeace(verb, option, str(path))

    assert code == 1
    assert f"will not write to {path}" in err
    assert f"it is {what}, a pipeline file" in err
    assert f"give {option} another path" in err
    assert "Traceback" not in err
    assert everything(project) == before


@pytest.mark.parametrize(
    ("verb", "target", "what"),
    [("report", "peace.duckdb", "the database"), ("build", "raw/provenance.json", "the fetch provenance")],
)
def test_a_symlink_to_a_pipeline_file_is_that_file(project, dpeace, verb, target, what):
    link = project / "innocent-looking.out"
    link.symlink_to(project / "data" / target)
    before = everything(project)

    code, _, err = dpeace(verb, "--output", str(link))

    assert code == 1
    assert f"will not write to {link} (that is {(project / 'data' / target).resolve()})" in err
    assert f"it is {what}" in err
    assert everything(project) == before


def test_a_writer_may_name_its_own_output(project, dpeace):
    database = project / "data" / "peace.duckdb"
    database.unlink()

    code, _, err = dpeace("build", "--output", str(database))

    assert code == 0, err
    assert database.stat().st_size > 0


def test_a_writer_may_write_outside_the_pipeline_files(project, dpeace):
    other = project / "elsewhere.duckdb"
    code, _, err = dpeace("build", "--output", str(other))
    assert code == 0, err
    assert other.stat().st_size > 0


def test_export_through_a_symlinked_exports_folder_cannot_reach_the_raw_cache(project, dpeace):
    """Case 8's export trick: data/exports made a link into the raw cache."""
    data = project / "data"
    (data / "exports").symlink_to(data / "raw" / "cow_states", target_is_directory=True)
    before = everything(project)

    code, _, err = dpeace(
        "export", "stg_states", "--format", "csv", "-o", str(data / "exports" / "states2016.csv")
    )

    assert code == 1
    assert "it is a file of the raw cache, a pipeline file" in err
    assert everything(project) == before

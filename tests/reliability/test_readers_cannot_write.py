"""Case 4 of issue 15 (the reading verbs must not write over the pipeline's files) and the
export and `make sql` frictions of case 6."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

from dpeace.query.export import STATA_LABEL_LIMIT, stata_label
from tests.conftest import REPO_ROOT
from tests.query.conftest import SAMPLE_DICTIONARY
from tests.reliability.conftest import sums

EXAMPLES = sorted((REPO_ROOT / "sql" / "examples").glob("*.sql"))


@pytest.mark.parametrize(
    "target",
    [
        "peace.duckdb",
        "raw/cow_states/states2016.csv",
        "raw/provenance.json",
        "model_results.json",
        "elsewhere.csv",
    ],
)
def test_export_refuses_the_data_folder_and_pipeline_files(data_folder, dpeace, target):
    before = sums(data_folder)

    code, _, err = dpeace("export", "state_years", "--format", "csv", "-o", str(data_folder / target))

    assert code == 1
    assert f"will not write to {data_folder / target}" in err
    assert "export to" in err and "exports" in err
    assert sums(data_folder) == before


def test_export_refuses_the_report_wherever_it_lives(data_folder, dpeace, tmp_path, monkeypatch):
    monkeypatch.setenv("DPEACE_REPORTS", str(tmp_path / "reports"))
    code, _, err = dpeace("export", "state_years", "-o", str(tmp_path / "reports" / "democratic_peace.html"))
    assert code == 1 and "a pipeline file" in err
    assert not (tmp_path / "reports").exists()


def test_export_to_a_folder_is_one_clear_message(data_folder, dpeace, tmp_path):
    code, _, err = dpeace("export", "state_years", "-o", str(tmp_path))
    assert code == 1
    assert f"-o {tmp_path} is a folder: give a file name" in err
    assert "Traceback" not in err


def test_export_to_the_default_exports_folder_still_works(data_folder, dpeace):
    code, out, _ = dpeace("export", "state_years", "--format", "csv")
    assert code == 0
    assert (data_folder / "exports" / "state_years.csv").exists()


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO '{raw}/cow_states/states2016.csv'",
        "COPY state_years TO '{raw}/../elsewhere.csv'",
        "EXPORT DATABASE '{raw}/../dump'",
        "ATTACH '{raw}/../other.duckdb' AS other",
    ],
)
def test_sql_writes_no_file(data_folder, dpeace, statement):
    before = sums(data_folder)

    code, _, err = dpeace("sql", statement.format(raw=data_folder / "raw"))

    assert code == 1
    assert "file system operations are disabled" in err
    assert "`dpeace sql` reads the database only and writes no files" in err
    assert sums(data_folder) == before
    assert sorted(p.name for p in data_folder.iterdir()) == ["peace.duckdb", "raw"]


def test_sql_still_reads_the_database(data_folder, dpeace):
    # By hand: 4 dyads x 4 years in the fixture.
    code, out, _ = dpeace("sql", "SELECT count(*) AS n FROM dyad_years", "--format", "csv")
    assert (code, out) == (0, "n\n16\n")


def test_the_example_queries_run_on_the_read_only_connection(real_database, monkeypatch, dpeace):
    monkeypatch.setenv("DPEACE_DATA", str(real_database.parent))
    for example in EXAMPLES:
        code, out, err = dpeace("sql", "-f", str(example), "--format", "csv")
        assert code == 0, f"{example.name}: {err}"
        assert out.count("\n") >= 2, example.name


def test_piped_sql_accepts_the_dot_commands(data_folder, dpeace, monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(".tables\nSELECT count(*) AS n\nFROM state_years;\n.describe state_years\n")
    )
    monkeypatch.setattr("dpeace.query.command.load_data_dictionary", lambda: SAMPLE_DICTIONARY)

    code, out, _ = dpeace("sql")

    assert code == 0
    assert "dyad_years" in out and "state_years" in out  # .tables
    assert "16" in out  # 4 states x 4 years
    assert "COW country code" in out  # .describe's meaning of ccode


def test_a_failing_statement_in_a_piped_script_fails_the_run(data_folder, dpeace, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(".tables\nSELECT * FROM nowhere;\n"))
    code, out, _ = dpeace("sql")
    assert code == 1
    assert "error:" in out and "nowhere" in out


def test_csv_export_keeps_its_column_types(data_folder, dpeace):
    code, _, _ = dpeace("export", "dyad_years", "--format", "csv")
    assert code == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a mixed-types warning fails the test
        frame = pd.read_csv(data_folder / "exports" / "dyad_years.csv")
    # mid_onset: 0/1 with NaN for the four 2015 rows (MID does not cover it), so numbers.
    assert frame["mid_onset"].dtype == "float64"
    assert frame["mid_onset"].isna().sum() == 4
    # 2-365 in 2000 began two disputes: mid_onset true -> 1.
    row = frame[(frame.ccode1 == 2) & (frame.ccode2 == 365) & (frame.year == 2000)]
    assert row["mid_onset"].tolist() == [1.0]


def test_stata_labels_are_shortened_at_a_clause_or_word_boundary():
    aside = "Both states have Polity2 >= 6 (NULL if either is missing, as when Polity has no row for them)"
    # 97 characters; without the parenthetical remark, 30.
    assert stata_label(aside) == "Both states have Polity2 >= 6"
    clauses = (
        "True if a dispute between the two began in this year, counting only disputes with "
        "hostility level 4 or 5 reached"
    )
    # The first clause (54 characters) ends at the comma; the rest would pass 80.
    assert stata_label(clauses) == "True if a dispute between the two began in this year"
    words = "word " * 30
    shortened = stata_label(words)
    assert len(shortened) <= STATA_LABEL_LIMIT and shortened.endswith("word...")

"""The `sql`, `describe` and `export` verbs as the command line runs them."""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys

import pandas as pd
import pytest

from dpeace import cli
from dpeace.errors import QueryError
from dpeace.query import command
from dpeace.query.export import stata_label


def parse(argv: list[str], dictionary: dict | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dpeace")
    command.register(parser.add_subparsers(dest="verb"))
    args = parser.parse_args(argv)
    if dictionary is not None:
        args.load_dictionary = lambda: dictionary
    return args


def run(argv: list[str], dictionary: dict | None = None) -> int:
    args = parse(argv, dictionary)
    return args.handler(args)


@pytest.fixture()
def query_verbs_only(monkeypatch):
    """cli.main with only this module's verbs, so these tests need no other stage."""
    monkeypatch.setattr(cli, "VERB_MODULES", ["dpeace.query.command"])


def test_the_verbs_are_registered_with_help(capsys):
    for verb, phrase in [
        ("sql", "read-only"),
        ("describe", "data dictionary"),
        ("export", "variable labels"),
    ]:
        with pytest.raises(SystemExit):
            parse([verb, "--help"])
        assert phrase in " ".join(capsys.readouterr().out.split())


def test_sql_prints_an_aligned_table(fixture_database, capsys):
    assert (
        run(
            [
                "sql",
                "--database",
                str(fixture_database),
                "SELECT stateabb, polity2 FROM state_years WHERE year = 2002 ORDER BY ccode",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out == (
        "stateabb  polity2\n"
        "--------  -------\n"
        "USA            10\n"
        "UKG            10\n"
        "FRN             9\n"
        "RUS          NULL\n"
    )


def test_sql_from_a_file_as_csv_prints_every_row(fixture_database, tmp_path, capsys):
    query = tmp_path / "query.sql"
    query.write_text("-- every dyad-year\nSELECT ccode1, ccode2, year FROM dyad_years ORDER BY ALL;\n")
    run(["sql", "--database", str(fixture_database), "-f", str(query), "--format", "csv", "--max-rows", "2"])
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(frame) == 16
    assert frame.iloc[0].tolist() == [2, 200, 2000]


def test_sql_reads_piped_standard_input(fixture_database, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT count(*) AS dyad_years FROM dyad_years"))
    run(["sql", "--database", str(fixture_database), "--format", "json"])
    assert capsys.readouterr().out == '[\n{"dyad_years": 16}\n]\n'


def test_sql_uses_the_data_folders_database_by_default(fixture_database, data_dir, capsys):
    fixture_database.rename(data_dir / "peace.duckdb")
    run(["sql", "SELECT count(*) AS n FROM state_years", "--format", "csv"])
    assert capsys.readouterr().out == "n\n16\n"


def test_a_query_and_a_file_together_are_refused(fixture_database, tmp_path):
    with pytest.raises(QueryError, match="either a query or -f FILE"):
        run(["sql", "--database", str(fixture_database), "-f", str(tmp_path / "q.sql"), "SELECT 1"])


def test_an_empty_query_argument_is_refused_not_taken_for_no_query(fixture_database, monkeypatch):
    # Without a query dpeace reads standard input; an empty one given on purpose is an error.
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT 1"))
    with pytest.raises(QueryError, match="the query is empty"):
        run(["sql", "--database", str(fixture_database), ""])


def test_a_negative_max_rows_is_refused_whatever_the_format(fixture_database):
    with pytest.raises(QueryError, match="--max-rows must be 0"):
        run(["sql", "--database", str(fixture_database), "--format", "csv", "--max-rows", "-1", "SELECT 1"])


def test_a_missing_sql_file_is_reported_plainly(fixture_database, tmp_path):
    with pytest.raises(QueryError, match=r"cannot read .*nowhere\.sql: No such file or directory"):
        run(["sql", "--database", str(fixture_database), "-f", str(tmp_path / "nowhere.sql")])


def test_errors_reach_the_user_as_one_plain_message(fixture_database, query_verbs_only, capsys):
    assert cli.main(["sql", "--database", str(fixture_database), "SELECT nope FROM state_years"]) == 1
    error = capsys.readouterr().err
    assert error.startswith('dpeace sql: error: Binder Error: Referenced column "nope" not found')
    assert "LINE 1: SELECT nope FROM state_years" in error
    assert "Traceback" not in error


def test_a_query_before_any_build_says_to_run_the_build(data_dir, query_verbs_only, capsys):
    assert cli.main(["sql", "SELECT 1"]) == 1
    assert capsys.readouterr().err == (
        f"dpeace sql: error: no database at {data_dir / 'peace.duckdb'}: "
        "run the build first (`dpeace build` or `make build`)\n"
    )


def test_describe_a_table_shows_its_description_and_columns(fixture_database, sample_dictionary, capsys):
    run(["describe", "state_years", "--database", str(fixture_database)], sample_dictionary)
    output = capsys.readouterr().out
    assert output.startswith(
        "state_years: One row per COW member state per year\n\ncolumn    type     meaning\n"
    )
    assert "ccode     INTEGER  COW country code\n" in output


def test_describe_lists_tables_as_markdown(fixture_database, sample_dictionary, capsys):
    run(["describe", "--format", "markdown", "--database", str(fixture_database)], sample_dictionary)
    assert capsys.readouterr().out.splitlines()[2] == (
        "| marts | dyad_years | table | 16 | One row per pair of states (ccode1 < ccode2) per year |"
    )


def test_export_writes_the_chosen_columns_and_rows(fixture_database, tmp_path, sample_dictionary, capsys):
    # Both democratic dyads (2-200, 200-220) in all four years, 2015 included.
    target = tmp_path / "democracies.dta"
    run(
        [
            "export",
            "dyad_years",
            "--format",
            "dta",
            "--where",
            "joint_democracy",
            "--columns",
            "ccode1, ccode2,year",
            "-o",
            str(target),
            "--database",
            str(fixture_database),
        ],
        sample_dictionary,
    )
    assert capsys.readouterr().out == f"wrote 8 rows to {target}\n"
    frame = pd.read_stata(target)
    assert frame.columns.tolist() == ["ccode1", "ccode2", "year"]
    assert sorted(set(zip(frame.ccode1, frame.ccode2))) == [(2, 200), (200, 220)]


@pytest.mark.mirror
def test_the_verbs_work_on_the_real_database(real_database, tmp_path, capsys):
    run(
        [
            "sql",
            "--database",
            str(real_database),
            "SELECT count(*) AS n FROM dyad_years WHERE year = 1946",
            "--format",
            "csv",
        ]
    )
    assert int(capsys.readouterr().out.split()[1]) > 0

    run(["describe", "--database", str(real_database), "--format", "csv"])
    listing = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_table = {row["table"]: row["layer"] for row in listing}
    for table in ("dyad_years", "dyad_years_directed", "state_years"):
        assert by_table[table] == "marts"
    assert by_table["stg_polity"] == "staging" and by_table["analysis_settings"] == "seeds"

    run(["describe", "dyad_years", "--database", str(real_database)])
    described = capsys.readouterr().out
    assert "joint_democracy" in described and "(not in the data dictionary)" not in described

    target = tmp_path / "dyad_years_1946.dta"
    run(
        [
            "export",
            "dyad_years",
            "--format",
            "dta",
            "--where",
            "year = 1946",
            "-o",
            str(target),
            "--database",
            str(real_database),
        ]
    )
    meanings = command.load_data_dictionary()["dyad_years"]["columns"]
    with pd.io.stata.StataReader(target) as reader:
        labels = reader.variable_labels()
    # The dictionary's short label, with the threshold the real build used (analysis_settings).
    assert labels["joint_democracy"] == "Both states' polity2 >= 6 (NULL if either is missing)"
    # A column without one: its description shortened at a clause or word boundary (issue 15).
    assert labels["polity2_1"] == stata_label(meanings["polity2_1"])
    assert all(len(label) <= 80 for label in labels.values())
    with pd.io.stata.StataReader(target) as reader:
        assert reader.value_labels()["hostlev_max"][5] == "war"
    assert (tmp_path / "dyad_years_1946.do").read_text("utf-8").count("\nnotes ") > 40
    assert len(pd.read_stata(target)) > 0


def test_a_reader_that_stops_early_is_not_an_error(fixture_database):
    """`dpeace sql ... | head -1`: the closed pipe ends the output quietly."""
    script = (
        "import argparse, sys\n"
        "from dpeace.query import command\n"
        "parser = argparse.ArgumentParser()\n"
        "command.register(parser.add_subparsers())\n"
        "args = parser.parse_args(sys.argv[1:])\n"
        "sys.exit(args.handler(args))\n"
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script,
            "sql",
            "--database",
            str(fixture_database),
            "--format",
            "csv",
            "SELECT range AS n FROM range(500000)",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline() == b"n\n"
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert stderr == ""

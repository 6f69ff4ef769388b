"""`dpeace table` over two hand-made stored models matches tables written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpeace import paths
from dpeace.cli import main
from dpeace.database import write_atomically
from dpeace.errors import ModelError

EXPECTED = Path(__file__).parent / "expected"


@pytest.fixture()
def results_database(tmp_path) -> Path:
    """model_results and model_terms (the model stage's own table definitions) holding two
    models whose numbers were chosen to exercise stars, tiny values and a missing term."""
    from dpeace.sql_errors import run_sql_file

    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        run_sql_file(con, paths.sql_dir() / "model" / "results_tables.sql", ModelError)
        for position, (model_id, label, n, events, loglik, se_type) in enumerate(
            [
                ("main", "Joint democracy", 1234, 56, -210.26, "clustered by dyad"),
                ("monadic", "Monadic", 300, 30, -95.04, "clustered by state"),
            ],
            start=1,
        ):
            con.execute(
                "INSERT INTO model_results (model_id, position, is_main, label, description, estimator, "
                "outcome, democracy_term, controls, sample, ongoing, n_sample, n_dropped_missing, n, n_events, "
                "n_clusters, loglik, converged, separation, warnings, se_type, analysis_table) VALUES "
                "(?, ?, ?, ?, 'd', 'logit', 'mid_onset', 'x', [], 'all', 'drop', ?, 0, ?, ?, 10, ?, true, "
                "false, [], ?, 'dyad_years')",
                [model_id, position, position == 1, label, n, n, events, loglik, se_type],
            )
        con.executemany(
            "INSERT INTO model_terms (model_id, term, coef, se, p) VALUES (?, ?, ?, ?, ?)",
            [
                ("main", "const", -4.5, 0.25, 1e-20),
                ("main", "joint_democracy", -1.0, 0.4, 0.0124),
                ("main", "peace_years", -0.00012, 0.00005, 0.0164),
                ("monadic", "const", -2.0, 0.5, 6.3e-5),
                ("monadic", "polity2", 0.01, 0.02, 0.617),
            ],
        )
    return path


@pytest.mark.parametrize(
    ("suffix", "table_format"), [(".md", "markdown"), (".csv", "csv"), (".tex", "latex")]
)
def test_the_table_matches_the_hand_written_one(results_database, tmp_path, suffix, table_format, capsys):
    output = tmp_path / f"table{suffix}"
    assert main(["table", "main", "monadic", "--database", str(results_database), "-o", str(output)]) == 0
    assert output.read_text("utf-8") == (EXPECTED / f"two_models{suffix}").read_text("utf-8")
    # The same text on the screen with --format.
    capsys.readouterr()
    assert (
        main(["table", "main", "monadic", "--database", str(results_database), "--format", table_format]) == 0
    )
    assert capsys.readouterr().out == (EXPECTED / f"two_models{suffix}").read_text("utf-8")


def test_models_come_in_the_order_asked_for(results_database, capsys):
    assert main(["table", "monadic", "main", "--database", str(results_database)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "|  | Monadic | Joint democracy |"
    assert lines[3] == "| polity2 | 0.010 |  |"


def test_an_unknown_model_suggests_the_nearest(results_database, capsys):
    assert main(["table", "mian", "--database", str(results_database)]) == 1
    assert capsys.readouterr().err.strip() == (
        "dpeace table: error: no stored model 'mian'; did you mean 'main'? (models: main, monadic)"
    )


def test_a_database_without_results_says_to_run_the_model_stage(tmp_path, capsys):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE dyad_years AS SELECT 1 AS year")
    assert main(["table", "main", "--database", str(path)]) == 1
    assert "holds no model results: run `dpeace model` first" in capsys.readouterr().err

"""The prompt, driven by scripted input lines instead of a keyboard."""

from __future__ import annotations

import io

from dpeace.query.interactive import CONTINUATION_PROMPT, PROMPT, PromptSession
from dpeace.query.run_sql import open_database


def scripted(lines: list[str], prompts: list[str]):
    """A read_line that answers from `lines`, records each prompt, then signals Ctrl-D."""
    remaining = iter(lines)

    def read_line(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(remaining)
        except StopIteration:
            raise EOFError from None

    return read_line


def session_output(database, dictionary, lines: list[str], max_rows: int = 50) -> tuple[str, list[str]]:
    out, prompts = io.StringIO(), []
    PromptSession(open_database(database), lambda: dictionary, out, max_rows).run(scripted(lines, prompts))
    return out.getvalue(), prompts


def test_a_statement_over_several_lines_runs_at_its_semicolon(fixture_database, sample_dictionary):
    output, prompts = session_output(
        fixture_database,
        sample_dictionary,
        [
            "SELECT ccode, statenme",
            "FROM state_years",
            "WHERE year = 2015 AND ccode < 220",
            "ORDER BY ccode;",
        ],
    )
    assert prompts == [PROMPT, CONTINUATION_PROMPT, CONTINUATION_PROMPT, CONTINUATION_PROMPT, PROMPT]
    assert output == (
        "ccode  statenme\n"
        "-----  ------------------------\n"
        "    2  United States of America\n"
        "  200  United Kingdom\n"
        "\n"
    )


def test_an_error_is_printed_and_the_session_goes_on(fixture_database, sample_dictionary):
    output, _ = session_output(
        fixture_database,
        sample_dictionary,
        ["INSERT INTO state_years (ccode) VALUES (1);", "SELECT count(*) AS n FROM state_years;"],
    )
    first, rest = output.split("\n", 1)
    assert first.startswith('error: Invalid Input Error: Cannot execute statement of type "INSERT"')
    assert "read-only" in first
    assert rest == " n\n--\n16\n\n"


def test_long_results_are_cut_to_max_rows(fixture_database, sample_dictionary):
    output, _ = session_output(
        fixture_database, sample_dictionary, ["SELECT year FROM dyad_years ORDER BY year;"], max_rows=2
    )
    assert output == "year\n----\n2000\n2000\n... 14 more rows (16 in all)\n\n"


def test_dot_commands_list_and_describe_tables_and_quit(fixture_database, sample_dictionary):
    output, prompts = session_output(
        fixture_database,
        sample_dictionary,
        [".tables", ".describe state_years", ".describe nothing", ".frobnicate", ".quit", "SELECT 1;"],
    )
    assert "dyad_years   table    16  One row per pair of states (ccode1 < ccode2) per year" in output
    assert "statenme  VARCHAR  State name" in output
    assert "error: no table 'nothing' in the database (tables: dyad_years, state_years)" in output
    assert "unknown command .frobnicate (try .help)" in output
    # .quit ends the session: the SELECT after it is never read.
    assert len(prompts) == 5


def test_input_ending_without_a_semicolon_still_runs(fixture_database, sample_dictionary):
    output, _ = session_output(fixture_database, sample_dictionary, ["SELECT 42 AS answer"])
    assert output == "answer\n------\n    42\n\n"

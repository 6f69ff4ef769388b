"""Running SQL read-only: results, plain errors with their position, refused writes, and
readers that keep seeing the previous database while a build writes the next one."""

from __future__ import annotations

import pytest

from dpeace.database import write_atomically
from dpeace.errors import QueryError
from dpeace.query.run_sql import open_database, run_query


def test_a_query_returns_its_columns_and_rows(fixture_database):
    con = open_database(fixture_database)
    result = run_query(
        con,
        "SELECT ccode1, ccode2, mid_onset_count FROM dyad_years WHERE year = 2001 AND mid_onset ORDER BY ccode1",
    )
    assert result.columns == ["ccode1", "ccode2", "mid_onset_count"]
    assert result.types == ["SMALLINT", "SMALLINT", "INTEGER"]
    assert result.rows == [(2, 200, 1), (200, 365, 1)]
    assert result.total_rows == 2


def test_first_rows_fetches_only_the_head_but_counts_every_row(fixture_database):
    con = open_database(fixture_database)
    result = run_query(con, "SELECT year FROM dyad_years ORDER BY ccode1, ccode2, year", first_rows=3)
    assert result.rows == [(2000,), (2001,), (2002,)]
    assert result.total_rows == 16
    assert result.rows_left_out == 13


def test_first_rows_beyond_the_result_counts_exactly(fixture_database):
    con = open_database(fixture_database)
    result = run_query(con, "SELECT DISTINCT ccode FROM state_years ORDER BY ccode", first_rows=50)
    assert result.rows == [(2,), (200,), (220,), (365,)]
    assert result.rows_left_out == 0


def test_with_several_statements_the_last_result_is_returned(fixture_database):
    con = open_database(fixture_database)
    result = run_query(
        con, "SELECT 1 AS first;\nSELECT count(*) AS states FROM state_years WHERE year = 2015;"
    )
    assert result.columns == ["states"]
    assert result.rows == [(4,)]


@pytest.mark.parametrize(
    "statement, kind",
    [
        ("INSERT INTO dyad_years (ccode1, ccode2, year) VALUES (2, 220, 2000)", "INSERT"),
        ("CREATE TABLE scratch (a INTEGER)", "CREATE"),
        ("DELETE FROM state_years", "DELETE"),
    ],
)
def test_writes_are_refused_plainly_and_change_nothing(fixture_database, statement, kind):
    con = open_database(fixture_database)
    with pytest.raises(QueryError) as caught:
        run_query(con, statement)
    assert f'Cannot execute statement of type "{kind}"' in str(caught.value)
    assert "read-only" in str(caught.value)
    assert run_query(con, "SELECT count(*) FROM dyad_years").rows == [(16,)]
    assert run_query(con, "SELECT count(*) FROM state_years").rows == [(16,)]


def test_a_syntax_error_names_the_line_and_points_at_the_position(fixture_database):
    con = open_database(fixture_database)
    query = "SELECT year\nFROM dyad_years\nWHERE year >= 2000 ORDER year"
    with pytest.raises(QueryError) as caught:
        run_query(con, query)
    message = str(caught.value)
    assert message.startswith('Parser Error: syntax error at or near "year"')
    excerpt, carets = message.splitlines()[-2:]
    assert excerpt == "LINE 3: WHERE year >= 2000 ORDER year"
    # The caret sits under the token the parser stopped at: the last "year".
    assert carets.index("^") == excerpt.rindex("year")
    assert "Traceback" not in message


def test_an_unknown_column_error_names_the_column_and_its_position(fixture_database):
    con = open_database(fixture_database)
    with pytest.raises(QueryError) as caught:
        run_query(con, "SELECT polity3 FROM state_years")
    message = str(caught.value)
    assert message.startswith('Binder Error: Referenced column "polity3" not found')
    excerpt, carets = message.splitlines()[-2:]
    assert excerpt == "LINE 1: SELECT polity3 FROM state_years"
    assert excerpt[carets.index("^") :].startswith("polity3")


def test_an_empty_query_is_refused(fixture_database):
    with pytest.raises(QueryError, match="the query is empty"):
        run_query(open_database(fixture_database), "  \n ")


def test_a_missing_database_says_to_run_the_build(tmp_path):
    missing = tmp_path / "peace.duckdb"
    with pytest.raises(QueryError) as caught:
        open_database(missing)
    assert str(caught.value) == (
        f"no database at {missing}: run the build first (`dpeace build` or `make build`)"
    )


def test_readers_see_the_previous_database_until_the_build_swaps_in_the_next(tmp_path):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE build_info AS SELECT 1 AS build_number")

    with write_atomically(path) as writer:
        writer.execute("CREATE TABLE build_info AS SELECT 2 AS build_number")
        writer.execute("CHECKPOINT")
        # Mid-build: the new database is complete on disk but not yet swapped in.
        reader = open_database(path)
        assert run_query(reader, "SELECT build_number FROM build_info").rows == [(1,)]
        reader.close()

    reader = open_database(path)
    assert run_query(reader, "SELECT build_number FROM build_info").rows == [(2,)]
    reader.close()


def test_a_reader_open_across_the_swap_keeps_its_consistent_old_view(tmp_path):
    path = tmp_path / "peace.duckdb"
    with write_atomically(path) as con:
        con.execute("CREATE TABLE build_info AS SELECT 1 AS build_number")
    long_reader = open_database(path)

    with write_atomically(path) as writer:
        writer.execute("CREATE TABLE build_info AS SELECT 2 AS build_number")

    assert run_query(long_reader, "SELECT build_number FROM build_info").rows == [(1,)]
    long_reader.close()
    assert run_query(open_database(path), "SELECT build_number FROM build_info").rows == [(2,)]

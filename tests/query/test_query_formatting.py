"""Each output format written out in full for a small result with NULLs, booleans and floats."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pandas as pd

from dpeace.query.formatting import readable_value, write_result, write_table
from dpeace.query.run_sql import QueryResult, open_database, run_query

RESULT = QueryResult(
    columns=["state", "year", "democracy", "cinc"],
    types=["VARCHAR", "SMALLINT", "BOOLEAN", "DOUBLE"],
    rows=[
        ("United Kingdom", 1946, True, 0.0712345678),
        ("Iraq | Baath", 2002, False, None),
        (None, 15, None, 12.5),
    ],
    total_rows=3,
)


def written(result: QueryResult, output_format: str) -> str:
    out = io.StringIO()
    write_result(result, output_format, out)
    return out.getvalue()


def test_table_aligns_text_left_and_numbers_right_and_spells_out_null():
    assert written(RESULT, "table") == (
        "state           year  democracy       cinc\n"
        "--------------  ----  ---------  ---------\n"
        "United Kingdom  1946  true       0.0712346\n"
        "Iraq | Baath    2002  false           NULL\n"
        "NULL              15  NULL            12.5\n"
    )


def test_table_says_how_many_rows_were_left_out():
    head = QueryResult(["year"], ["INTEGER"], [(1816,), (1817,)], total_rows=201)
    assert written(head, "table") == "year\n----\n1816\n1817\n... 199 more rows (201 in all)\n"


def test_table_of_no_rows_says_so():
    empty = QueryResult(["year"], ["INTEGER"], [], total_rows=0)
    assert written(empty, "table") == "year\n----\n(0 rows)\n"


def test_readable_floats_keep_six_significant_digits_and_mark_whole_doubles():
    assert readable_value(1 / 3) == "0.333333"
    assert readable_value(2.0) == "2.0"
    assert readable_value(0.0000123456789) == "1.23457e-05"
    assert readable_value(1234567.891) == "1234567.89"
    assert readable_value(datetime.date(1946, 1, 1)) == "1946-01-01"


def test_csv_has_empty_fields_for_null_and_full_precision():
    text = written(RESULT, "csv")
    assert text == (
        "state,year,democracy,cinc\n"
        "United Kingdom,1946,true,0.0712345678\n"
        "Iraq | Baath,2002,false,\n"
        ",15,,12.5\n"
    )
    frame = pd.read_csv(io.StringIO(text))
    assert frame["cinc"].isna().tolist() == [False, True, False]
    assert frame["state"].isna().tolist() == [False, False, True]
    assert list(csv.reader(io.StringIO(text)))[2][0] == "Iraq | Baath"


def test_json_is_an_array_of_row_objects_with_null():
    assert json.loads(written(RESULT, "json")) == [
        {"state": "United Kingdom", "year": 1946, "democracy": True, "cinc": 0.0712345678},
        {"state": "Iraq | Baath", "year": 2002, "democracy": False, "cinc": None},
        {"state": None, "year": 15, "democracy": None, "cinc": 12.5},
    ]


def test_json_of_no_rows_is_an_empty_array():
    assert written(QueryResult(["a"], ["INTEGER"], [], 0), "json") == "[]\n"


def test_markdown_escapes_pipes_and_right_aligns_numbers():
    assert written(RESULT, "markdown") == (
        "| state | year | democracy | cinc |\n"
        "|---|---:|---|---:|\n"
        "| United Kingdom | 1946 | true | 0.0712346 |\n"
        "| Iraq \\| Baath | 2002 | false | NULL |\n"
        "| NULL | 15 | NULL | 12.5 |\n"
    )


def test_dates_and_decimals_from_duckdb_are_written_as_text(fixture_database):
    con = open_database(fixture_database)
    result = run_query(con, "SELECT DATE '1946-01-01' AS day, 1.50::DECIMAL(4, 2) AS share")
    assert json.loads(written(result, "json")) == [{"day": "1946-01-01", "share": "1.50"}]
    assert written(result, "csv") == "day,share\n1946-01-01,1.50\n"
    assert written(result, "table") == "day         share\n----------  -----\n1946-01-01   1.50\n"


def test_table_wraps_a_long_last_text_column_to_the_line_width():
    described = QueryResult(
        ["column", "meaning"],
        ["VARCHAR", "VARCHAR"],
        [
            ("year", "Calendar year."),
            (
                "joint_democracy",
                "True if both states have a Polity2 score of 6 or more; NULL if either is missing.",
            ),
        ],
        total_rows=2,
    )
    out = io.StringIO()
    write_table(described, out, line_width=50)
    assert out.getvalue() == (
        "column           meaning\n"
        "---------------  --------------------------------\n"
        "year             Calendar year.\n"
        "joint_democracy  True if both states have a\n"
        "                 Polity2 score of 6 or more; NULL\n"
        "                 if either is missing.\n"
    )
    # 50 columns, less the first column and the gap: 33 left for the meaning.
    assert max(len(line) for line in out.getvalue().splitlines()) <= 50

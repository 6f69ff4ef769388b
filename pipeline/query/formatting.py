"""Print a query result as an aligned table for people, or as CSV, JSON or Markdown for pipes.

NULL is written `NULL` where people read (table, Markdown), an empty field in CSV and
`null` in JSON, so that every format reads back as missing in its own tools.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import json
import math
import textwrap
from typing import TextIO

from dpeace.query.run_sql import QueryResult

FORMATS = ("table", "csv", "json", "markdown")
NULL_TEXT = "NULL"
# A wrapped column never gets narrower than this, however many columns precede it.
MIN_WRAPPED_WIDTH = 30


def write_result(result: QueryResult, output_format: str, out: TextIO) -> None:
    writers = {
        "table": write_table,
        "csv": write_csv,
        "json": write_json,
        "markdown": write_markdown,
    }
    writers[output_format](result, out)


def readable_value(value: object) -> str:
    """A value as people read it: floats to 6 significant digits, NULL spelled out."""
    if value is None:
        return NULL_TEXT
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _readable_float(value)
    return str(value)


def _readable_float(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        # Keep the point so that a whole-number double does not pass for an integer.
        return f"{value:.1f}"
    if 1e6 <= abs(value) < 1e15:
        return f"{value:.2f}"
    return f"{value:.6g}"


def _is_number(type_name: str) -> bool:
    return type_name.split("(")[0] in {
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "UHUGEINT",
        "FLOAT",
        "DOUBLE",
        "DECIMAL",
    }


def write_table(result: QueryResult, out: TextIO, line_width: int | None = None) -> None:
    """Columns padded to their widest value; numbers right-aligned, text left-aligned.

    With line_width, a text last column (such as a description) is wrapped so that
    lines fit; otherwise nothing is cut, as a query's values should be seen whole.
    """
    if not result.columns:
        out.write("(no result)\n")
        return
    numeric = [_is_number(type_name) for type_name in result.types]
    cells = [[readable_value(value) for value in row] for row in result.rows]
    widths = _column_widths(result.columns, cells)
    if line_width is not None and not numeric[-1]:
        cells = _wrap_last_column(cells, widths, line_width)
        widths = _column_widths(result.columns, cells)

    def line(values: list[str]) -> str:
        padded = [
            value.rjust(width) if is_number else value.ljust(width)
            for value, width, is_number in zip(values, widths, numeric)
        ]
        return "  ".join(padded).rstrip() + "\n"

    out.write(line(result.columns))
    out.write("  ".join("-" * width for width in widths) + "\n")
    for row in cells:
        out.write(line(row))
    if result.rows_left_out:
        out.write(f"... {result.rows_left_out} more rows ({result.total_rows} in all)\n")
    elif not result.rows:
        out.write("(0 rows)\n")


def _column_widths(columns: list[str], cells: list[list[str]]) -> list[int]:
    return [max([len(name)] + [len(row[index]) for row in cells]) for index, name in enumerate(columns)]


def _wrap_last_column(cells: list[list[str]], widths: list[int], line_width: int) -> list[list[str]]:
    """Split rows whose last cell is too long into continuation rows with blank cells."""
    room = max(MIN_WRAPPED_WIDTH, line_width - sum(widths[:-1]) - 2 * (len(widths) - 1))
    wrapped = []
    for row in cells:
        pieces = textwrap.wrap(row[-1], room) or [""]
        wrapped.append(row[:-1] + [pieces[0]])
        wrapped.extend([""] * (len(row) - 1) + [piece] for piece in pieces[1:])
    return wrapped


def _machine_value(value: object) -> object:
    """A value for CSV and JSON: full precision, NULL and NaN as missing."""
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, datetime.timedelta, bytes)):
        return str(value)
    return value


def write_csv(result: QueryResult, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(
            (
                ""
                if value is None
                else "true"
                if value is True
                else "false"
                if value is False
                else _machine_value(value)
            )
            for value in row
        )


def write_json(result: QueryResult, out: TextIO) -> None:
    """A JSON array of one object per row, one row per line (easy for jq and for diff)."""
    records = [
        json.dumps(
            {name: _machine_value(value) for name, value in zip(result.columns, row)},
            default=str,
        )
        for row in result.rows
    ]
    if not records:
        out.write("[]\n")
        return
    out.write("[\n" + ",\n".join(records) + "\n]\n")


def write_markdown(result: QueryResult, out: TextIO) -> None:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    numeric = [_is_number(type_name) for type_name in result.types]
    out.write("| " + " | ".join(escape(name) for name in result.columns) + " |\n")
    out.write("|" + "|".join("---:" if is_number else "---" for is_number in numeric) + "|\n")
    for row in result.rows:
        out.write("| " + " | ".join(escape(readable_value(value)) for value in row) + " |\n")

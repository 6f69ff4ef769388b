"""DuckDB's errors in a SQL file, pointed at the file and the line where the fault is.

DuckDB numbers lines in the text it was given ("LINE 4: ..."); the pipeline often gives
it a file's text with something around it (`CREATE TABLE name AS` on a line of its own,
leading blank lines stripped), so its numbers are off by that much. This puts them
back in the file's own numbering.
"""

from __future__ import annotations

import re
from pathlib import Path

_LINE = re.compile(r"^LINE (\d+):", re.MULTILINE)


def file_line_error(error: Exception, path: Path, lines_before: int = 0) -> str:
    """`error`'s text with its LINE numbers shifted to `path`'s and the file named.

    lines_before: how many lines of the executed text come before the file's first line
    (negative when the file's leading lines were left out).
    """
    text = str(error).strip()
    found = _LINE.search(text)
    if not found:
        return f"{path}: {text}"
    line = int(found.group(1)) - lines_before
    text = _LINE.sub(lambda m: f"LINE {int(m.group(1)) - lines_before}:", text)
    return f"{path}, line {line}: {text}"


def line_at_byte(text: str, offset: int) -> int:
    """The 1-based line of `text` holding byte `offset` of its UTF-8 encoding.

    DuckDB's error positions count bytes: slicing the Python string (which counts
    characters) by them lands past the fault once any accent or dash comes before it.
    """
    return text.encode("utf-8")[:offset].count(b"\n") + 1


def leading_blank_lines(text: str) -> int:
    """How many lines str.strip() removes from the start of `text`."""
    return text[: len(text) - len(text.lstrip())].count("\n")


def run_sql_file(con, path: Path, error_class: type[Exception], parameters: dict | None = None) -> None:
    """Run the statements of the SQL file `path` one by one; a failure raises error_class
    naming the file and the line (DuckDB's own LINE, or else where the statement begins)."""
    import duckdb  # here: the module is imported by code that has no connection to give

    text = path.read_text("utf-8")
    try:
        statements = con.extract_statements(text)
    except duckdb.Error as error:
        raise error_class(file_line_error(error, path)) from None
    cursor = 0
    for statement in statements:
        found = text.find(statement.query, cursor)
        start = found if found >= 0 else cursor
        cursor = start + len(statement.query)
        lines_before = text[:start].count("\n")
        try:
            if parameters:
                used = {key: value for key, value in parameters.items() if f"${key}" in statement.query}
                con.execute(statement.query, used)
            else:
                con.execute(statement.query)
        except duckdb.Error as error:
            message = file_line_error(error, path, lines_before=-lines_before)
            if "LINE " not in message:
                first = lines_before + leading_blank_lines(statement.query) + 1
                message = f"{path}, line {first}: {str(error).strip()}"
            raise error_class(message) from None

"""Export a table for R and Stata users: Parquet, CSV, or Stata .dta with variable labels.

The data dictionary travels with the file: Parquet carries the table's and each column's
description as key-value metadata; a .dta carries Stata variable labels (the dictionary's
short label, else its description cut at a clause), value labels of the coded columns,
and a .do file beside it with the full descriptions as Stata `notes`.

Files are written beside their destination under a temporary name and renamed into place
when complete, so a failed or interrupted export never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import duckdb

from dpeace import paths
from dpeace.atomic_files import replaced_on_success
from dpeace.errors import PipelineError, QueryError
from dpeace.protected_files import refuse_pipeline_file
from dpeace.query.describe import existing_table, quote_identifier, table_columns, table_description
from dpeace.query.run_sql import plain_message
from dpeace.transform.comments import analysis_settings, quote_literal
from dpeace.transform.dictionary import filled

EXPORT_FORMATS = ("parquet", "csv", "dta")
# Parquet key-value metadata keys (R's arrow and pyarrow read them from the file's schema).
PARQUET_KEYS = ("dpeace.table", "dpeace.description", "dpeace.columns", "dpeace.reading_with_pandas")
PANDAS_BOOLEAN_NOTE = (
    "Boolean columns with NULLs come back from pandas.read_parquet as object dtype; pass "
    "dtype_backend='numpy_nullable' (or 'pyarrow') to get booleans with <NA>."
)

# Stata caps variable names at 32 characters and labels at 80.
STATA_NAME_LIMIT = 32
STATA_LABEL_LIMIT = 80
STATA_RESERVED_WORDS = {
    "_all",
    "_b",
    "byte",
    "_coef",
    "_cons",
    "double",
    "float",
    "if",
    "in",
    "int",
    "long",
    "_n",
    "_N",
    "_pi",
    "_pred",
    "_rc",
    "_skip",
    "strL",
    "using",
    "with",
}


def default_export_path(table: str, output_format: str) -> Path:
    return paths.data_dir() / "exports" / f"{table}.{output_format}"


def export_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    output_format: str,
    output_path: Path | None = None,
    where: str | None = None,
    columns: list[str] | None = None,
    dictionary: dict[str, dict] | None = None,
) -> tuple[Path, int]:
    """Write the table (its chosen columns and rows) and return (path, rows written)."""
    if output_format not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format {output_format!r} (choose from {', '.join(EXPORT_FORMATS)})")
    table = existing_table(con, table)
    chosen = _chosen_columns(con, table, columns)
    types = dict(table_columns(con, table))
    selected = [_csv_column(c, types[c]) if output_format == "csv" else quote_identifier(c) for c in chosen]
    select_sql = f"SELECT {', '.join(selected)} FROM {quote_identifier(table)}"
    output_path = Path(output_path) if output_path else default_export_path(table, output_format)
    check_export_target(output_path, _database_file(con))
    if output_format == "dta":
        check_export_target(stata_notes_path(output_path), _database_file(con))
    documentation = _documentation(con, table, dictionary or {})
    try:
        if where:
            _check_condition(con, table, where)
            # On lines of its own, so that a trailing `-- comment` in it ends before the `)`.
            select_sql += f"\nWHERE (\n{where}\n)"
        with contextlib.ExitStack() as files:
            temporary = files.enter_context(replaced_on_success(output_path))
            if output_format == "dta":
                notes = files.enter_context(replaced_on_success(stata_notes_path(output_path)))
                rows, stata_names = _write_stata(con, select_sql, temporary, table, documentation)
                notes.write_text(stata_notes(output_path.name, documentation, stata_names), "utf-8")
            else:
                metadata = (
                    _parquet_metadata(table, documentation, chosen) if output_format == "parquet" else None
                )
                rows = _copy_to_file(con, select_sql, temporary, output_format, metadata)
    except duckdb.Error as error:
        raise QueryError(plain_message(error)) from None
    return output_path, rows


def stata_notes_path(dta_path: Path) -> Path:
    return dta_path.with_suffix(".do")


def _documentation(con: duckdb.DuckDBPyConnection, table: str, dictionary: dict[str, dict]) -> dict:
    """The table's dictionary entry with {setting}s filled from this database's analysis_settings."""
    settings = analysis_settings(con)
    entry = dictionary.get(table, {})
    return {
        "description": filled(table_description(dictionary, table), settings),
        "columns": {column: filled(text, settings) for column, text in entry.get("columns", {}).items()},
        "labels": {column: filled(text, settings) for column, text in entry.get("labels", {}).items()},
        "value_labels": entry.get("value_labels", {}),
    }


def _parquet_metadata(table: str, documentation: dict, columns: list[str]) -> dict[str, str]:
    meanings = documentation["columns"]
    described = {column: meanings[column] for column in columns if column in meanings}
    values = (
        table,
        documentation["description"],
        json.dumps(described, ensure_ascii=False),
        PANDAS_BOOLEAN_NOTE,
    )
    return dict(zip(PARQUET_KEYS, values))


def check_export_target(output: Path, database: Path | None = None) -> None:
    """Refuse an output that is a folder, a pipeline file (dpeace.protected_files: the
    database, the raw cache, provenance, results, curve, report; `database`, the one being
    read) or inside the data folder but for its exports/ folder, all after symlinks."""
    if output.is_dir():
        raise QueryError(f"-o {output} is a folder: give a file name, e.g. {output / 'table.csv'}")
    data = paths.data_dir().resolve()
    exports = default_export_path("table", "csv").parent.resolve()
    advice = f"export to {exports} (the default) or to a path outside the data folder"
    try:
        refuse_pipeline_file(
            output, option="-o", also={"the database being read": database} if database else None
        )
    except PipelineError as error:
        raise QueryError(f"{error}; {advice}") from None
    target = output.resolve()
    if target.is_relative_to(data) and not target.is_relative_to(exports):
        raise QueryError(
            f"will not write to {output}: it is inside the data folder ({data}), which only "
            f"fetch, build, model and curve write; {advice}"
        )


def _database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    return Path(rows[0][0]) if rows and rows[0][0] else None


def _check_condition(con: duckdb.DuckDBPyConnection, table: str, where: str) -> None:
    """Refuse a `where` that is not one condition on the table's rows.

    The condition is pasted into the export's SQL; DuckDB's filter parses it as a single
    expression first, so that it cannot close the query and carry statements of its own
    (a COPY to another file, say). Relations are lazy: this binds the condition, it does
    not run it.
    """
    con.sql(f"SELECT * FROM {quote_identifier(table)}").filter(where)


def _csv_column(column: str, duckdb_type: str) -> str:
    """A boolean as 1/0 (empty for NULL): `true`/`false` beside empty cells is text to
    pandas, which then warns of mixed types and reads the column as objects; 1/0 reads
    as numbers, with NaN for the NULLs (as Stata's .dta export does it)."""
    name = quote_identifier(column)
    return f"CAST({name} AS TINYINT) AS {name}" if duckdb_type == "BOOLEAN" else name


def stata_label(text: str) -> str:
    """`text` as a Stata label of at most 80 characters, never cut mid-phrase.

    A longer text loses its parenthetical remarks first, then its trailing clauses (after
    `;`, `:`, ` - ` or `,`), and only as a last resort its last words, marked with `...`.
    """
    text = " ".join(text.split())
    if len(text) <= STATA_LABEL_LIMIT:
        return text
    without_asides = " ".join(re.sub(r"\s*\([^()]*\)", "", text).split())
    if len(without_asides) <= STATA_LABEL_LIMIT:
        return without_asides
    text = without_asides
    for separator in ("; ", ": ", " - ", ", "):
        cut = text.rfind(separator, 0, STATA_LABEL_LIMIT + 1)
        if cut >= STATA_LABEL_LIMIT // 2:
            return text[:cut].rstrip(" ,;:-")
    cut = text.rfind(" ", 0, STATA_LABEL_LIMIT - 3)
    return text[: cut if cut > 0 else STATA_LABEL_LIMIT - 3].rstrip(" ,;:-") + "..."


def _chosen_columns(con: duckdb.DuckDBPyConnection, table: str, requested: list[str] | None) -> list[str]:
    available = [name for name, _ in table_columns(con, table)]
    if not requested:
        return available
    by_folded_name = {name.lower(): name for name in available}
    unknown = [name for name in requested if name.lower() not in by_folded_name]
    if unknown:
        raise QueryError(
            f"no column {', '.join(map(repr, unknown))} in {table} (columns: {', '.join(available)})"
        )
    return [by_folded_name[name.lower()] for name in requested]


def _copy_to_file(
    con: duckdb.DuckDBPyConnection,
    select_sql: str,
    path: Path,
    output_format: str,
    metadata: dict[str, str] | None = None,
) -> int:
    options = "FORMAT parquet" if output_format == "parquet" else "FORMAT csv, HEADER true"
    if metadata:
        pairs = ", ".join(f"{quote_literal(key)}: {quote_literal(value)}" for key, value in metadata.items())
        options += f", KV_METADATA {{{pairs}}}"
    quoted_path = "'" + str(path).replace("'", "''") + "'"
    (rows,) = con.execute(f"COPY (\n{select_sql}\n) TO {quoted_path} ({options})").fetchone()
    return rows


def _write_stata(
    con: duckdb.DuckDBPyConnection, select_sql: str, path: Path, table: str, documentation: dict
) -> tuple[int, dict[str, str]]:
    """Write the .dta; return its rows and the Stata name of each column."""
    import pandas as pd  # only Stata export needs it; other verbs skip its import cost

    frame = con.execute(select_sql).df()
    meanings, short = documentation["columns"], documentation["labels"]
    stata_names = stata_variable_names(list(frame.columns))
    labels = {
        stata_names[column]: short.get(column) or stata_label(meanings[column])
        for column in frame.columns
        if short.get(column) or meanings.get(column)
    }
    value_labels = {
        stata_names[column]: codes
        for column, codes in documentation["value_labels"].items()
        if column in frame.columns and pd.api.types.is_integer_dtype(frame[column].dtype)
    }
    for column in frame.columns:
        # Stata has no boolean type; 0/1 bytes (with Stata's missing for NULL) are its idiom.
        if pd.api.types.is_bool_dtype(frame[column].dtype):
            frame[column] = frame[column].astype("Int8")
        # pandas refuses a text column holding only NULLs (war_name in a year without a
        # war); Stata's missing string is the empty string.
        elif frame[column].dtype == object and frame[column].isna().all():
            frame[column] = frame[column].fillna("").astype(str)
    frame = frame.rename(columns=stata_names)
    try:
        frame.to_stata(
            path,
            version=118,
            write_index=False,
            variable_labels=labels,
            value_labels=value_labels,
            data_label=stata_label(documentation["description"]),
            compression=None,
        )
    except ValueError as error:  # What Stata cannot hold, e.g. a type it has no counterpart for.
        raise QueryError(f"cannot write {table} as Stata .dta: {error}") from None
    return len(frame), stata_names


def stata_notes(dta_name: str, documentation: dict, stata_names: dict[str, str]) -> str:
    """A .do file that attaches the full descriptions to the data as Stata `notes`."""
    lines = [
        f"* The data dictionary's full descriptions of {dta_name} (written by dpeace export).",
        f"* In Stata: use {dta_name}, clear  then  do {stata_notes_path(Path(dta_name)).name}  then  notes",
        f"notes: {_stata_text(documentation['description'])}",
    ]
    for column, name in stata_names.items():
        meaning = documentation["columns"].get(column)
        if meaning:
            lines.append(f"notes {name}: {_stata_text(meaning)}")
    return "\n".join(lines) + "\n"


def _stata_text(text: str) -> str:
    """Text Stata reads literally: a backquote opens a macro, a dollar sign a global one."""
    return " ".join(text.split()).replace("`", "'").replace("$", "\\$")


def stata_variable_names(columns: list[str]) -> dict[str, str]:
    """A valid, distinct Stata name for each column (most columns keep their own).

    Done here rather than left to pandas, which renames too but then drops the
    renamed columns' labels.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        name = re.sub(r"[^A-Za-z0-9_]", "_", column)
        if not name or name[0].isdigit() or name in STATA_RESERVED_WORDS or re.fullmatch(r"str\d+", name):
            name = "_" + name
        base = candidate = name[:STATA_NAME_LIMIT]
        suffix = 1
        while candidate in taken:
            ending = f"_{suffix}"
            candidate = base[: STATA_NAME_LIMIT - len(ending)] + ending
            suffix += 1
        taken.add(candidate)
        names[column] = candidate
    return names

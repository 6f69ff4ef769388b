"""The verbs for reading the database: `dpeace sql`, `dpeace describe`, `dpeace export`."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from dpeace import paths
from dpeace.errors import QueryError
from dpeace.query.describe import describe_table, existing_table, list_tables, table_description
from dpeace.query.export import EXPORT_FORMATS, export_table
from dpeace.query.formatting import FORMATS, write_result, write_table
from dpeace.query.interactive import PromptSession, readline_history
from dpeace.query.run_sql import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIMEOUT_SECONDS,
    open_database,
    open_sandbox,
    run_query,
)

DEFAULT_MAX_ROWS = 50
HISTORY_PATH = Path.home() / ".dpeace_history"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


@contextlib.contextmanager
def reader_may_stop_early() -> Iterator[None]:
    """`dpeace sql ... | head` is fine: a reader that stops reading is not an error."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that Python's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def load_data_dictionary() -> dict[str, dict]:
    # Imported on use: only `describe`, `.describe` and .dta exports need the dictionary.
    from dpeace.transform.dictionary import load_dictionary

    return load_dictionary()


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_sql(subparsers)
    _register_describe(subparsers)
    _register_export(subparsers)


def _finish_verb(parser: argparse.ArgumentParser, handler) -> None:
    """What every reading verb shares: --database, its handler, the dictionary loader
    (an argument so that tests can hand in their own dictionary)."""
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        metavar="PATH",
        help="the database to read (default: data/peace.duckdb, or $DPEACE_DATA/peace.duckdb)",
    )
    parser.set_defaults(handler=handler, load_dictionary=load_data_dictionary)


def _open_database(args: argparse.Namespace):
    # The path is resolved at run time, not at import, so that DPEACE_DATA set later
    # still counts. The connection closes at the end of a `with` block.
    return open_database(args.database or paths.database_path())


def _register_sql(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sql",
        help="run SQL on the database (read-only, writes no files), or open a prompt",
        description="Run SQL on the database through a read-only connection that can touch no "
        "other file: COPY ... TO, EXPORT DATABASE, ATTACH and read_csv are refused (use "
        "`dpeace export` to write a table to a file), nothing spills to disk, and settings "
        "(memory, threads, paths) cannot be changed. Each statement gets at most "
        "--memory-limit of memory and --timeout seconds; Ctrl-C stops the running statement "
        "(at the prompt, the session goes on). With a query "
        "or -f FILE, print the result and exit (several statements: the last one's result "
        "is printed). With neither, open an interactive `dpeace> ` prompt on a terminal, "
        "or read the SQL from standard input when it is piped (there, as at the prompt, "
        "`.tables`, `.describe TABLE` and `.help` work on lines of their own).",
        epilog='examples:  dpeace sql "SELECT count(*) FROM dyad_years"\n'
        "           dpeace sql -f sql/examples/onset_rates_by_joint_democracy.sql --format csv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="?", help="the SQL to run")
    parser.add_argument("-f", "--file", type=Path, help="run the SQL in this file")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="table (aligned, for people; the default), or csv, json, markdown for pipes "
        "and documents (these print every row)",
    )
    parser.add_argument(
        "--max-rows",
        type=int,
        default=DEFAULT_MAX_ROWS,
        metavar="N",
        help=f"rows the table format prints before '... N more rows' (default {DEFAULT_MAX_ROWS}; 0 for all)",
    )
    parser.add_argument(
        "--memory-limit",
        default=DEFAULT_MEMORY_LIMIT,
        metavar="SIZE",
        help=f"the most memory DuckDB may use, e.g. 500MB or 8GB (default {DEFAULT_MEMORY_LIMIT}); "
        "a statement that needs more stops with an out-of-memory error",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_SECONDS,
        metavar="SECONDS",
        help=f"stop a statement that runs longer (default {DEFAULT_TIMEOUT_SECONDS:g}; 0 for no limit)",
    )
    _finish_verb(parser, run_sql_command)


def run_sql_command(args: argparse.Namespace) -> int:
    if args.query is not None and args.file:
        raise QueryError("give either a query or -f FILE, not both")
    max_rows = _max_rows(args)
    if args.timeout < 0:
        raise QueryError("--timeout must be 0 (no limit) or more seconds")
    timeout = args.timeout or None
    sql = _read_sql_file(args.file) if args.file else args.query
    with open_sandbox(args.database or paths.database_path(), args.memory_limit) as con:
        if sql is None and sys.stdin.isatty():
            session = PromptSession(
                con, args.load_dictionary, sys.stdout, max_rows, terminal_width(), timeout
            )
            with readline_history(HISTORY_PATH):
                session.run(input)
            return 0
        if sql is None:
            sql = sys.stdin.read()
            if any(line.strip().startswith(".") for line in sql.splitlines()):
                # A piped script with dot commands (`echo .tables | make sql`): answered as
                # the prompt would answer them, without the prompts.
                return _run_script(con, args, sql, max_rows, timeout)
        result = run_query(con, sql, first_rows=max_rows if args.format == "table" else None, timeout=timeout)
        with reader_may_stop_early():
            write_result(result, args.format, sys.stdout)
    return 0


def _run_script(
    con, args: argparse.Namespace, script: str, max_rows: int | None, timeout: float | None
) -> int:
    lines = iter(script.splitlines())

    def next_line(_prompt: str) -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    session = PromptSession(con, args.load_dictionary, sys.stdout, max_rows, terminal_width(), timeout)
    with reader_may_stop_early():
        session.run(next_line)
    return 1 if session.failures else 0


def _max_rows(args: argparse.Namespace) -> int | None:
    if args.max_rows < 0:
        raise QueryError("--max-rows must be 0 (all rows) or more")
    return args.max_rows or None


def _read_sql_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"cannot read {path}: {error.strerror}") from None


def _register_describe(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "describe",
        help="list the tables, or a table's columns, with their meaning",
        description="Without TABLE, list the database's tables with row counts and "
        "descriptions; with TABLE, list its columns, types and meaning (from the data "
        "dictionary, sql/schema.yml).",
    )
    parser.add_argument("table", nargs="?", metavar="TABLE", help="the table to describe")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    _finish_verb(parser, describe_command)


def describe_command(args: argparse.Namespace) -> int:
    with _open_database(args) as con:
        dictionary = args.load_dictionary()
        if args.table is None:
            title, result = None, list_tables(con, dictionary)
        else:
            table = existing_table(con, args.table)
            title, result = (
                f"{table}: {table_description(dictionary, table)}",
                describe_table(con, dictionary, table),
            )
        with reader_may_stop_early():
            if args.format != "table":
                write_result(result, args.format, sys.stdout)
                return 0
            if title:
                print(textwrap.fill(title, terminal_width()) + "\n")
            write_table(result, sys.stdout, line_width=terminal_width())
    return 0


def _register_export(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a table to Parquet, CSV or Stata .dta (for R and Stata)",
        description="Write TABLE (optionally some columns and rows) to a file. Parquet files carry "
        "the data dictionary's descriptions as key-value metadata (dpeace.description, "
        "dpeace.columns; read booleans with pandas.read_parquet(..., dtype_backend='numpy_nullable')). "
        "Stata .dta files carry variable labels of at most 80 characters (the dictionary's short "
        "label, else its description cut at a clause), value labels of coded columns (hostility, "
        "contiguity type, Polity's special codes) and booleans as 0/1 bytes, with a .do file "
        "beside them that adds the full descriptions as Stata notes; CSV files write "
        "booleans as 1/0 too (empty for NULL), so that every column reads back as one type. "
        "The file appears only when complete. It is never written into the data folder "
        "(but for its exports/ folder) nor over a pipeline file (database, raw cache, "
        "provenance, model results, report).",
        epilog='example:  dpeace export dyad_years --format dta --where "year >= 1946" '
        "--columns ccode1,ccode2,year,mid_onset,joint_democracy",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("table", metavar="TABLE", help="the table to export (see `dpeace describe`)")
    parser.add_argument(
        "--format", choices=EXPORT_FORMATS, default="parquet", help="file format (default: parquet)"
    )
    parser.add_argument("--where", metavar="CONDITION", help='SQL condition on the rows, e.g. "year >= 1946"')
    parser.add_argument("--columns", metavar="A,B,...", help="comma-separated columns to keep (default: all)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="file to write (default: data/exports/TABLE.FORMAT, under $DPEACE_DATA when set)",
    )
    _finish_verb(parser, export_command)


def export_command(args: argparse.Namespace) -> int:
    columns = [name.strip() for name in args.columns.split(",") if name.strip()] if args.columns else None
    with _open_database(args) as con:
        # CSV has nowhere to carry the dictionary; Parquet and Stata files do.
        dictionary = args.load_dictionary() if args.format in ("dta", "parquet") else {}
        path, rows = export_table(
            con,
            args.table,
            args.format,
            output_path=args.output,
            where=args.where,
            columns=columns,
            dictionary=dictionary,
        )
    print(f"wrote {rows} rows to {path}")
    return 0

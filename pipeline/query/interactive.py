"""The `dpeace> ` prompt: SQL statements ended by `;` (over as many lines as they need),
plus `.tables`, `.describe TABLE`, `.help` and `.quit`. An error is printed and the
session goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import duckdb

from dpeace.errors import PipelineError
from dpeace.query.describe import describe_table, list_tables
from dpeace.query.formatting import write_table
from dpeace.query.run_sql import QueryResult, run_query

PROMPT = "dpeace> "
CONTINUATION_PROMPT = "   ...> "
HISTORY_LENGTH = 1000

HELP = """\
End each SQL statement with ; (it may span several lines). The database is read-only.
  .tables            the tables, their row counts and descriptions
  .describe TABLE    the table's columns and what they mean
  .help              this text
  .quit              leave (or Ctrl-D)
"""


class PromptSession:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        load_dictionary: Callable[[], dict[str, dict]],
        out: TextIO,
        max_rows: int | None,
        line_width: int = 100,
        timeout: float | None = None,
    ):
        self.con = con
        self.load_dictionary = load_dictionary
        self.out = out
        self.max_rows = max_rows
        # Descriptions in .tables and .describe wrap to this width; query results never do.
        self.line_width = line_width
        # Seconds a statement may run (dpeace sql --timeout); Ctrl-C stops it sooner.
        self.timeout = timeout
        # Statements that failed: a piped script exits non-zero when any did.
        self.failures = 0

    def run(self, read_line: Callable[[str], str]) -> None:
        """Read and answer until `.quit` or end of input (Ctrl-D)."""
        pending: list[str] = []
        while True:
            try:
                line = read_line(CONTINUATION_PROMPT if pending else PROMPT)
            except EOFError:
                # Input that ends without a final `;` still runs, as a piped script would.
                if pending:
                    self._answer(lambda: self._run_sql("\n".join(pending)))
                self.out.write("\n")
                return
            except KeyboardInterrupt:
                # Ctrl-C abandons the statement being typed, not the session.
                pending.clear()
                self.out.write("\n")
                continue
            if not pending and line.strip().startswith("."):
                if not self._dot_command(line.strip()):
                    return
                continue
            if not pending and not line.strip():
                continue
            pending.append(line)
            if "\n".join(pending).rstrip().endswith(";"):
                self._answer(lambda: self._run_sql("\n".join(pending)))
                pending.clear()

    def _answer(self, action: Callable[[], None]) -> None:
        try:
            action()
        except PipelineError as error:
            self.failures += 1
            self.out.write(f"error: {error}\n")
        except KeyboardInterrupt:
            # The running statement was stopped (dpeace.query.run_sql.run_interruptibly).
            self.out.write("interrupted\n")

    def _run_sql(self, sql: str) -> None:
        write_table(run_query(self.con, sql, first_rows=self.max_rows, timeout=self.timeout), self.out)

    def _write_wrapped(self, result: QueryResult) -> None:
        write_table(result, self.out, line_width=self.line_width)

    def _dot_command(self, command: str) -> bool:
        """Answer a dot command; False means leave the session."""
        name, _, argument = command.partition(" ")
        argument = argument.strip().rstrip(";")
        if name in (".quit", ".exit", ".q"):
            return False
        if name == ".help":
            self.out.write(HELP)
        elif name == ".tables" or (name == ".describe" and not argument):
            self._answer(lambda: self._write_wrapped(list_tables(self.con, self.load_dictionary())))
        elif name == ".describe":
            self._answer(
                lambda: self._write_wrapped(describe_table(self.con, self.load_dictionary(), argument))
            )
        else:
            self.out.write(f"unknown command {name} (try .help)\n")
        return True


@contextlib.contextmanager
def readline_history(history_path: Path) -> Iterator[None]:
    """Arrow-key editing and a history kept across sessions for `input()`."""
    try:
        import readline
    except ImportError:  # Not every Python build has it (Windows); the prompt works without.
        yield
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(history_path)
    readline.set_history_length(HISTORY_LENGTH)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            history_path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(history_path)

"""`python -m dpeace.database_check FILE`: make's cheap integrity check of the database.

Exit 0 when FILE opens as a sound database (a DuckDB file no shorter than its own header
counts, dpeace.database), 1 with the reason otherwise; the Makefile then rebuilds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from dpeace.database import connect_readonly
from dpeace.errors import PipelineError


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m dpeace.database_check FILE", file=sys.stderr)
        return 2
    try:
        connect_readonly(Path(arguments[0])).close()
    except (PipelineError, duckdb.Error) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

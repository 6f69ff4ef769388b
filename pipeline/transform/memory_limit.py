"""How much memory DuckDB may use while `dpeace build` runs: `--memory-limit`, else
DPEACE_MEMORY_LIMIT, else DEFAULT_MEMORY_LIMIT.

Without a limit DuckDB keeps up to 80% of the machine's memory as its buffer pool, and the
build's peak is mostly that pool holding the marts it has just written. Under a limit it
evicts those blocks (they are on disk already) and spills what a join or window cannot
hold beside the temporary database; the chosen default and its measurements are in the
README ("Speed and memory").
"""

from __future__ import annotations

import os

import duckdb

from dpeace.errors import BuildError

ENVIRONMENT_VARIABLE = "DPEACE_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"


def build_memory_limit(given: str | None) -> str:
    """The limit from the option (None: not given), the environment or the default, checked
    by DuckDB itself, so that a bad value stops the build before it reads anything."""
    if given is not None:
        value, where = given.strip(), "--memory-limit"
    elif os.environ.get(ENVIRONMENT_VARIABLE, "").strip():
        value = os.environ[ENVIRONMENT_VARIABLE].strip()
        where = ENVIRONMENT_VARIABLE
    else:
        value, where = DEFAULT_MEMORY_LIMIT, "the default memory limit"
    try:
        duckdb.connect(":memory:", config={"memory_limit": value}).close()
    except duckdb.Error as error:
        message = str(error).strip().splitlines()[0]
        raise BuildError(
            f"{where} {value!r} is not a size DuckDB accepts ({message}): give e.g. 1GB or 500MB"
        ) from None
    return value

"""How much memory DuckDB may use while `dpeace build` runs: `--memory-limit`, else
DPEACE_MEMORY_LIMIT, else default_memory_limit().

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
# The default grows with DuckDB's threads because the joins' memory does. Measured on the
# real data: with 2 threads, 200MB ran out of memory in int_dyad_year_sources and 300MB built the
# database at about 500 MiB peak in about 5% more time than 1GB (which peaks near 850 MiB);
# with 8 threads 300MB ran out and 900MB did not; 1 thread at 200MB and 16 at 1700MB built it.
BASE_MB = 100
PER_THREAD_MB = 100
DEFAULT_DESCRIPTION = f"{BASE_MB}MB plus {PER_THREAD_MB}MB for each of DuckDB's threads"


def default_memory_limit(threads: int | None = None) -> str:
    """BASE_MB plus PER_THREAD_MB a thread; `threads` by default DuckDB's own (the cores)."""
    if threads is None:
        with duckdb.connect(":memory:") as con:
            threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    return f"{BASE_MB + PER_THREAD_MB * threads}MB"


def build_memory_limit(given: str | None) -> str:
    """The limit from the option (None: not given), the environment or the default, checked
    by DuckDB itself, so that a bad value stops the build before it reads anything."""
    if given is not None:
        value, where = given.strip(), "--memory-limit"
    elif os.environ.get(ENVIRONMENT_VARIABLE, "").strip():
        value = os.environ[ENVIRONMENT_VARIABLE].strip()
        where = ENVIRONMENT_VARIABLE
    else:
        value, where = default_memory_limit(), "the default memory limit"
    try:
        duckdb.connect(":memory:", config={"memory_limit": value}).close()
    except duckdb.Error as error:
        message = str(error).strip().splitlines()[0]
        raise BuildError(
            f"{where} {value!r} is not a size DuckDB accepts ({message}): give e.g. 1GB or 500MB"
        ) from None
    return value

"""`dpeace build`: the cached raw files -> data/peace.duckdb through the SQL models in sql/."""

from __future__ import annotations

import argparse
from pathlib import Path

from dpeace import paths
from dpeace.transform.memory_limit import DEFAULT_DESCRIPTION, ENVIRONMENT_VARIABLE


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the DuckDB database from the fetched raw files",
        description=(
            "Load the fetched raw files (see `dpeace fetch`) and run the SQL models in sql/ "
            "(seeds, staging, intermediate, marts) in dependency order into a new DuckDB "
            "database, which replaces the old one only when every model succeeded and the "
            "dyad-year counts and the data tests declared in sql/schema.yml check out. Logs rows and seconds per model and writes "
            f"{paths.build_log_path()} (per-model rows and times, raw table rows, Polity rows "
            "not matched to COW by reason). Every raw file is first checked against the sha256 its "
            "fetch recorded; a changed one stops the build, naming the file. The database records "
            "the build's id (table build_info). Set DPEACE_DATA to use another data folder."
        ),
    )
    parser.add_argument(
        "--memory-limit",
        metavar="SIZE",
        help=(
            f"the most memory DuckDB may use while building, e.g. 500MB or 2GB (default "
            f"${ENVIRONMENT_VARIABLE}, else {DEFAULT_DESCRIPTION}; -1 for DuckDB's own, 80%% of "
            "the machine's memory); what does not fit spills to a folder beside the temporary "
            "database, so a lower limit costs time, and one too low for a join stops the build "
            "with DuckDB's out-of-memory error naming the model"
        ),
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help=f"write the database here instead of {paths.database_path()}",
    )
    parser.set_defaults(handler=build_command)


def build_command(args: argparse.Namespace) -> int:
    from dpeace.data_lock import data_folder_lock
    from dpeace.protected_files import refuse_pipeline_file
    from dpeace.transform.memory_limit import build_memory_limit
    from dpeace.transform.runner import build_database

    if args.output is not None:
        refuse_pipeline_file(args.output, option="--output", own=paths.database_path())
    memory_limit = build_memory_limit(args.memory_limit)
    with data_folder_lock("build"):
        build_database(args.output, memory_limit=memory_limit)
    return 0

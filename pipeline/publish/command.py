"""`dpeace table` (a regression table of stored models) and `dpeace cite` (BibTeX of what
the build used)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dpeace import paths
from dpeace.errors import QueryError


def register(subparsers: argparse._SubParsersAction) -> None:
    table = subparsers.add_parser(
        "table",
        help="write a regression table of stored models (LaTeX, Markdown, CSV)",
        description="A regression table of the models `dpeace model` stored, one column per MODEL "
        "in the order given: each term's coefficient (log odds, with stars at 5%, 1%, 0.1%) over "
        "its standard error in parentheses, of the kind the model states (clustered by dyad, by "
        "undirected dyad or by state), then N, events and the log-likelihood.",
        epilog="example:  dpeace table bivariate joint_democracy joint_democracy_bmr -o table1.tex",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    table.add_argument("models", nargs="+", metavar="MODEL", help="model ids (see model_results)")
    table.add_argument(
        "--format",
        choices=("latex", "markdown", "csv"),
        help="the table's format (default: from -o's suffix .tex, .md or .csv; markdown on the screen)",
    )
    table.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of the screen")
    table.add_argument(
        "--database", type=Path, metavar="PATH", help="the database (default: data/peace.duckdb)"
    )
    table.set_defaults(handler=table_command)

    cite = subparsers.add_parser(
        "cite",
        help="print the BibTeX of every dataset and method the build used",
        description="BibTeX entries for each dataset the build was made from (the sources its "
        "provenance lists, described by the source registry) and each method its stored "
        "results use (peace years, Firth's logit, politically relevant dyads, the "
        "specification curve).",
    )
    cite.add_argument(
        "--database", type=Path, metavar="PATH", help="the database (default: data/peace.duckdb)"
    )
    cite.set_defaults(handler=cite_command)


def table_command(args: argparse.Namespace) -> int:
    from dpeace.database import connect_readonly
    from dpeace.publish.regression_table import FORMAT_OF_SUFFIX, regression_table, stored_models

    table_format = args.format
    if table_format is None:
        suffix = args.output.suffix.lower() if args.output else ".md"
        if suffix not in FORMAT_OF_SUFFIX:
            raise QueryError(
                f"cannot tell the format from {args.output}: give --format latex, markdown or csv"
            )
        table_format = FORMAT_OF_SUFFIX[suffix]
    with connect_readonly(args.database or paths.database_path()) as con:
        text = regression_table(stored_models(con, args.models), table_format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from dpeace.atomic_files import write_text_atomically
    from dpeace.query.export import check_export_target

    check_export_target(args.output)
    write_text_atomically(args.output, text)
    print(f"wrote {args.output}")
    return 0


def cite_command(args: argparse.Namespace) -> int:
    from dpeace.database import connect_readonly
    from dpeace.fetch.provenance import read_provenance
    from dpeace.fetch.registry import load_registry
    from dpeace.publish.citations import dataset_entries, method_entries, methods_used

    registry = load_registry()
    used = {record["source_id"] for record in read_provenance().values()}
    unknown = sorted(source for source in used if source not in registry)
    if unknown:
        raise QueryError(f"the provenance names sources the registry lacks: {', '.join(unknown)}")
    with connect_readonly(args.database or paths.database_path()) as con:
        methods = methods_used(con)
    # In the registry's order, which is the order the data are described in everywhere else.
    sources = [source for source_id, source in registry.items() if source_id in used]
    entries = dataset_entries(sources) + method_entries(methods)
    print("\n\n".join(entries))
    return 0

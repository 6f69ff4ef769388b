"""The `dpeace` command line: one verb per pipeline stage."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

import duckdb

from dpeace import __version__
from dpeace.errors import PipelineError

# Each module exposes register(subparsers), which adds its verb(s) and sets
# `handler` on the parsed arguments. Order here is the order of the data's path.
VERB_MODULES = [
    "dpeace.fetch.command",
    "dpeace.transform.command",
    "dpeace.model.command",
    "dpeace.curve.command",
    "dpeace.report.command",
    "dpeace.query.command",
    "dpeace.publish.command",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dpeace",
        description="Test the democratic peace on the public record: "
        "fetch -> build -> model -> report, plus ad hoc SQL over the database.",
    )
    parser.add_argument("--version", action="version", version=f"dpeace {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB")
    for name in VERB_MODULES:
        importlib.import_module(name).register(subparsers)
    # Also after the verb (`dpeace build -v`). SUPPRESS keeps a verb that was not given
    # the flag from resetting the one given before it.
    for verb_parser in subparsers.choices.values():
        verb_parser.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log more detail"
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # urllib3 logs each retry with a long repr; the fetcher's own message after the
        # last attempt says what happened and what to do.
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args) or 0
    except PipelineError as error:
        print(f"dpeace {args.verb}: error: {error}", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        # A database error no stage anticipated (a damaged file, say): its text, not a traceback.
        from dpeace.database import damage_advice

        text = str(error).strip()
        print(f"dpeace {args.verb}: error: {text}{damage_advice(text)}", file=sys.stderr)
        return 1
    except OSError as error:
        # A file the pipeline could not read or write (permissions, a full disk, a folder
        # where a file was expected): the system's reason and the path, not a traceback.
        where = f" {error.filename}" if error.filename else ""
        print(f"dpeace {args.verb}: error: cannot use{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"dpeace {args.verb}: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130

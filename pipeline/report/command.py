"""The `dpeace report` verb."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from dpeace import paths

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the HTML report from the model results and the database",
        description=(
            "Write one self-contained HTML page (styles and figures inline, nothing fetched "
            "when opened) that answers whether democracies fight each other less: the "
            "verdict, the data and their provenance, descriptives, the model battery and "
            "its caveats. Reads the fetch provenance, the database and the model results, "
            "so run `dpeace fetch`, `dpeace build` and `dpeace model` first (`make report` "
            "does all of it). The same inputs give a byte-identical file; set "
            "SOURCE_DATE_EPOCH to stamp a date in it."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help=f"where to write the report (default: {paths.report_path()})",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other verbs do not pay for matplotlib at start-up.
    from dpeace.protected_files import refuse_pipeline_file
    from dpeace.report.render import DEFAULT_COMMAND, render_report

    if args.output is not None:
        refuse_pipeline_file(args.output, option="--output", own=paths.report_path())
    _require_one_build()
    command = DEFAULT_COMMAND if args.output is None else f"{DEFAULT_COMMAND} --output {args.output}"
    written = render_report(args.output, command=command)
    log.info("wrote %s", written)
    return 0


def _require_one_build() -> None:
    """The results, the database and the provenance must come from one build (dpeace.build_identity)."""
    from dpeace.build_identity import require_report_inputs_agree
    from dpeace.database import connect_readonly
    from dpeace.fetch.provenance import read_provenance
    from dpeace.report.inputs import load_model_results

    results = load_model_results()
    connect_readonly(paths.database_path()).close()  # a missing database: "run the build first"
    require_report_inputs_agree(results, paths.model_results_path(), paths.database_path(), read_provenance())

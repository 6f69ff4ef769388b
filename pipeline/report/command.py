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
    from dpeace.build_identity import build_id_of, require_report_inputs_agree
    from dpeace.database import connect_readonly
    from dpeace.fetch.provenance import read_provenance
    from dpeace.report.inputs import load_model_results

    # First, as every stage: a missing or damaged database says to run the build.
    connect_readonly(paths.database_path()).close()
    results = load_model_results()
    require_report_inputs_agree(results, paths.model_results_path(), paths.database_path(), read_provenance())
    if paths.specification_curve_path().exists():
        _require_current_curve(build_id_of(paths.database_path()))


def _require_current_curve(build_id: str) -> None:
    """The curve the report certifies must be of this build and hold every declared specification."""
    from dpeace.build_identity import require_same_build
    from dpeace.curve.grid import load_grid
    from dpeace.report.errors import ReportError
    from dpeace.report.robustness import load_specification_curve

    path = paths.specification_curve_path()
    curve = load_specification_curve(path)
    require_same_build(
        curve.get("build_id"), build_id, what=f"the specification curve in {path}", command="dpeace curve"
    )
    grid = load_grid()
    held = {row.get("spec_id") for row in curve.get("specifications") or [] if isinstance(row, dict)}
    missing = [spec.id for spec in grid.specifications if spec.id not in held]
    if missing or len(held) != len(grid.specifications):
        raise ReportError(
            f"the specification curve in {path} holds {len(held)} specifications, not the "
            f"{len(grid.specifications)} declared in {grid.path.name}"
            + (f" (missing {len(missing)}, e.g. {missing[0]})" if missing else "")
            + ": run `dpeace curve` (or `make report`)"
        )

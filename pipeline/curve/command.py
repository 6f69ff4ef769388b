"""`dpeace curve`: fit every specification of the grid and store the specification curve."""

from __future__ import annotations

import argparse
from pathlib import Path

from dpeace import paths


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "curve",
        help="fit the specification curve (every combination of modelling choices) on the database",
        description=(
            "Fit one logit, with dyadic-robust and dyad-clustered standard errors, for every combination "
            "of the choices in the grid (democracy measure and its year, reference group, outcome and "
            "dispute record, sample, controls, peace-year terms, period effects, ongoing-dispute years, "
            "era; by default the grid's declared sample of them) and store them all, with the reason for any that cannot be "
            f"fitted: table specification_curve in the database and {paths.specification_curve_path()}."
        ),
    )
    parser.add_argument(
        "--grid", type=Path, metavar="FILE", help="the grid file (default: pipeline/model/curve_grid.toml)"
    )
    parser.add_argument(
        "--database", type=Path, metavar="FILE", help=f"the database (default: {paths.database_path()})"
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="worker processes (default: 2, or 1 on one core)"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--full",
        action="store_true",
        help="fit the grid's full cross, not only its declared sample ([sample_run] in the grid file)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    # Before numpy is first imported, so that the environment alone pins BLAS to one thread.
    from dpeace.curve.blas import limit_blas_threads

    limit_blas_threads()
    from dpeace.curve.pipeline import run_curve
    from dpeace.data_lock import data_folder_lock

    database = args.database or paths.database_path()
    if args.database is not None:
        from dpeace.protected_files import refuse_pipeline_file

        refuse_pipeline_file(args.database, option="--database", own=paths.database_path())
    with data_folder_lock("curve"):
        outcome = run_curve(
            database, args.grid, workers=args.workers, progress=not args.no_progress, full=args.full
        )
    document = outcome.document
    print(
        f"specification curve: {document['n_fitted']} of {document['n_specifications']} specifications "
        f"fitted in {outcome.fit_seconds:.1f} s ({outcome.specifications_per_second:.1f} per second; "
        f"data loaded in {outcome.load_seconds:.1f} s); of the {document['n_tested']} maximum-likelihood fits, "
        f"{document['n_negative_significant']} negative and significant at 5% with dyadic-robust errors, "
        f"{document['n_negative_significant_dyad_clustered']} with errors clustered by dyad; "
        f"{document['n_firth']} separated ones fitted by Firth's logit, not counted there; with those "
        f"judged by their penalised likelihood-ratio test (dyad-years taken as independent), "
        f"{document['n_negative_significant_with_firth']} of {document['n_tested_with_firth']}"
    )
    print(f"results: {database} (specification_curve) and {outcome.json_path}")
    return 0

"""`dpeace model`: fit the battery and store its results."""

from __future__ import annotations

import argparse
from pathlib import Path

from dpeace import paths
from dpeace.model.specification import default_spec_path, load_battery

COLUMNS = ("model", "N", "events", "democracy term", "coef", "SE", "p", "converged", "separation")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "model",
        help="fit the democratic-peace logit battery on the database",
        description=(
            "Fit the logit models of the battery (bivariate, weak link, joint democracy with "
            "controls, politically relevant dyads, eras, severity, ongoing years, Firth) to "
            "dyad_years, with standard errors clustered by dyad. Stores the results in the "
            "database (tables model_results, model_terms, model_standard_errors, model_effects) and in "
            f"{paths.model_results_path()}, then prints one line per model."
        ),
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="ID",
        help="fit only these models and print each one's whole coefficient table, storing nothing "
        "(the report needs the whole battery)",
    )
    parser.add_argument(
        "--spec",
        type=Path,
        metavar="FILE",
        help=f"the model specification file (default: {default_spec_path()})",
    )
    parser.add_argument(
        "--database",
        type=Path,
        metavar="FILE",
        help=f"the database to model (default: {paths.database_path()})",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    # Imported here: numpy and the engine take a while to import, and every other verb
    # would pay for them at start-up.
    from dpeace.model.battery import fit_battery, flagged_models, run_battery

    database = args.database or paths.database_path()
    if args.database is not None:
        from dpeace.protected_files import refuse_pipeline_file

        refuse_pipeline_file(args.database, option="--database", own=paths.database_path())
    if args.only:
        document = fit_battery(database, load_battery(args.spec), only=args.only)
    else:
        from dpeace.data_lock import data_folder_lock

        with data_folder_lock("model"):
            document = run_battery(database=database, spec_path=args.spec)
    print(format_summary(document))
    for line in flagged_models(document):
        print(line)
    if args.only:
        from dpeace.publish.summary import model_summary

        # The chosen models' whole tables, as a Stata user expects of one fit.
        for model in document["models"]:
            print("\n" + model_summary(model))
    if not args.only:
        print(
            f"results: {database} (model_results, model_terms, model_standard_errors, model_effects) and {paths.model_results_path()}"
        )
    return 0


def format_summary(document: dict) -> str:
    rows = [COLUMNS]
    for model in document["models"]:
        democracy = next(term for term in model["terms"] if term["term"] == model["democracy_term"])
        rows.append(
            (
                model["id"],
                f"{model['n']:,}",
                f"{model['n_events']:,}",
                model["democracy_term"],
                _number(democracy["coef"], "{:.3f}"),
                _number(democracy["se"], "{:.3f}"),
                _number(democracy["p"], "{:.3g}"),
                "yes" if model["converged"] else "NO",
                "YES" if model["separation"] else "no",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(document["clustering"])
    # Models on other tables cluster differently (by undirected dyad, or by state).
    for model in document["models"]:
        if model.get("model_clustering", document["clustering"]) != document["clustering"]:
            lines.append(f"{model['id']}: {model['model_clustering']}")
    return "\n".join(lines)


def _number(value, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)

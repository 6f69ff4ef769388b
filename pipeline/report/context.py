"""Everything the template shows, gathered from the results JSON, provenance and the database."""

from __future__ import annotations

from pipeline import paths
from pipeline.database import connect_readonly
from pipeline.fetch.provenance import read_provenance
from pipeline.report import caveats, formatting, plots, reproducibility, tables
from pipeline.report.inputs import load_model_results
from pipeline.report.queries import report_rows
from pipeline.report.verdict import verdict


def _query_database() -> dict:
    con = connect_readonly(paths.database_path())
    try:
        return {
            "rates": report_rows(con, "onset_rates_by_joint_democracy"),
            "decades": report_rows(con, "onset_rates_by_decade"),
            "shares": report_rows(con, "joint_democracy_share_by_year"),
            "funnel": report_rows(con, "sample_funnel")[0],
            "threshold": report_rows(con, "joint_democracy_threshold")[0]["joint_democracy_threshold"],
        }
    finally:
        con.close()


def funnel_steps(funnel: dict) -> list[dict]:
    return [
        {
            "label": f"All dyad-years of COW member states, {funnel['first_year']}\u2013{funnel['last_year']}",
            "count": formatting.integer(funnel["all_dyad_years"]),
        },
        {
            "label": f"Years the dispute data cover, {funnel['coverage_first_year']}\u2013{funnel['coverage_last_year']}",
            "count": formatting.integer(funnel["with_mid_coverage"]),
        },
        {
            "label": "Without the years in which a dispute begun earlier was still going on "
            f"({formatting.integer(funnel['continuing_dispute_years'])} dropped)",
            "count": formatting.integer(funnel["without_continuing_disputes"]),
        },
        {
            "label": "With a Polity score for both states (joint democracy known)",
            "count": formatting.integer(funnel["with_known_democracy"]),
        },
    ]


def sparse_decades_text(decade_rows: list[dict]) -> str | None:
    """Which decades the rate plot leaves out for want of dyad-years, in words."""
    left_out = plots.sparse_decades(decade_rows)
    if not left_out:
        return None
    parts = []
    for is_democratic, label in ((True, "jointly democratic"), (False, "other")):
        decades = [f"{row['decade']}s" for row in left_out if row["joint_democracy"] is is_democratic]
        if decades:
            parts.append(f"{label} dyads in the {', '.join(decades)}")
    return "; ".join(parts)


def model_warnings(models: list[dict]) -> list[dict]:
    """The models whose estimates are not to be trusted as they stand, and why."""
    warnings = []
    for model in models:
        problems = tables.model_problems(model)
        if problems:
            warnings.append(
                {"id": model["id"], "label": model["label"], "problems": problems, "messages": model.get("warnings", [])}
            )
    return warnings


def stale_results_warning(results: dict, funnel: dict) -> str | None:
    fitted_on = results.get("dyad_years_total")
    if fitted_on is None or fitted_on == funnel["all_dyad_years"]:
        return None
    return (
        f"The model results were fitted on a database of {formatting.integer(fitted_on)} dyad-years, "
        f"but the database now holds {formatting.integer(funnel['all_dyad_years'])}: the models and the "
        "descriptives below disagree. Run `dpeace model` (or `make report`) again."
    )


def report_context(command: str) -> dict:
    results = load_model_results()
    fetched_files = read_provenance()
    database = _query_database()
    models = results["models"]
    main = next(model for model in models if model["id"] == results["main_model"])
    funnel = database["funnel"]
    coverage_years = (funnel["coverage_first_year"], funnel["coverage_last_year"])
    return {
        "verdict": verdict(results, database["rates"], coverage_years),
        "clustering": results.get("clustering", ""),
        "stale_results": stale_results_warning(results, funnel),
        "model_warnings": model_warnings(models),
        "inputs": tables.inputs_table(fetched_files),
        "citations": tables.citations(fetched_files),
        "funnel_steps": funnel_steps(funnel),
        "model_funnel": tables.model_funnel_rows(models),
        "cross_table": tables.joint_democracy_cross_table(database["rates"]),
        "coverage_years": coverage_years,
        "onset_rates_plot": plots.onset_rates_over_time(database["decades"]),
        "few_dyad_years": formatting.integer(plots.FEW_DYAD_YEARS),
        "sparse_decades": sparse_decades_text(database["decades"]),
        "share_plot": plots.joint_democracy_share_over_time(database["shares"]),
        "regression": tables.regression_table(models, results["main_model"]),
        "coefficient_plot": plots.democracy_coefficients(models),
        "predicted": tables.predicted_probability_rows(models),
        "prediction_methods": tables.prediction_methods(models),
        "predicted_plot": plots.predicted_probabilities(models),
        "caveats": caveats.caveats(fetched_files, funnel, database["rates"], models, main, database["threshold"]),
        "software": reproducibility.software_versions(results.get("software", {})),
        "git_commit": reproducibility.git_commit(),
        "command": command,
        "configuration": reproducibility.configuration(fetched_files, database["threshold"], results.get("build_id")),
        "build_date": reproducibility.build_date(),
    }

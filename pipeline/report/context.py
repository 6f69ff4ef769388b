"""Everything the template shows, gathered from the results JSON, provenance and the database."""

from __future__ import annotations

import importlib
import json

from dpeace import paths
from dpeace.database import connect_readonly
from dpeace.fetch.provenance import read_provenance
from dpeace.report import (
    caveats,
    claims,
    communication,
    coverage,
    exceptions,
    formatting,
    inference,
    monadic,
    plots,
    reproducibility,
    tables,
    wars,
)
from dpeace.report.errors import ReportError
from dpeace.report.inputs import load_model_results
from dpeace.report.queries import report_rows
from dpeace.report.references import references
from dpeace.report.verdict import battery_sentence, verdict

# Columns a section needs before its query can run; an older build lacks them and the
# section then says plainly that its analysis is not in this build.
WAR_COLUMNS = {
    ("dyad_years", "war_onset"),
    ("dyad_years", "war_name"),
    ("dyad_years", "war_number"),
    ("dyad_years", "nominal_war_onset"),
}
MONADIC_COLUMNS = {
    ("state_years", "mid_entered"),
    ("state_years", "mid_initiated"),
    ("state_years", "war_entered"),
}
BMR_COLUMNS = {("dyad_years", "joint_democracy_bmr")}
COMMUNITY_COLUMNS = {("dyad_years", "joint_ec_eu"), ("dyad_years", "joint_nato")}
COMMUNICATION_COLUMNS = COMMUNITY_COLUMNS | {
    ("dyad_years", "trade_dependence_low"),
    ("dyad_years", "shared_igos"),
}
MEASURE_COVERAGE_COLUMNS = {("measure_coverage", "measure"), ("measure_coverage", "onsets_covered")}
CURVE_FILE = "specification_curve.json"
# The battery's dyadic models share the regression table, the coefficient plot and the
# verdict; models of state-years or directed dyad-years answer other questions (Monadic).
DYADIC_TABLE = "dyad_years"


def _query_database(results: dict) -> dict:
    con = connect_readonly(paths.database_path())
    try:
        columns = {(row["table_name"], row["column_name"]) for row in report_rows(con, "analysis_columns")}
        return {
            "rates": report_rows(con, "onset_rates_by_joint_democracy"),
            "decades": report_rows(con, "onset_rates_by_decade"),
            "shares": report_rows(con, "joint_democracy_share_by_year"),
            "funnel": report_rows(con, "sample_funnel")[0],
            "threshold": report_rows(con, "joint_democracy_threshold")[0]["joint_democracy_threshold"],
            "exceptions": report_rows(con, "exceptions_between_democracies"),
            "states_without_polity": report_rows(con, "states_without_polity"),
            "disputes_without_polity": report_rows(con, "disputes_without_polity"),
            "wars": report_rows(con, "wars_between_democracies") if WAR_COLUMNS <= columns else None,
            "war_rates": report_rows(con, "war_onset_rates_by_joint_democracy")
            if WAR_COLUMNS <= columns
            else None,
            "monadic": report_rows(con, "monadic_rates") if MONADIC_COLUMNS <= columns else None,
            "bmr_recovery": report_rows(con, "bmr_recovery")[0] if BMR_COLUMNS <= columns else None,
            "unscored": report_rows(con, "measure_coverage_unscored")
            if MEASURE_COVERAGE_COLUMNS <= columns
            else None,
            "security_communities": security_communities_section(con, results)
            if COMMUNITY_COLUMNS <= columns
            else None,
            "communication": communication.communication_context(con, results)
            if COMMUNICATION_COLUMNS <= columns
            else None,
            "rival_coverage": report_rows(con, "rival_measure_coverage")
            if ("dyad_years", "trade_dependence_low") in columns
            else [],
        }
    finally:
        con.close()


def funnel_steps(funnel: dict, main: dict | None = None) -> list[dict]:
    steps = [
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
    if main is not None:
        # The main model drops what else it lacks (a control's missing value): its N ends the funnel.
        steps.append(
            {
                "label": f"The main model's sample ({main['label']}): every control known",
                "count": formatting.integer(main["n"]),
            }
        )
    return steps


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
                {
                    "id": model["id"],
                    "label": model["label"],
                    "problems": problems,
                    "messages": model.get("warnings", []),
                }
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


def _optional_partial(module_name: str):
    """A section module another branch supplies (robustness, security communities), or None
    when this checkout does not have it yet."""
    try:
        return importlib.import_module(f"dpeace.report.{module_name}")
    except ModuleNotFoundError as error:
        if error.name != f"dpeace.report.{module_name}":
            raise
        return None


def curve_document() -> dict | None:
    """data/specification_curve.json (issue 12), or None when no curve was run."""
    curve_path = paths.data_dir() / CURVE_FILE
    if not curve_path.exists():
        return None
    try:
        document = json.loads(curve_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReportError(f"{curve_path} is not valid JSON ({error}): run `dpeace curve` again") from error
    from dpeace.report.robustness import checked_curve

    return checked_curve(document, curve_path)


def robustness_section(document: dict | None) -> dict | None:
    """The context of _robustness.html.j2 (issue 12), or None without curve or partial."""
    module = _optional_partial("robustness")
    if module is None or document is None:
        return None
    return module.robustness_context(document)


def curve_strength(document: dict | None) -> dict | None:
    """{'share', 'total', 'sentence'} for the verdict: the share of the fitted specifications
    whose democracy estimate is negative and significant (counted from the specifications,
    or from the document's own totals when it lists none)."""
    if not document:
        return None
    rows = document.get("specifications")
    if rows:
        significance = document.get("significance", 0.05)
        # the maximum-likelihood fits: Firth's are not counted as significant or not (see the curve's
        # firth_inference)
        fitted = [row for row in rows if row.get("fitted") and row.get("estimator") != "firth_logit"]
        total = len(fitted)
        negative = sum(1 for row in fitted if row["estimate"] < 0 and row["p"] < significance)
    else:
        total = document.get("n_tested", document.get("n_fitted")) or 0
        negative = document.get("n_negative_significant") or 0
    if not total:
        return None
    module = _optional_partial("robustness")
    sentence = (
        module.robustness_sentence(document) if module and hasattr(module, "robustness_sentence") else None
    )
    return {"share": negative / total, "total": total, "sentence": sentence}


def security_communities_section(con, results: dict) -> dict | None:
    """The context of _security_communities.html.j2 (issue 13), or None without its module."""
    module = _optional_partial("security_communities")
    if module is None:
        return None
    return module.security_communities_context(con, results)["security_communities"]


def report_context(command: str) -> dict:
    results = load_model_results()
    fetched_files = read_provenance()
    database = _query_database(results)
    all_models = results["models"]
    models = [model for model in all_models if model.get("table", DYADIC_TABLE) == DYADIC_TABLE]
    main = next(model for model in models if model["id"] == results["main_model"])
    funnel = database["funnel"]
    threshold = database["threshold"]
    coverage_years = (funnel["coverage_first_year"], funnel["coverage_last_year"])
    found_exceptions = exceptions.exceptions_by_measure(database["exceptions"], threshold)
    polity_exceptions = next((e for e in found_exceptions if e["measure"]["id"] == "joint_democracy"), None)
    cow_wars = wars.cow_wars_by_measure(database["wars"], threshold)
    curve = curve_document()
    robustness = robustness_section(curve)
    strength = curve_strength(curve)
    beyond_curve = inference.verdict_sentence(results)
    if strength is not None and strength.get("sentence") and beyond_curve:
        strength = {**strength, "sentence": f"{strength['sentence']} {beyond_curve}"}
    security_communities = database["security_communities"]
    communication_found = database["communication"]
    if security_communities and communication_found:
        # The data now hold trade and IGOs: the section says what they show, not that they are absent.
        security_communities = {**security_communities, "caveat": None}
    sections = {
        "wars": cow_wars is not None,
        "monadic": database["monadic"] is not None,
        "robustness": curve is not None,
        "security_communities": security_communities is not None,
    }
    return {
        "verdict": verdict(
            {"main_model": results["main_model"], "models": models},
            database["rates"],
            coverage_years,
            exceptions=polity_exceptions,
            robustness=strength,
            wars=wars.verdict_wars(cow_wars),
            war_rates=database["war_rates"],
        ),
        "claims": claims.claims(sections, security_communities, communication_found),
        "communication": communication_found,
        "exceptions": found_exceptions,
        "exception_summaries": [exceptions.summary_sentence(e) for e in found_exceptions],
        "cow_wars": cow_wars,
        "monadic_rates": monadic.rate_rows(database["monadic"], threshold) if database["monadic"] else None,
        "monadic_sentence": monadic.comparison_sentence(database["monadic"]) if database["monadic"] else None,
        "monadic_models": monadic.monadic_models(all_models),
        "robustness": robustness,
        "inference": inference.inference_context(results),
        "curve_summary": curve_strength(curve),
        "security_communities": security_communities,
        "coverage": coverage.coverage_context(
            database["states_without_polity"], database["disputes_without_polity"], database["bmr_recovery"]
        ),
        "unscored_by_measure": coverage.unscored_rows(database["unscored"]),
        "bmr_exceptions": next(
            (e for e in found_exceptions if e["measure"]["id"] == "joint_democracy_bmr"), None
        ),
        "clustering": results.get("clustering", ""),
        "stale_results": stale_results_warning(results, funnel),
        "model_warnings": model_warnings(all_models),
        "inputs": tables.inputs_table(fetched_files),
        "citations": tables.citations(fetched_files),
        "references": references(tables.citations(fetched_files)),
        "funnel_steps": funnel_steps(funnel, main),
        "main_n": formatting.integer(main["n"]),
        "main_label": main["label"],
        "model_funnel": tables.model_funnel_rows(models),
        "cross_table": tables.joint_democracy_cross_table(database["rates"]),
        "coverage_years": coverage_years,
        "onset_rates_plot": plots.onset_rates_over_time(database["decades"]),
        "few_dyad_years": formatting.integer(plots.FEW_DYAD_YEARS),
        "sparse_decades": sparse_decades_text(database["decades"]),
        "share_plot": plots.joint_democracy_share_over_time(database["shares"]),
        "regression_parts": tables.regression_parts(tables.regression_table(models, results["main_model"])),
        "battery_sentence": battery_sentence(models),
        "conventional_errors_sentence": inference.conventional_errors_sentence(models),
        "coefficient_plot": plots.democracy_coefficients(models),
        "predicted": tables.predicted_probability_rows(models),
        "prediction_methods": tables.prediction_methods(models),
        "predicted_plot": plots.predicted_probabilities(models),
        "caveats": caveats.caveats(fetched_files, funnel, database["rates"], models, main, threshold)
        + (
            [security_communities["caveat"]]
            if security_communities and security_communities.get("caveat")
            else []
        )
        + (
            [{"title": "Communication: what an association shows", "text": communication.LIMITS}]
            if communication_found
            else []
        )
        + ([caveats.rival_coverage_caveat(database["rival_coverage"])] if database["rival_coverage"] else []),
        "software": reproducibility.software_versions(results.get("software", {})),
        "git_commit": reproducibility.git_commit(),
        "command": command,
        "configuration": reproducibility.configuration(
            fetched_files, threshold, results.get("build_id"), (curve or {}).get("build_id")
        ),
        "build_date": reproducibility.build_date(),
    }

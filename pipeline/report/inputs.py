"""Reading the model stage's results file (the fetch provenance has its own reader,
dpeace.fetch.provenance.read_provenance)."""

from __future__ import annotations

import json
from pathlib import Path

from dpeace import paths
from dpeace.report.errors import ReportError
from dpeace.report.input_shapes import MODEL_RESULTS, shape_problem

SUPPORTED_SCHEMA_VERSION = 1


def _read_json(path: Path, missing_message: str) -> dict:
    if not path.exists():
        raise ReportError(missing_message)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReportError(
            f"{path} is not valid JSON ({error}): run the stage that writes it again"
        ) from error


def load_model_results(path: Path | None = None) -> dict:
    path = Path(path) if path else paths.model_results_path()
    results = _read_json(path, f"no model results at {path}: run `dpeace model` first (or `make report`)")
    version = results.get("schema_version")
    if version != SUPPORTED_SCHEMA_VERSION:
        raise ReportError(
            f"{path} has schema_version {version!r}, the report reads version "
            f"{SUPPORTED_SCHEMA_VERSION}: run `dpeace model` again"
        )
    problem = shape_problem(results, MODEL_RESULTS)
    if problem:
        raise ReportError(
            f"{path} is not model results as `dpeace model` writes them: {problem}: run `dpeace model` again"
        )
    if not results.get("models"):
        raise ReportError(f"{path} lists no models: run `dpeace model` again")
    model_ids = [model["id"] for model in results["models"]]
    if results.get("main_model") not in model_ids:
        raise ReportError(
            f"{path} names main model {results.get('main_model')!r}, which is not among its "
            f"models ({', '.join(model_ids)}): run `dpeace model` again"
        )
    return results

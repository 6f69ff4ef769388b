"""Where the pipeline keeps its files.

Everything is relative to the working directory (the repo root under `make`), and the
data folder can be moved with DPEACE_DATA so that tests and benchmarks never touch the
user's cache.
"""

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("DPEACE_DATA", "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def provenance_path() -> Path:
    return raw_dir() / "provenance.json"


def database_path() -> Path:
    return data_dir() / "peace.duckdb"


def build_log_path() -> Path:
    return data_dir() / "build_log.json"


def model_results_path() -> Path:
    return data_dir() / "model_results.json"


def specification_curve_path() -> Path:
    return data_dir() / "specification_curve.json"


def reports_dir() -> Path:
    return Path(os.environ.get("DPEACE_REPORTS", "reports"))


def report_path() -> Path:
    return reports_dir() / "democratic_peace.html"


def sql_dir() -> Path:
    """The SQL models ship beside the package in the repo's top-level sql/ folder."""
    return Path(os.environ.get("DPEACE_SQL", Path(__file__).resolve().parent.parent / "sql"))

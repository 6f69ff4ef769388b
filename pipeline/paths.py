"""Where the pipeline keeps its files.

The data and reports folders sit in the project's root: the nearest folder, from the
working directory upwards, holding pyproject.toml and sql/ (so `dpeace` works from any
subfolder of the project; outside a project, the working directory). DPEACE_DATA and
DPEACE_REPORTS move them, so that tests and benchmarks never touch the user's cache.
"""

import os
from pathlib import Path

from dpeace.errors import PipelineError


def project_root() -> Path:
    """The project folder holding the working directory, as `.` when it is the working directory."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / "sql").is_dir():
            return Path(".") if folder == here else folder
    return Path(".")


def data_dir() -> Path:
    configured = os.environ.get("DPEACE_DATA")
    return Path(configured) if configured else project_root() / "data"


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
    configured = os.environ.get("DPEACE_REPORTS")
    return Path(configured) if configured else project_root() / "reports"


def report_path() -> Path:
    return reports_dir() / "democratic_peace.html"


def sql_dir() -> Path:
    """The SQL models ship beside the package in the repo's top-level sql/ folder."""
    return Path(os.environ.get("DPEACE_SQL", Path(__file__).resolve().parent.parent / "sql"))


def ensure_writable_folder(folder: Path) -> None:
    """Create `folder` if need be and check that files can be made in it, or say what is wrong."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PipelineError(
            f"cannot create the folder {folder} ({error.strerror}): make its parent writable, "
            "or set DPEACE_DATA to a folder you can write"
        ) from None
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise PipelineError(
            f"cannot write to the folder {folder}: make it writable (chmod u+w), "
            "or set DPEACE_DATA to a folder you can write"
        )

"""`render_report`: the report stage's entry point."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2

from pipeline import paths
from pipeline.report.context import report_context

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_COMMAND = "dpeace report"
REPORT_MODE = 0o644


def template_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the render, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(command: str = DEFAULT_COMMAND) -> str:
    context = report_context(command)
    return template_environment().get_template("report.html.j2").render(**context)


def _write_atomically(path: Path, text: str) -> None:
    # A reader (or `make`) never sees half a report: write beside it, then rename over it.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp makes the file private; a report is for reading by anyone.
        os.chmod(temporary, REPORT_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_report(output: Path | None = None, command: str = DEFAULT_COMMAND) -> Path:
    """Write the HTML report (default reports/democratic_peace.html) and return its path."""
    output = Path(output) if output else paths.report_path()
    _write_atomically(output, render_html(command))
    return output

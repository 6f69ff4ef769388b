"""`render_report`: the report stage's entry point."""

from __future__ import annotations

from pathlib import Path

import jinja2

from dpeace import paths
from dpeace.atomic_files import write_text_atomically
from dpeace.report.context import report_context
from dpeace.report.heading_ids import add_heading_ids

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_COMMAND = "dpeace report"


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
    return add_heading_ids(template_environment().get_template("report.html.j2").render(**context))


def render_report(output: Path | None = None, command: str = DEFAULT_COMMAND) -> Path:
    """Write the HTML report (default reports/democratic_peace.html) and return its path."""
    output = Path(output) if output else paths.report_path()
    write_text_atomically(output, render_html(command))
    return output

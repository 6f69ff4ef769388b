"""Regression tables for papers from the stored results: one column per model, each term's
coefficient with its standard error in parentheses beneath, then N, events and the
log-likelihood, and a note naming the kind of standard error. LaTeX (booktabs), Markdown
or CSV.
"""

from __future__ import annotations

import csv
import difflib
import io

import duckdb

from dpeace.errors import QueryError
from dpeace.query.describe import table_names
from dpeace.sql_files import sql_text

TABLE_FORMATS = ("latex", "markdown", "csv")
FORMAT_OF_SUFFIX = {".tex": "latex", ".md": "markdown", ".csv": "csv"}
INTERCEPT = "const"
STARS = ((0.001, "***"), (0.01, "**"), (0.05, "*"))
STARS_NOTE = "* p < 0.05, ** p < 0.01, *** p < 0.001 (two-sided)."


def stored_models(con: duckdb.DuckDBPyConnection, model_ids: list[str]) -> list[dict]:
    """The stored models (table model_results, model_terms) in the order asked for."""
    if not set(table_names(con)) >= {"model_results", "model_terms"}:
        raise QueryError("the database holds no model results: run `dpeace model` first")
    stored = dict(con.execute(sql_text("publish", "stored_models", QueryError)).fetchall())
    models = []
    for model_id in model_ids:
        if model_id not in stored:
            nearest = difflib.get_close_matches(model_id, list(stored), n=1)
            hint = f"; did you mean {nearest[0]!r}?" if nearest else ""
            raise QueryError(f"no stored model {model_id!r}{hint} (models: {', '.join(stored)})")
        terms = con.execute(sql_text("publish", "model_terms", QueryError), [model_id]).fetchall()
        models.append(
            {
                "id": model_id,
                **stored[model_id],
                "terms": [dict(zip(("term", "coef", "se", "p"), row)) for row in terms],
            }
        )
    return models


def regression_table(models: list[dict], table_format: str) -> str:
    if table_format not in TABLE_FORMATS:
        raise QueryError(f"unknown table format {table_format!r} (choose from {', '.join(TABLE_FORMATS)})")
    header, body, statistics = _grid(models)
    note = _note(models)
    return {"latex": _latex, "markdown": _markdown, "csv": _csv}[table_format](header, body, statistics, note)


def _grid(models: list[dict]) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Header rows, coefficient rows (a term's row, then its SE row) and statistics rows."""
    header = [
        ["", *(f"({number})" for number in range(1, len(models) + 1))],
        ["", *(model["label"] for model in models)],
    ]
    order = list(dict.fromkeys(term["term"] for model in models for term in model["terms"]))
    # The constant goes last, as the field's tables put it.
    order = [term for term in order if term != INTERCEPT] + ([INTERCEPT] if INTERCEPT in order else [])
    by_model = [{term["term"]: term for term in model["terms"]} for model in models]
    body = []
    for name in order:
        label = "Constant" if name == INTERCEPT else name
        cells = [terms.get(name) for terms in by_model]
        body.append([label, *(_coefficient(cell) for cell in cells)])
        body.append(["", *(_standard_error(cell) for cell in cells)])
    statistics = [
        ["N", *(f"{model['n']:,}" for model in models)],
        ["Events", *(f"{model['n_events']:,}" for model in models)],
        ["Log-likelihood", *(_number(model["loglik"], "{:,.1f}") for model in models)],
    ]
    return header, body, statistics


def _note(models: list[dict]) -> str:
    kinds = list(dict.fromkeys(model["se_type"] for model in models))
    if len(kinds) == 1:
        errors = f"Standard errors {kinds[0]} in parentheses."
    else:
        errors = (
            "Standard errors in parentheses: "
            + "; ".join(f"({number}) {model['se_type']}" for number, model in enumerate(models, start=1))
            + "."
        )
    return f"Logit coefficients (log odds). {errors} {STARS_NOTE}"


def _coefficient(term: dict | None) -> str:
    if term is None:
        return ""
    stars = next((mark for level, mark in STARS if term["p"] is not None and term["p"] < level), "")
    return _estimate(term["coef"]) + stars


def _standard_error(term: dict | None) -> str:
    return "" if term is None else f"({_estimate(term['se'])})"


def _estimate(value) -> str:
    # Three decimals; the tiny coefficients of cubed terms in scientific notation rather than 0.000.
    if value is not None and value != 0 and abs(value) < 0.0005:
        return _number(value, "{:.2e}")
    return _number(value, "{:.3f}")


def _number(value, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)


def _markdown(header, body, statistics, note) -> str:
    rows = [header[0], ["-" * 3] * len(header[0]), header[1], *body, *statistics]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines[1] = "|" + "|".join([":---"] + ["---:"] * (len(header[0]) - 1)) + "|"
    return "\n".join(lines) + "\n\n" + note + "\n"


def _csv(header, body, statistics, note) -> str:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerows([*header, *body, *statistics])
    writer.writerow(["note", note] + [""] * (len(header[0]) - 2))
    return output.getvalue()


def _latex(header, body, statistics, note) -> str:
    columns = len(header[0])
    lines = [
        r"\begin{tabular}{l" + "c" * (columns - 1) + "}",
        r"\toprule",
        *(_latex_row(row) for row in header),
        r"\midrule",
        *(_latex_row(row, numbers=True) for row in body),
        r"\midrule",
        *(_latex_row(row) for row in statistics),
        r"\bottomrule",
        rf"\multicolumn{{{columns}}}{{l}}{{\footnotesize {_latex_text(note)}}} \\",
        r"\end{tabular}",
    ]
    return "\n".join(lines) + "\n"


def _latex_row(row: list[str], numbers: bool = False) -> str:
    cells = [_latex_text(row[0])] + [
        _latex_number(cell) if numbers else _latex_text(cell) for cell in row[1:]
    ]
    return " & ".join(cells) + r" \\"


def _latex_number(cell: str) -> str:
    """-0.544*** as $-0.544^{***}$, (0.130) as $(0.130)$."""
    if not cell:
        return ""
    value = cell.rstrip("*")
    stars = cell[len(value) :]
    return f"${value}^{{{stars}}}$" if stars else f"${value}$"


def _latex_text(text: str) -> str:
    for character, escaped in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("_", r"\_"),
        ("#", r"\#"),
        ("$", r"\$"),
    ):
        text = text.replace(character, escaped)
    # In LaTeX's default text font `<` prints as an inverted exclamation mark.
    return text.replace("<", "$<$")

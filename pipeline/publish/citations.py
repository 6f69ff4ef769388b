"""BibTeX for what a build used: each dataset it was built from (the source registry, for
the sources its provenance lists) and each method its stored results rest on."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from dpeace.errors import QueryError
from dpeace.fetch.registry import Source
from dpeace.query.describe import table_names
from dpeace.sql_files import sql_text

METHODS_FILE = Path(__file__).with_name("methods.bib")
# What in the stored results calls for each method's citation (SQL over model_results and
# the tables present): peace years (Beck, Katz and Tucker), Firth's logit, the politically
# relevant sample (Maoz and Russett), the specification curve (Simonsohn et al.).
METHOD_KEYS = ("beck1998", "firth1993", "maoz1993", "simonsohn2020")


def dataset_entries(sources: list[Source]) -> list[str]:
    """One @misc entry per dataset, keyed by its registry id, citing its publication in `note`."""
    entries = []
    for source in sources:
        url = source.files[0].url if source.files else ""
        fields = {
            "title": f"{source.title}, version {source.version}",
            "author": f"{{{source.publisher}}}",
            "howpublished": f"\\url{{{url}}}" if url else "",
            "note": source.citation,
        }
        body = ",\n".join(
            f"  {name} = {{{value if name in ('author', 'howpublished') else _bibtex_text(value)}}}"
            for name, value in fields.items()
            if value
        )
        entries.append(f"@misc{{{source.id},\n{body}\n}}")
    return entries


def methods_used(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The keys of METHOD_KEYS the database's stored results use, in that order."""
    tables = set(table_names(con))
    used = set()
    if "model_results" in tables:
        (peace, firth, relevant) = con.execute(sql_text("publish", "methods_used", QueryError)).fetchone()
        used |= {
            key for key, flag in zip(("beck1998", "firth1993", "maoz1993"), (peace, firth, relevant)) if flag
        }
    if "specification_curve" in tables:
        used.add("simonsohn2020")
    return [key for key in METHOD_KEYS if key in used]


def method_entries(keys: list[str]) -> list[str]:
    """The entries of methods.bib with these keys, as written there."""
    text = METHODS_FILE.read_text("utf-8")
    entries = {match.group(1): match.group(0) for match in re.finditer(r"@\w+\{(\w+),.*?\n\}", text, re.S)}
    return [entries[key] for key in keys]


def _bibtex_text(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")

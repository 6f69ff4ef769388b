"""Storing the curve: table specification_curve in the database and a JSON file, same numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from dpeace import paths
from dpeace.atomic_files import write_text_atomically
from dpeace.build_identity import require_unchanged_database
from dpeace.curve.fit import RESULT_FIELDS
from dpeace.database import write_in_place
from dpeace.errors import ModelError
from dpeace.sql_errors import run_sql_file
from dpeace.transform.comments import comment_tables
from dpeace.transform.dictionary import load_dictionary

TABLE_SQL = ("curve", "specification_curve.sql")
# What the fit gives each specification, whether it is the main one, and the build it was fitted on.
TABLE_COLUMNS = (*RESULT_FIELDS, "is_main", "build_id")


def curve_json(document: dict) -> str:
    return json.dumps(document, sort_keys=True, indent=1, allow_nan=False) + "\n"


def write_curve_json(path: Path, document: dict) -> None:
    write_text_atomically(path, curve_json(document))


def write_curve_table(database: Path, document: dict) -> None:
    """Replace specification_curve in the database, in one transaction (the rest of it untouched)."""
    schema_path = paths.sql_dir().joinpath(*TABLE_SQL)
    rows = pd.DataFrame(
        [
            [{**row, "build_id": document["build_id"]}[column] for column in TABLE_COLUMNS]
            for row in document["specifications"]
        ],
        columns=list(TABLE_COLUMNS),
    )
    with write_in_place(database) as con:
        require_unchanged_database(document["build_id"], con, database, "curve")
        run_sql_file(con, schema_path, ModelError)
        con.register("curve_rows", rows)
        con.execute(
            f"INSERT INTO specification_curve ({', '.join(TABLE_COLUMNS)}) "
            f"SELECT {', '.join(TABLE_COLUMNS)} FROM curve_rows ORDER BY position"
        )
        con.unregister("curve_rows")
        comment_tables(con, load_dictionary(), ["specification_curve"])

"""The built database opened from Python: frames, SQL, fits and curves.

    import dpeace
    db = dpeace.open()                       # data/peace.duckdb (or $DPEACE_DATA's)
    frame = db.dyad_years(years=(1946, 2010)).add_democracy("polity", "joint").add_peace_years()
    results = db.fit("joint_democracy")      # a battery model by id, or inline by its fields
    print(results.summary())

Fits go through the battery's own functions (dpeace.model.battery.fit_one), so a model
fitted here equals the one `dpeace model` stores.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dpeace import paths
from dpeace.api.frames import Frame, new_frame
from dpeace.database import connect_readonly
from dpeace.query.describe import describe_table, list_tables


class Database:
    """A read-only connection to a built database (close it, or use `with`)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else paths.database_path()
        self.con = connect_readonly(self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<dpeace Database {self.path}>"

    # What is in it -----------------------------------------------------------------------

    def sql(self, query: str) -> duckdb.DuckDBPyRelation:
        """A DuckDB relation over the database (`.df()` for pandas)."""
        return self.con.sql(query)

    def tables(self) -> pd.DataFrame:
        """Every table by layer, with its rows and its dictionary description."""
        result = list_tables(self.con, _dictionary())
        return pd.DataFrame(result.rows, columns=result.columns)

    def describe(self, table: str) -> pd.DataFrame:
        """A table's columns, types and meanings."""
        result = describe_table(self.con, _dictionary(), table)
        return pd.DataFrame(result.rows, columns=result.columns)

    # Frames ------------------------------------------------------------------------------

    def dyad_years(self, years: tuple[int, int] | None = None, directed: bool = False) -> Frame:
        """Non-directed (ccode1 < ccode2) or directed dyad-years, keys only until columns are added."""
        return new_frame(self.con, "directed" if directed else "dyad", years)

    def state_years(self, years: tuple[int, int] | None = None) -> Frame:
        return new_frame(self.con, "state", years)

    def leader_years(self, years: tuple[int, int] | None = None) -> Frame:
        """Leader-years (Archigos 4.1 under COW codes): one row per leader spell in office in
        a state-year; state-year groups (democracy, capabilities, ...) come from state_years."""
        return new_frame(self.con, "leader", years)

    # Models ------------------------------------------------------------------------------

    def fit(self, model: str | None = None, *, battery: Path | None = None, **fields):
        """Fit a battery model by id (`battery` names another battery file), or one written
        inline by the fields of a battery.toml entry: outcome, democracy_term, controls, and
        optionally table, sample, ongoing, years, estimator, effects, id, label, description.
        Returns dpeace.api.results.Results."""
        from dpeace.api.fitting import fit_model_on

        return fit_model_on(self.path, model, battery, fields)

    def curve(self, grid: Path | None = None, workers: int | None = None) -> pd.DataFrame:
        """Fit a specification grid (curve_grid.toml's form; default the project's grid)
        without storing it: one row per specification, as the specification_curve table."""
        from dpeace.curve.pipeline import compute_curve

        document, _, _ = compute_curve(self.path, grid, workers=workers, progress=False)
        return pd.DataFrame(document["specifications"])


def open_database(path: Path | str | None = None) -> Database:
    return Database(path)


def _dictionary() -> dict[str, dict]:
    from dpeace.transform.dictionary import load_dictionary

    return load_dictionary()

"""Frames of the analysis tables built one verb at a time, as peacesciencer builds them.

`Frame` is immutable: each `add_*` returns a new frame with more columns, `filter_prd` and
`where` with fewer rows. Nothing is read until `relation()` (a lazy DuckDB relation) or
`df()` (pandas). The columns each verb brings are listed in covariates.toml.

A leader-years frame (one row per leader spell in office in a state-year) takes the state's
columns (democracy, capabilities, the Kantian and other groups) from its state-year in
state_years, as peacesciencer's create_leaderyears() |> add_democracy() does.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from dpeace.errors import QueryError
from dpeace.query.describe import table_names
from dpeace.transform.comments import quote_identifier

COVARIATES_FILE = Path(__file__).with_name("covariates.toml")
TABLE_OF_UNIT = {
    "dyad": "dyad_years",
    "directed": "dyad_years_directed",
    "state": "state_years",
    "leader": "leader_years",
}
# The table a leader-years frame takes its state's columns from, and the columns it joins on.
STATE_TABLE = "state_years"
STATE_YEAR_KEYS = ["ccode", "year"]
DEMOCRACY_FORMS = ("joint", "weak_link", "scores")


@cache
def covariate_groups() -> dict:
    return tomllib.loads(COVARIATES_FILE.read_text("utf-8"))


@dataclass(frozen=True)
class Frame:
    """Rows of one analysis table over chosen years, with the chosen groups of columns."""

    con: duckdb.DuckDBPyConnection
    unit: str  # dyad, directed, state or leader
    years: tuple[int, int] | None = None
    columns: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return TABLE_OF_UNIT[self.unit]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(covariate_groups()["keys"][self.unit if self.unit in ("state", "leader") else "dyad"])

    @property
    def of_states(self) -> bool:
        """Rows of single states (state-years, leader-years) rather than of dyads."""
        return self.unit in ("state", "leader")

    # The verbs -------------------------------------------------------------------------

    def add_democracy(self, measure: str = "polity", form: str = "joint") -> Frame:
        """Democracy by `measure` (polity: Polity5; bmr: Boix-Miller-Rosato) in `form`: joint
        (both democracies), weak_link (the lower and higher score) or scores (each state's).
        A state-years or leader-years frame gets the state's own measure whatever the form."""
        measures = covariate_groups()["democracy"]
        if measure not in measures:
            raise QueryError(f"unknown democracy measure {measure!r} (choose from {', '.join(measures)})")
        if form not in DEMOCRACY_FORMS:
            raise QueryError(f"unknown democracy form {form!r} (choose from {', '.join(DEMOCRACY_FORMS)})")
        key = "state" if self.of_states else form
        if key not in measures[measure]:
            raise QueryError(f"the {measure} measure has no {form} form (forms: joint, scores)")
        return self._with(measures[measure][key])

    def add_conflict(self, record: str = "mid") -> Frame:
        """The conflict record: disputes begun and ongoing, hostility, originators, from MID
        5.0 (`mid`) or from Gibler, Miller and Little's revision of it (`gml`)."""
        records = covariate_groups()["conflict"]
        if record not in records:
            raise QueryError(f"no conflict record {record!r} in this version (records: {', '.join(records)})")
        chosen = records[record]
        if self.of_states:
            if "state" not in chosen:
                raise QueryError(f"the {record} record has no columns in {STATE_TABLE}: use a dyad frame")
            return self._with(chosen["state"])
        return self._with(chosen["dyad"] + (chosen["directed"] if self.unit == "directed" else []))

    def add_wars(self) -> Frame:
        return self.add("wars")

    def add_peace_years(self) -> Frame:
        return self.add("peace_years")

    def add_alliances(self) -> Frame:
        return self.add("alliances")

    def add_distance(self) -> Frame:
        return self.add("distance")

    def add_contiguity(self) -> Frame:
        return self.add("contiguity")

    def add_capabilities(self) -> Frame:
        return self.add("capabilities")

    def add_major_powers(self) -> Frame:
        return self.add("major_powers")

    def add_communities(self) -> Frame:
        return self.add("communities")

    def add_kantian(self) -> Frame:
        return self.add("kantian")

    def add_development(self) -> Frame:
        return self.add("development")

    def add_territorial(self) -> Frame:
        return self.add("territorial")

    def add_leaders(self) -> Frame:
        return self.add("leaders")

    def add(self, *groups: str) -> Frame:
        """Add covariate groups by name (see covariates.toml)."""
        known = covariate_groups()["groups"]
        frame = self
        for group in groups:
            if group not in known:
                raise QueryError(f"unknown covariate group {group!r} (groups: {', '.join(known)})")
            unit_key = "dyad"
            if self.of_states:
                unit_key = "leader" if self.unit == "leader" and "leader" in known[group] else "state"
            if unit_key not in known[group]:
                raise QueryError(f"the group {group} has no columns in {self.table}")
            frame = frame._with(known[group][unit_key])
        return frame

    def add_columns(self, *columns: str) -> Frame:
        """Any other columns of the table, by name."""
        return self._with(list(columns))

    def filter_prd(self) -> Frame:
        """Politically relevant dyads only: contiguous or including a major power."""
        if self.of_states:
            raise QueryError(f"politically relevant dyads need a dyad frame, not {self.table}")
        return self.where("politically_relevant")

    def where(self, condition: str) -> Frame:
        """Keep the rows meeting one SQL condition on the table's columns."""
        return replace(self, conditions=(*self.conditions, condition))

    # Reading ---------------------------------------------------------------------------

    def relation(self) -> duckdb.DuckDBPyRelation:
        """The frame as a lazy DuckDB relation, in key order."""
        self._check_columns()
        relation = self._source()
        if self.years is not None:
            relation = relation.filter(f"year BETWEEN {int(self.years[0])} AND {int(self.years[1])}")
        for condition in self.conditions:
            try:
                # DuckDB parses the condition as one expression: it cannot carry statements.
                relation = relation.filter(condition)
            except duckdb.Error as error:
                raise QueryError(f"bad frame condition {condition!r}: {str(error).strip()}") from None
        selected = ", ".join(quote_identifier(column) for column in self.all_columns)
        return relation.project(selected).order(", ".join(quote_identifier(key) for key in self.keys))

    def df(self) -> pd.DataFrame:
        """The frame as a pandas DataFrame (nullable dtypes keep NULL booleans and integers)."""
        return self.relation().df()

    @property
    def all_columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.keys, *self.columns)))

    def _with(self, columns: list[str]) -> Frame:
        return replace(self, columns=tuple(dict.fromkeys((*self.columns, *columns))))

    def _source(self) -> duckdb.DuckDBPyRelation:
        """The table; for a leader-years frame, with its state-year's columns beside (those
        leader_years has too, such as the year-end leader, are the spell's own)."""
        table = self.con.table(self.table)
        if self.unit != "leader":
            return table
        states = self.con.table(STATE_TABLE)
        from_states = [column for column in states.columns if column not in table.columns]
        states = states.project(
            ", ".join(quote_identifier(column) for column in (*STATE_YEAR_KEYS, *from_states))
        )
        return table.join(states, STATE_YEAR_KEYS, how="left")

    def _check_columns(self) -> None:
        present = set(self._source().columns)
        missing = [column for column in self.all_columns if column not in present]
        if missing:
            raise QueryError(
                f"{self.table} in this database has no column(s) {', '.join(missing)}: "
                "a database built by an older dpeace (run `dpeace build`), or a misspelt name"
            )


def new_frame(con: duckdb.DuckDBPyConnection, unit: str, years: tuple[int, int] | None) -> Frame:
    # Views too: dyad_years is one (the ccode1 < ccode2 rows of dyad_years_directed).
    if TABLE_OF_UNIT[unit] not in table_names(con):
        raise QueryError(f"the database has no {TABLE_OF_UNIT[unit]} table: run `dpeace build`")
    if years is not None and (len(years) != 2 or int(years[0]) > int(years[1])):
        raise QueryError(f"years must be (first, last) with first <= last, not {years!r}")
    return Frame(con, unit, tuple(years) if years is not None else None)

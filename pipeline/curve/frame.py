"""Loading dyad_years once for the whole grid: every needed column as float64, in key order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dpeace.curve.grid import DEFAULT_RECORD, DIMENSIONS, RECORD_PEACE_YEARS, Grid, Level, level_columns
from dpeace.curve.splines import natural_spline_basis, spline_knots
from dpeace.database import connect_readonly
from dpeace.errors import ModelError
from dpeace.sql_files import render_sql, sql_text

TABLE = "dyad_years"
KEYS = ("ccode1", "ccode2", "year")
# A record's coverage is read from its onset column (NULL only where the record does not
# cover the year), and the ongoing rule from its ongoing column, as the battery does
# (pipeline/model/sample.py): mid_onset and mid_ongoing for MID, gml_* for GML.
DISPUTE_COLUMNS = ("mid_onset", "mid_ongoing")


@dataclass(frozen=True)
class AnalysisFrame:
    columns: dict[str, np.ndarray]  # float64, NaN for NULL; derived spline and power columns included
    dyad: np.ndarray  # int64 dyad number, non-decreasing (rows are in ccode1, ccode2, year order)
    covered: np.ndarray  # bool: in MID coverage
    continuing: np.ndarray  # bool: a MID dispute ongoing that did not begin this year
    # temporal level id (with "@<record>" for a record's own peace years) -> its basis columns
    spline_columns: dict[str, tuple[str, ...]]
    spline_knots: dict[str, tuple[float, ...]]
    # record id -> (in its coverage, a dispute of it ongoing that did not begin this year)
    records: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # record id -> {peace-year column: the record's own}, for outcomes of that record
    record_peace_years: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return len(self.dyad)

    def temporal_columns(self, level: Level, record: str = DEFAULT_RECORD) -> tuple[str, ...]:
        """The peace-year terms of a level for an outcome of `record`: the record's own
        peace years where it declares them (GML's for a GML outcome), else the level's."""
        own = self.record_peace_years.get(record, {})
        if level.spline:
            return self.spline_columns[_spline_key(level, record if level.spline in own else DEFAULT_RECORD)]
        if level.cubic:
            return cubic_columns(own.get(level.cubic, level.cubic))
        return tuple(own.get(column, column) for column in level.columns)

    def record(self, record_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(covered, continuing) for the record an outcome comes from."""
        return self.records.get(record_id, (self.covered, self.continuing))

    def democrats(self, level: Level, rows: np.ndarray | None = None) -> np.ndarray:
        """How many of the pair's two states are democracies by the level's cut-point (NaN
        where either is unscored): the reference group's count; on `rows` only, if given."""
        first, second = (
            self.columns[column] if rows is None else self.columns[column][rows] for column in level.pair
        )
        count = (first >= level.pair_threshold).astype(float) + (second >= level.pair_threshold)
        count[np.isnan(first) | np.isnan(second)] = np.nan
        return count


def cubic_columns(column: str) -> tuple[str, str, str]:
    return (column, f"{column}_squared", f"{column}_cubed")


def _spline_key(level: Level, record: str) -> str:
    return level.id if record == DEFAULT_RECORD else f"{level.id}@{record}"


def load_frame(database: Path, grid: Grid) -> AnalysisFrame:
    """Read the columns the grid needs; a column the table lacks fails here, naming its levels."""
    needed = list(KEYS) + [column for column in (*DISPUTE_COLUMNS, *grid.columns()) if column not in KEYS]
    needed = list(dict.fromkeys(needed))
    con = connect_readonly(database)
    try:
        available = {
            name
            for name, _ in con.execute(sql_text("catalog", "table_columns", ModelError), [TABLE]).fetchall()
        }
        if not available:
            raise ModelError(f"{database} has no {TABLE} table: run the build first (`dpeace build`)")
        _check_columns(database, grid, needed, available)
        sql = render_sql(
            "curve",
            "frame_columns",
            ModelError,
            table=TABLE,
            columns=[f'"{column}"' for column in needed],
            keys=[f'"{key}"' for key in KEYS],
        )
        table = con.execute(sql).fetchnumpy()
    finally:
        con.close()
    columns = {name: _as_float(values) for name, values in table.items()}
    return frame_from_columns(columns, grid)


def frame_from_columns(columns: dict[str, np.ndarray], grid: Grid) -> AnalysisFrame:
    """The frame from float columns already in (ccode1, ccode2, year) order."""
    pair = columns["ccode1"] * 100_000 + columns["ccode2"]
    if np.any(np.diff(pair) < 0):
        raise ModelError(f"{TABLE} rows must be ordered by ccode1, ccode2, year")
    dyad = np.concatenate([[0], np.cumsum(np.diff(pair) != 0)]).astype(np.int64)
    covered = ~np.isnan(columns["mid_onset"])
    continuing = (columns["mid_ongoing"] == 1) & (columns["mid_onset"] == 0)
    records = {}
    record_peace_years = {}
    for record_id, record in (grid.records or {}).items():
        onset, ongoing = columns[record["coverage"]], columns[record["ongoing"]]
        records[record_id] = (~np.isnan(onset), (ongoing == 1) & (onset == 0))
        if record.get(RECORD_PEACE_YEARS) and record_id != DEFAULT_RECORD:
            record_peace_years[record_id] = dict(record[RECORD_PEACE_YEARS])
    for level in grid.levels["temporal"]:
        if level.cubic:
            for own in ({}, *record_peace_years.values()):
                source = own.get(level.cubic, level.cubic)
                names = cubic_columns(source)
                columns[names[1]] = columns[source] ** 2
                columns[names[2]] = columns[source] ** 3

    spline_columns: dict[str, tuple[str, ...]] = {}
    knots_by_level: dict[str, tuple[float, ...]] = {}
    for level in grid.levels["temporal"]:
        if not level.spline:
            continue
        # MID's peace years (knots over MID's years), and each record's own over its years
        for record_id, own in ((DEFAULT_RECORD, {}), *record_peace_years.items()):
            if record_id != DEFAULT_RECORD and level.spline not in own:
                continue
            source = columns[own.get(level.spline, level.spline)]
            in_record = covered if record_id == DEFAULT_RECORD else records[record_id][0]
            try:
                knots = spline_knots(source[in_record], level.interior_knots)
            except ValueError as error:
                raise ModelError(f"temporal level '{level.id}' ({record_id}): {error}") from None
            basis = natural_spline_basis(source, knots)
            stem = own.get(level.spline, level.spline)
            names = tuple(f"{stem}_spline_{j}" for j in range(1, basis.shape[1] + 1))
            for j, name in enumerate(names):
                columns[name] = np.ascontiguousarray(basis[:, j])
            spline_columns[_spline_key(level, record_id)] = names
            knots_by_level[_spline_key(level, record_id)] = tuple(float(knot) for knot in knots)
    return AnalysisFrame(
        columns, dyad, covered, continuing, spline_columns, knots_by_level, records, record_peace_years
    )


def _as_float(values) -> np.ndarray:
    """DuckDB hands NULLs back as a masked array; NaN is the frame's missing value."""
    if isinstance(values, np.ma.MaskedArray):
        return np.ascontiguousarray(values.astype(np.float64).filled(np.nan))
    return np.ascontiguousarray(np.asarray(values, dtype=np.float64))


def _check_columns(database: Path, grid: Grid, needed: list[str], available: set[str]) -> None:
    missing = [column for column in needed if column not in available]
    if not missing:
        return
    users = []
    for column in missing:
        levels = [
            f"{dimension} '{level.id}'"
            for dimension in DIMENSIONS
            for level in grid.levels[dimension]
            if column in level_columns(level)
        ]
        users.append(f"{column} (" + (", ".join(levels) if levels else "every specification") + ")")
    raise ModelError(
        f"{TABLE} in {database} lacks {len(missing)} column(s) the specification-curve grid "
        f"{grid.path} uses: {'; '.join(users)}. Rebuild the database with a version that adds "
        "them (`dpeace build`), or remove those levels from the grid"
    )

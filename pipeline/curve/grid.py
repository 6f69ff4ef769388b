"""Reading the declared grid (curve_grid.toml) and expanding it into specifications."""

from __future__ import annotations

import itertools
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dpeace.errors import ModelError

# The order of the columns in every output.
DIMENSIONS = (
    "democracy",
    "timing",
    "reference",
    "outcome",
    "sample",
    "controls",
    "temporal",
    "time_effects",
    "ongoing",
    "era",
)
# Expansion order: democracy varies fastest, then the ongoing rule, then the outcome, so that
# specifications with the same regressors sit together (one batch, fitted in one worker,
# each warm-started from a related one). The sample varies slowest, so that the batches
# over all dyads, the costly ones, are handed out first.
EXPANSION_ORDER = (
    "era",
    "sample",
    "controls",
    "temporal",
    "time_effects",
    "reference",
    "timing",
    "outcome",
    "ongoing",
    "democracy",
)
BATCH_DIMENSIONS = ("era", "sample", "controls", "temporal", "time_effects")
ONGOING_RULES = ("drop", "keep")
TIMINGS = ("same_year", "lagged")
FIELDS = {
    "democracy": {"id", "label", "column", "thresholds", "lag_column", "pair", "pair_threshold"},
    "timing": {"id", "label"},
    "reference": {"id", "label", "compared"},
    "outcome": {"id", "label", "column", "record"},
    "sample": {"id", "label", "column"},
    "controls": {"id", "label", "columns"},
    "temporal": {"id", "label", "columns", "spline", "interior_knots", "cubic"},
    "time_effects": {"id", "label", "period"},
    "ongoing": {"id", "label"},
    "era": {"id", "label", "years"},
}
# A grid that leaves a dimension out has one level of it, the choice of a grid before the
# dimension existed (and [main] may leave it out).
DEFAULT_LEVELS = {
    "era": ("all", "All years"),
    "timing": ("same_year", "Same year"),
    "reference": ("all", "All other pairs"),
    "time_effects": ("none", "None"),
}
# The dispute records an outcome may come from: the column whose NULL marks a year the
# record does not cover, and the one that marks a dispute ongoing (for the ongoing rule);
# optionally `peace_years`, the record's own form of the peace-year columns the temporal
# levels name (a column it does not map is taken as it is).
DEFAULT_RECORD = "mid"
DEFAULT_RECORDS = {"mid": {"label": "MID 5.0", "coverage": "mid_onset", "ongoing": "mid_ongoing"}}
RECORD_FIELDS = {"label", "coverage", "ongoing"}
RECORD_PEACE_YEARS = "peace_years"


def default_grid_path() -> Path:
    return Path(__file__).resolve().parent.parent / "model" / "curve_grid.toml"


@dataclass(frozen=True)
class Level:
    """One choice on one dimension, with the dyad_years columns it reads."""

    dimension: str
    id: str
    label: str
    columns: tuple[str, ...] = ()
    threshold: float | None = None  # democracy: 1 when columns[0] >= threshold
    spline: str | None = None  # temporal: the column a natural cubic spline is built from
    interior_knots: int = 0
    years: tuple[int, int] | None = None  # era: the first and last year of the rows kept
    lag_column: str | None = None  # democracy: the previous year's form of columns[0]
    # democracy: the two states' scores (or the pair's lower and higher) and the cut-point
    # that counts how many of the two are democracies, for the reference group
    pair: tuple[str, str] | None = None
    pair_threshold: float | None = None
    compared: tuple[int, ...] | None = None  # reference: democracies (0, 1) in the pairs compared; None: all
    record: str = DEFAULT_RECORD  # outcome: the dispute record it comes from
    cubic: str | None = None  # temporal: a column entered with its square and cube
    period: int | None = None  # time_effects: years per period (10: decades); None: no effects

    def democracy_column(self, lagged: bool) -> str:
        return self.lag_column if lagged else self.columns[0]


@dataclass(frozen=True)
class Specification:
    position: int  # 1-based, in expansion order
    democracy: Level
    timing: Level
    reference: Level
    outcome: Level
    sample: Level
    controls: Level
    temporal: Level
    time_effects: Level
    ongoing: Level
    era: Level

    @property
    def lagged(self) -> bool:
        return self.timing.id == "lagged"

    @property
    def democracy_column(self) -> str:
        return self.democracy.democracy_column(self.lagged)

    @property
    def id(self) -> str:
        return "/".join(self.level(dimension).id for dimension in DIMENSIONS)

    def level(self, dimension: str) -> Level:
        return getattr(self, dimension)

    @property
    def batch_key(self) -> tuple[str, ...]:
        return tuple(self.level(dimension).id for dimension in BATCH_DIMENSIONS)


@dataclass(frozen=True)
class Grid:
    path: Path
    levels: dict[str, tuple[Level, ...]]
    main: dict[str, str]
    declared_count: int
    specifications: tuple[Specification, ...]  # those fitted: the declared sample, or the full cross
    full_count: int = 0  # the full cross
    sampled: bool = False  # True when only the declared [sample_run] is fitted
    records: dict | None = None  # record id -> {label, coverage, ongoing}

    def columns(self) -> list[str]:
        """Every dyad_years column some level reads, in first-use order."""
        needed: list[str] = ["year"]
        for record in (self.records or DEFAULT_RECORDS).values():
            needed += [record["coverage"], record["ongoing"], *record.get(RECORD_PEACE_YEARS, {}).values()]
        for dimension in DIMENSIONS:
            for level in self.levels[dimension]:
                for column in level_columns(level):
                    if column not in needed:
                        needed.append(column)
        return list(dict.fromkeys(needed))

    def batches(self) -> list[tuple[Specification, ...]]:
        """Consecutive runs of specifications sharing sample, controls and temporal terms."""
        return [tuple(group) for _, group in itertools.groupby(self.specifications, lambda s: s.batch_key)]

    def is_main(self, spec: Specification, except_dimension: str | None = None) -> bool:
        return all(
            spec.level(dimension).id == self.main[dimension]
            for dimension in DIMENSIONS
            if dimension != except_dimension
        )


def level_columns(level: Level) -> tuple[str, ...]:
    """The dyad_years columns a level reads."""
    extra = [level.spline, level.lag_column, level.cubic, *(level.pair or ())]
    return (*level.columns, *(column for column in extra if column))


def load_grid(path: Path | None = None, full: bool = False) -> Grid:
    """The grid; by default only its declared sample ([sample_run]) when it declares one.

    `specifications` counts the full cross; [sample_run] declares what a default run fits
    (`specifications` inside it counts them), so that `make report` stays within minutes;
    `full` (`dpeace curve --full`) fits every specification. A specification keeps its
    position in the full cross either way.
    """
    path = Path(path) if path else default_grid_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no specification-curve grid at {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ModelError(f"{path} is not valid TOML ({error}); fix the file") from None

    records = _records(path, raw)
    levels = {dimension: _levels(path, raw, dimension) for dimension in DIMENSIONS}
    for level in levels["outcome"]:
        if level.record not in records:
            raise ModelError(
                f"{path} [[outcome]] {level.id!r}: record {level.record!r} is not one of the grid's "
                f"[records] ({', '.join(records)})"
            )
    for level in levels["democracy"]:
        if any(timing.id == "lagged" for timing in levels["timing"]) and not level.lag_column:
            raise ModelError(f"{path} [[democracy]] {level.id!r}: a lagged timing needs lag_column")
        if any(reference.compared is not None for reference in levels["reference"]) and not level.pair:
            raise ModelError(
                f"{path} [[democracy]] {level.id!r}: a reference group needs pair (and a cut-point)"
            )
    main = _main(path, raw, levels)
    radices = [len(levels[dimension]) for dimension in EXPANSION_ORDER]
    full_count = math.prod(radices)
    declared = raw.get("specifications")
    if not isinstance(declared, int) or declared != full_count:
        raise ModelError(
            f"{path} declares specifications = {declared!r} but its levels expand to "
            f"{full_count}; update the count (or the levels) so the two agree"
        )
    sample_run = raw.get("sample_run")
    if sample_run is None or full:
        specifications = tuple(
            Specification(position=position, **dict(zip(EXPANSION_ORDER, combination)))
            for position, combination in enumerate(
                itertools.product(*(levels[dimension] for dimension in EXPANSION_ORDER)), start=1
            )
        )
        return Grid(path, levels, main, declared, specifications, full_count, False, records)
    indices = _sample_indices(path, sample_run, levels, main)
    if sample_run.get("specifications") != len(indices):
        raise ModelError(
            f"{path} [sample_run] declares specifications = {sample_run.get('specifications')!r} but it "
            f"selects {len(indices)}; update the count (or the sample) so the two agree"
        )
    specifications = tuple(_specification_at(levels, index) for index in indices)
    return Grid(path, levels, main, declared, specifications, full_count, True, records)


def _specification_at(levels: dict[str, tuple[Level, ...]], index: int) -> Specification:
    """The specification at 0-based `index` of the full cross (the last dimension fastest)."""
    chosen = {}
    remainder = index
    for dimension in reversed(EXPANSION_ORDER):
        remainder, at = divmod(remainder, len(levels[dimension]))
        chosen[dimension] = levels[dimension][at]
    return Specification(position=index + 1, **chosen)


def _index_of(levels: dict[str, tuple[Level, ...]], at: dict[str, int]) -> int:
    index = 0
    for dimension in EXPANSION_ORDER:
        index = index * len(levels[dimension]) + at[dimension]
    return index


def _sample_indices(path: Path, sample_run, levels, main) -> list[int]:
    """The full-cross indices (sorted) of the declared sample.

    [sample_run] `crossed` names, for some dimensions, the levels fitted with every draw;
    `draws` combinations of the other dimensions' levels are drawn uniformly without
    replacement (numpy's generator seeded by `seed`, so the sample is the same every run);
    and the main specification with one dimension moved to each of its levels is always in.
    """
    where = f"{path} [sample_run]"
    if not isinstance(sample_run, dict) or set(sample_run) - {"specifications", "seed", "draws", "crossed"}:
        raise ModelError(
            f"{where} takes specifications, seed, draws and crossed = {{dimension = [level ids]}}"
        )
    crossed = sample_run.get("crossed", {})
    seed, draws = sample_run.get("seed"), sample_run.get("draws")
    if not isinstance(seed, int) or not isinstance(draws, int) or draws < 0 or not isinstance(crossed, dict):
        raise ModelError(f"{where} needs seed = <integer>, draws = <count> and crossed = {{...}}")
    crossed_at: dict[str, list[int]] = {}
    for dimension, ids in crossed.items():
        known = [level.id for level in levels.get(dimension, ())]
        if dimension not in DIMENSIONS or not isinstance(ids, list) or not ids or not set(ids) <= set(known):
            raise ModelError(f"{where} crossed.{dimension} must list {dimension} level ids of the grid")
        crossed_at[dimension] = [known.index(level_id) for level_id in ids]
    drawn_dimensions = [dimension for dimension in EXPANSION_ORDER if dimension not in crossed_at]
    drawn_radices = [len(levels[dimension]) for dimension in drawn_dimensions]
    combinations = math.prod(drawn_radices)
    if draws > combinations:
        raise ModelError(
            f"{where} draws = {draws}, but the other dimensions have only {combinations} combinations"
        )
    chosen: set[int] = set()
    for drawn in np.random.default_rng(seed).choice(combinations, size=draws, replace=False):
        at = {}
        remainder = int(drawn)
        for dimension, radix in zip(reversed(drawn_dimensions), reversed(drawn_radices)):
            remainder, at[dimension] = divmod(remainder, radix)
        for crossed_levels in itertools.product(*crossed_at.values()):
            chosen.add(_index_of(levels, {**at, **dict(zip(crossed_at, crossed_levels))}))
    main_at = {d: [level.id for level in levels[d]].index(main[d]) for d in DIMENSIONS}
    for dimension in DIMENSIONS:
        for position in range(len(levels[dimension])):
            chosen.add(_index_of(levels, {**main_at, dimension: position}))
    return sorted(chosen)


def _records(path: Path, raw: dict) -> dict:
    records = raw.get("records")
    if records is None:
        return dict(DEFAULT_RECORDS)
    if not isinstance(records, dict) or DEFAULT_RECORD not in records:
        raise ModelError(f"{path} [records] must declare at least [records.{DEFAULT_RECORD}]")
    for record_id, record in records.items():
        if not isinstance(record, dict):
            record = {}
        peace_years = record.get(RECORD_PEACE_YEARS, {})
        plain = {key: value for key, value in record.items() if key != RECORD_PEACE_YEARS}
        if set(plain) != RECORD_FIELDS or not all(
            isinstance(value, str) and value for value in plain.values()
        ):
            raise ModelError(
                f"{path} [records.{record_id}] needs exactly {sorted(RECORD_FIELDS)} (text), and may "
                f"map peace-year columns to the record's own ({RECORD_PEACE_YEARS} = {{...}})"
            )
        if not isinstance(peace_years, dict) or not all(
            isinstance(key, str) and isinstance(value, str) and value for key, value in peace_years.items()
        ):
            raise ModelError(
                f"{path} [records.{record_id}] {RECORD_PEACE_YEARS} must map columns to columns: "
                f'{{ peace_years = "<the record\'s own column>", ... }}'
            )
    return records


def _levels(path: Path, raw: dict, dimension: str) -> tuple[Level, ...]:
    entries = raw.get(dimension)
    if entries is None and dimension in DEFAULT_LEVELS:
        level_id, label = DEFAULT_LEVELS[dimension]
        return (Level(dimension, level_id, label),)
    if not isinstance(entries, list) or not entries:
        raise ModelError(f"{path} has no [[{dimension}]] levels; every dimension needs at least one")
    levels: list[Level] = []
    for entry in entries:
        where = f"{path} [[{dimension}]] {entry.get('id', '(no id)')!r}"
        unknown = set(entry) - FIELDS[dimension]
        if unknown or "id" not in entry or "label" not in entry:
            raise ModelError(
                f"{where}: needs id and label and takes only {sorted(FIELDS[dimension])}"
                + (f" (unknown: {sorted(unknown)})" if unknown else "")
            )
        levels += _expand(where, dimension, entry)
    ids = [level.id for level in levels]
    duplicated = sorted({level_id for level_id in ids if ids.count(level_id) > 1})
    if duplicated:
        raise ModelError(f"{path}: [[{dimension}]] level ids {duplicated} appear more than once")
    return tuple(levels)


def _expand(where: str, dimension: str, entry: dict) -> list[Level]:
    level_id, label = entry["id"], entry["label"]
    if dimension == "democracy":
        return _democracy_levels(where, entry)
    if dimension == "outcome":
        record = entry.get("record", DEFAULT_RECORD)
        if not isinstance(record, str):
            raise ModelError(f'{where}: record must be a record id (e.g. "gml")')
        return [Level(dimension, level_id, label, (_column(where, entry),), record=record)]
    if dimension == "sample":
        return [Level(dimension, level_id, label, (entry["column"],) if "column" in entry else ())]
    if dimension == "controls":
        return [Level(dimension, level_id, label, _column_list(where, entry))]
    if dimension == "temporal":
        if "spline" in entry:
            knots = entry.get("interior_knots")
            if "columns" in entry or "cubic" in entry or not isinstance(knots, int) or knots < 1:
                raise ModelError(f"{where}: a spline level needs interior_knots >= 1 and no columns")
            return [Level(dimension, level_id, label, spline=entry["spline"], interior_knots=knots)]
        if "cubic" in entry:
            if "columns" in entry or not isinstance(entry["cubic"], str):
                raise ModelError(f'{where}: a cubic level needs cubic = "<dyad_years column>" and no columns')
            return [Level(dimension, level_id, label, cubic=entry["cubic"])]
        return [Level(dimension, level_id, label, _column_list(where, entry))]
    if dimension == "era":
        years = entry.get("years")
        if years is None:
            return [Level(dimension, level_id, label)]
        if (
            not isinstance(years, list)
            or len(years) != 2
            or not all(isinstance(year, int) for year in years)
            or years[0] > years[1]
        ):
            raise ModelError(f"{where}: years must be [first, last], first <= last (or absent: every year)")
        return [Level(dimension, level_id, label, years=(years[0], years[1]))]
    if dimension == "reference":
        compared = entry.get("compared")
        if compared is None:
            return [Level(dimension, level_id, label)]
        if not isinstance(compared, list) or not compared or not set(compared) <= {0, 1}:
            raise ModelError(
                f"{where}: compared lists how many of the two states are democracies in the pairs "
                "set against the jointly democratic ones: [0], [1] or [0, 1] (or absent: all pairs)"
            )
        return [Level(dimension, level_id, label, compared=tuple(sorted(set(compared))))]
    if dimension == "time_effects":
        period = entry.get("period")
        if period is not None and (not isinstance(period, int) or period < 1):
            raise ModelError(f"{where}: period must be a whole number of years (or absent: no effects)")
        return [Level(dimension, level_id, label, period=period)]
    rules = {"ongoing": ONGOING_RULES, "timing": TIMINGS}[dimension]
    if level_id not in rules:
        raise ModelError(f"{where}: a {dimension} level is one of {list(rules)}")
    return [Level(dimension, level_id, label)]


def _democracy_levels(where: str, entry: dict) -> list[Level]:
    level_id, label = entry["id"], entry["label"]
    column = _column(where, entry)
    lag_column = entry.get("lag_column")
    pair = entry.get("pair")
    if lag_column is not None and (not isinstance(lag_column, str) or not lag_column):
        raise ModelError(f'{where}: lag_column must be "<dyad_years column>"')
    if pair is not None and (
        not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(c, str) and c for c in pair)
    ):
        raise ModelError(f'{where}: pair must name two dyad_years columns, ["<state 1>", "<state 2>"]')
    pair_threshold = entry.get("pair_threshold")
    if pair_threshold is not None and not isinstance(pair_threshold, (int, float)):
        raise ModelError(f"{where}: pair_threshold must be a number")
    common = {"lag_column": lag_column, "pair": tuple(pair) if pair else None}
    thresholds = entry.get("thresholds")
    if thresholds is None:
        if pair and pair_threshold is None:
            raise ModelError(
                f"{where}: a pair without thresholds needs pair_threshold (the democracy cut-point)"
            )
        threshold = None if pair_threshold is None else float(pair_threshold)
        return [Level("democracy", level_id, label, (column,), pair_threshold=threshold, **common)]
    if not thresholds or not all(isinstance(k, (int, float)) for k in thresholds):
        raise ModelError(f"{where}: thresholds must be a non-empty list of numbers")
    return [
        Level(
            "democracy",
            f"{level_id}_{k:g}",
            label.format(k=f"{k:g}"),
            (column,),
            threshold=float(k),
            pair_threshold=float(k) if pair else None,
            **common,
        )
        for k in thresholds
    ]


def _column(where: str, entry: dict) -> str:
    column = entry.get("column")
    if not isinstance(column, str) or not column:
        raise ModelError(f'{where}: needs column = "<dyad_years column>"')
    return column


def _column_list(where: str, entry: dict) -> tuple[str, ...]:
    columns = entry.get("columns")
    if not isinstance(columns, list) or not all(isinstance(column, str) for column in columns):
        raise ModelError(f'{where}: needs columns = ["<dyad_years column>", ...] (may be empty)')
    return tuple(columns)


def _main(path: Path, raw: dict, levels: dict[str, tuple[Level, ...]]) -> dict[str, str]:
    main = raw.get("main")
    if isinstance(main, dict):
        main = {**{d: DEFAULT_LEVELS[d][0] for d in DEFAULT_LEVELS if d not in main}, **main}
    if not isinstance(main, dict) or set(main) != set(DIMENSIONS):
        raise ModelError(f"{path}: [main] must name one level for each of {list(DIMENSIONS)}")
    for dimension, level_id in main.items():
        if level_id not in {level.id for level in levels[dimension]}:
            raise ModelError(f"{path}: [main] {dimension} = {level_id!r} is not a {dimension} level")
    return {dimension: main[dimension] for dimension in DIMENSIONS}

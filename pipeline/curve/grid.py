"""Reading the declared grid (curve_grid.toml) and expanding it into specifications."""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dpeace.errors import ModelError

# The order of the columns in every output.
DIMENSIONS = ("democracy", "outcome", "sample", "controls", "temporal", "ongoing", "era")
# Expansion order: democracy varies fastest, then the ongoing rule, then the outcome, so that
# specifications with the same regressors sit together (one batch, fitted in one worker,
# each warm-started from a related one). The sample varies slowest, so that the batches
# over all dyads, the costly ones, are handed out first.
EXPANSION_ORDER = ("era", "sample", "controls", "temporal", "outcome", "ongoing", "democracy")
BATCH_DIMENSIONS = ("era", "sample", "controls", "temporal")
ONGOING_RULES = ("drop", "keep")
FIELDS = {
    "democracy": {"id", "label", "column", "thresholds"},
    "outcome": {"id", "label", "column"},
    "sample": {"id", "label", "column"},
    "controls": {"id", "label", "columns"},
    "temporal": {"id", "label", "columns", "spline", "interior_knots"},
    "ongoing": {"id", "label"},
    "era": {"id", "label", "years"},
}
# A grid that declares no [[era]] has one: every year (and [main] may leave it out).
DEFAULT_LEVELS = {"era": ("all", "All years")}


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


@dataclass(frozen=True)
class Specification:
    position: int  # 1-based, in expansion order
    democracy: Level
    outcome: Level
    sample: Level
    controls: Level
    temporal: Level
    ongoing: Level
    era: Level

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
    sampled: bool = False  # True when only the declared [sample_run] levels are fitted

    def columns(self) -> list[str]:
        """Every dyad_years column some level reads, in first-use order."""
        needed: list[str] = []
        for dimension in DIMENSIONS:
            for level in self.levels[dimension]:
                for column in (*level.columns, *([level.spline] if level.spline else [])):
                    if column not in needed:
                        needed.append(column)
        return needed

    def batches(self) -> list[tuple[Specification, ...]]:
        """Consecutive runs of specifications sharing sample, controls and temporal terms."""
        return [tuple(group) for _, group in itertools.groupby(self.specifications, lambda s: s.batch_key)]

    def is_main(self, spec: Specification, except_dimension: str | None = None) -> bool:
        return all(
            spec.level(dimension).id == self.main[dimension]
            for dimension in DIMENSIONS
            if dimension != except_dimension
        )


def load_grid(path: Path | None = None, full: bool = False) -> Grid:
    """The grid; by default only its declared sample ([sample_run]) when it declares one.

    `specifications` counts the full cross; [sample_run] names, for some dimensions, the
    levels a default run fits (`specifications` inside it counts them), so that `make report`
    stays within minutes; `full` (`dpeace curve --full`) fits every specification. A
    specification keeps its position in the full cross either way.
    """
    path = Path(path) if path else default_grid_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no specification-curve grid at {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ModelError(f"{path} is not valid TOML ({error}); fix the file") from None

    levels = {dimension: _levels(path, raw, dimension) for dimension in DIMENSIONS}
    main = _main(path, raw, levels)
    specifications = tuple(
        Specification(position=position, **dict(zip(EXPANSION_ORDER, combination)))
        for position, combination in enumerate(
            itertools.product(*(levels[dimension] for dimension in EXPANSION_ORDER)), start=1
        )
    )
    declared = raw.get("specifications")
    if not isinstance(declared, int) or declared != len(specifications):
        raise ModelError(
            f"{path} declares specifications = {declared!r} but its levels expand to "
            f"{len(specifications)}; update the count (or the levels) so the two agree"
        )
    sample_run = raw.get("sample_run")
    if sample_run is None or full:
        return Grid(path, levels, main, declared, specifications, len(specifications), False)
    chosen = _sample_levels(path, sample_run, levels, main)
    kept = tuple(spec for spec in specifications if all(spec.level(d).id in ids for d, ids in chosen.items()))
    if sample_run.get("specifications") != len(kept):
        raise ModelError(
            f"{path} [sample_run] declares specifications = {sample_run.get('specifications')!r} but its "
            f"levels select {len(kept)}; update the count (or the levels) so the two agree"
        )
    return Grid(path, levels, main, declared, kept, len(specifications), True)


def _sample_levels(path: Path, sample_run, levels, main) -> dict[str, set[str]]:
    if not isinstance(sample_run, dict):
        raise ModelError(f"{path}: [sample_run] must be a table of dimension = [level ids]")
    chosen = {}
    for dimension, ids in sample_run.items():
        if dimension == "specifications":
            continue
        known = {level.id for level in levels.get(dimension, ())}
        if dimension not in DIMENSIONS or not isinstance(ids, list) or not set(ids) <= known:
            raise ModelError(f"{path}: [sample_run] {dimension} must list {dimension} level ids of the grid")
        if main[dimension] not in ids:
            raise ModelError(f"{path}: [sample_run] {dimension} must keep the main level {main[dimension]!r}")
        chosen[dimension] = set(ids)
    return chosen


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
        column = _column(where, entry)
        thresholds = entry.get("thresholds")
        if thresholds is None:
            return [Level(dimension, level_id, label, (column,))]
        if not thresholds or not all(isinstance(k, (int, float)) for k in thresholds):
            raise ModelError(f"{where}: thresholds must be a non-empty list of numbers")
        return [
            Level(dimension, f"{level_id}_{k:g}", label.format(k=f"{k:g}"), (column,), threshold=float(k))
            for k in thresholds
        ]
    if dimension in ("outcome",):
        return [Level(dimension, level_id, label, (_column(where, entry),))]
    if dimension == "sample":
        return [Level(dimension, level_id, label, (entry["column"],) if "column" in entry else ())]
    if dimension == "controls":
        return [Level(dimension, level_id, label, _column_list(where, entry))]
    if dimension == "temporal":
        if "spline" in entry:
            knots = entry.get("interior_knots")
            if "columns" in entry or not isinstance(knots, int) or knots < 1:
                raise ModelError(f"{where}: a spline level needs interior_knots >= 1 and no columns")
            return [Level(dimension, level_id, label, spline=entry["spline"], interior_knots=knots)]
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
    if level_id not in ONGOING_RULES:
        raise ModelError(f"{where}: an ongoing level is one of {list(ONGOING_RULES)}")
    return [Level(dimension, level_id, label)]


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

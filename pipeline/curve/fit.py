"""Fitting one batch of the grid: specifications that share era, sample, controls, time terms.

Within a batch the rows of every specification with one democracy column and ongoing rule
are the same for every outcome with the same missing rows, so the design is built once per
such set of rows and only the outcome and the democracy column are rewritten from one
specification to the next; each fit starts from the estimates of a related one (the same
democracy level under the other ongoing rule, or the previous threshold), and each Firth
refit from those of a related Firth refit. The rows the whole batch may use (its sample,
era and complete controls) are found once, and each design is taken from the batch's
columns on those rows, so that what a specification adds costs a fraction of a pass over
its rows instead of several passes over the whole table.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from dpeace.curve.frame import AnalysisFrame
from dpeace.curve.grid import DIMENSIONS, Specification
from dpeace.curve.reused_memory import ReusedMemory
from dpeace.model.covariance import DEFAULT_COVARIANCE, ClusterGroups, standard_errors
from dpeace.model.firth import penalized_likelihood_ratio
from dpeace.model.indicators import Indicators
from dpeace.model.logit import CollinearDesign, firth_start_after, fit
from dpeace.model.separation import is_binary, large_binary_coefficients, separated_levels
from dpeace.model.wald import CRITICAL_Z, two_sided_p

INTERCEPT = "const"
# Every specification carries both: `se`, `p` and the interval are dyadic-robust (Aronow,
# Samii and Assenova 2015), the dyad-clustered `se_dyad_clustered` and `p_dyad_clustered`
# sit beside them.
DYADIC_ROBUST = "dyadic_robust"
COVARIANCES = (DYADIC_ROBUST, DEFAULT_COVARIANCE)
SEPARATION_REASON = "quasi-complete separation"
# The reason of a specification fitted by Firth's logit starts with this, then says why.
FIRTH_NOTE = "fitted by Firth's penalised logit (no finite maximum-likelihood estimate): "
RESULT_FIELDS = (
    "position",
    "spec_id",
    *DIMENSIONS,
    "democracy_column",
    "estimator",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "p",
    "se_dyad_clustered",
    "p_dyad_clustered",
    "p_penalized_lr",
    "n",
    "events",
    "n_clusters",
    "fitted",
    "converged",
    "separation",
    "iterations",
    "reason",
)


def fit_batch(
    frame: AnalysisFrame,
    batch: tuple[Specification, ...],
    on_fitted=None,
    memory: ReusedMemory | None = None,
) -> list[dict]:
    """One result row per specification of the batch, in the batch's order.

    on_fitted, if given, is called after each specification (for a progress bar). `memory`
    holds the designs' matrices from one batch to the next (a worker's batches share one);
    by default the batch's designs share memory among themselves only.
    """
    designs = _DesignsOfBatch(frame, ReusedMemory() if memory is None else memory)
    try:
        return _fit_units(batch, designs, on_fitted)
    finally:
        designs.release()


def _fit_units(batch: tuple[Specification, ...], designs: _DesignsOfBatch, on_fitted) -> list[dict]:
    results: dict[int, dict] = {}
    starts = _WarmStarts()
    firth_starts = _WarmStarts()
    units = [tuple(unit) for _, unit in itertools.groupby(batch, _unit_key)]
    # where each design is last wanted: its memory then serves the designs after it
    last_use = {_design_key(unit[0]): index for index, unit in enumerate(units)}
    for index, unit in enumerate(units):
        design = designs.for_unit(unit[0])
        starts.new_unit()
        firth_starts.new_unit()
        for spec in unit:
            design.set_democracy(spec)
            start = starts.start_for(spec, design.democracy_is_binary, design.outcome)
            firth_start = firth_starts.start_for(spec, design.democracy_is_binary, design.outcome)
            # a related fit with other period effects is no start for this design
            start, firth_start = (
                guess if guess is not None and len(guess) == len(design.names) else None
                for guess in (start, firth_start)
            )
            row, params, firth_params = _fit_one(spec, design, start, firth_start)
            results[spec.position] = row
            if params is not None:
                starts.remember(spec, design.democracy_is_binary, design.outcome, params)
            if firth_params is not None:
                firth_starts.remember(spec, design.democracy_is_binary, design.outcome, firth_params)
            if on_fitted is not None:
                on_fitted()
        if last_use[_design_key(unit[0])] == index:
            designs.done_with(unit[0])
    return [results[spec.position] for spec in batch]


def _design_key(spec: Specification) -> tuple:
    """What a unit's design depends on within a batch beside its rows, which are compared:
    the batch fixes everything else but the record's own peace years."""
    return (*spec.batch_key, spec.ongoing.id, spec.democracy_column, spec.outcome.record, *_rows_key(spec))


def _unit_key(spec: Specification) -> tuple:
    """Specifications fitted on the same rows and design but for the democracy column's values:
    one outcome, ongoing rule, democracy column and reference group (whose rows depend on
    the democracy level's own cut-point)."""
    return (spec.outcome.id, spec.ongoing.id, spec.democracy_column, *_rows_key(spec))


def _rows_key(spec: Specification) -> tuple:
    """Within a batch and beside the ongoing rule and the democracy column: what else the
    rows depend on (a reference group counts the democracies by the level's cut-point)."""
    return (spec.reference.id, spec.democracy.id if spec.reference.compared is not None else "")


class _WarmStarts:
    """Where each fit of a batch starts: the estimates of the most closely related earlier fit.

    In order of preference: the same democracy level and outcome under the other ongoing
    rule; the same democracy level and ongoing rule for another outcome; the previous fit
    with this democracy column (the previous threshold); the latest fit whose democracy
    term is of the same kind (0/1 or a scale). Otherwise a cold start. A start taken from
    a sample with another event rate has its intercept moved by the difference in log-odds
    of the two rates (the ongoing years kept add non-events: the intercept falls by about
    the log of the ratio of the sample sizes), which saves a Newton step. The batch's order
    is fixed, so the starts, and so the last bits of every estimate, are the same every run.
    """

    def __init__(self) -> None:
        # (outcome, ongoing, democracy) -> (log-odds of the event rate, estimates)
        self.fits: dict[tuple[str, str, str], tuple[float, np.ndarray]] = {}
        self.latest_of_kind: dict[bool, tuple[float, np.ndarray]] = {}
        self.previous_in_unit: tuple[bool, float, np.ndarray] | None = None

    def new_unit(self) -> None:
        self.previous_in_unit = None

    def remember(self, spec: Specification, binary: bool, outcome: np.ndarray, params: np.ndarray) -> None:
        log_odds = _log_odds(outcome)
        self.fits[(spec.outcome.id, spec.ongoing.id, spec.democracy.id)] = (log_odds, params)
        self.latest_of_kind[binary] = (log_odds, params)
        self.previous_in_unit = (binary, log_odds, params)

    def start_for(self, spec: Specification, binary: bool, outcome: np.ndarray) -> np.ndarray | None:
        log_odds = _log_odds(outcome)
        for (outcome_id, ongoing, democracy), (source_log_odds, params) in self.fits.items():
            if (
                democracy == spec.democracy.id
                and outcome_id == spec.outcome.id
                and ongoing != spec.ongoing.id
            ):
                return _shifted(params, log_odds - source_log_odds)
        for (_, ongoing, democracy), (source_log_odds, params) in reversed(self.fits.items()):
            if democracy == spec.democracy.id and ongoing == spec.ongoing.id:
                return _shifted(params, log_odds - source_log_odds)
        if self.previous_in_unit is not None:
            was_binary, _, params = self.previous_in_unit
            start = params.copy()
            if was_binary != binary:
                start[1] = 0.0  # a 0/1 term's coefficient is no start for a scale's, or back
            return start
        if binary in self.latest_of_kind:
            source_log_odds, params = self.latest_of_kind[binary]
            return _shifted(params, log_odds - source_log_odds)
        return None


def _log_odds(outcome: np.ndarray) -> float:
    rate = float(outcome.mean()) if len(outcome) else 0.5
    return float(np.log(rate / (1.0 - rate))) if 0.0 < rate < 1.0 else 0.0


def _shifted(params: np.ndarray, intercept_shift: float) -> np.ndarray:
    start = params.copy()
    start[0] += intercept_shift
    return start


class _DesignsOfBatch:
    """The designs of one batch, each built once for every unit with its rows.

    Units differ by outcome, ongoing rule and democracy column; the outcomes of a batch
    mostly share their missing rows, so a design is reused for the next outcome with the
    same ongoing rule and democracy column when its rows are the same (checked, not assumed).
    """

    def __init__(self, frame: AnalysisFrame, memory: ReusedMemory | None = None) -> None:
        self.frame = frame
        self.memory = memory
        self.batch_rows: dict[tuple, _BatchRows] = {}
        self.designs: dict[tuple, _UnitDesign] = {}

    def done_with(self, spec: Specification) -> None:
        """No later unit wants the design `spec` was fitted on: its matrix goes back to the memory."""
        design = self.designs.pop(_design_key(spec), None)
        if design is not None and self.memory is not None:
            self.memory.release(design.matrix)

    def release(self) -> None:
        """Give the designs' matrices back to the memory: the designs are done with."""
        if self.memory is not None:
            for design in self.designs.values():
                self.memory.release(design.matrix)
        self.designs.clear()

    def for_unit(self, spec: Specification) -> _UnitDesign:
        batch_key = _BatchRows.key(spec)  # one for a whole batch
        if batch_key not in self.batch_rows:
            self.batch_rows[batch_key] = _BatchRows(self.frame, spec)
        batch_rows = self.batch_rows[batch_key]
        positions = _unit_positions(batch_rows, spec)
        # the rows (and so the period effects) are compared here
        key = _design_key(spec)
        design = self.designs.get(key)
        if design is not None and np.array_equal(design.positions, positions):
            design.set_outcome(spec)
            return design
        if design is not None and self.memory is not None:
            self.memory.release(design.matrix)  # replaced: no later unit has its rows
        self.designs[key] = design = _UnitDesign(self.frame, spec, batch_rows, positions, self.memory)
        return design


class _BatchRows:
    """The rows every specification of a batch may use (its sample and era, with its controls
    complete), and the frame's columns on those rows, each taken once.

    A unit's rows are a subset of these, found by testing only what the unit adds (outcome,
    record, ongoing rule, democracy column, time terms, reference group) on these rows
    instead of on the whole table, and its design is taken from these shorter columns.
    """

    def __init__(self, frame: AnalysisFrame, spec: Specification) -> None:
        self.frame = frame
        columns = frame.columns
        keep = np.ones(frame.n_rows, dtype=bool)
        if spec.sample.columns:
            keep &= columns[spec.sample.columns[0]] == 1
        if spec.era.years is not None:
            first, last = spec.era.years
            keep &= (columns["year"] >= first) & (columns["year"] <= last)
        for name in spec.controls.columns:
            keep &= ~np.isnan(columns[name])
        self.table_rows = table_rows = np.flatnonzero(keep)
        # With period effects the rows are held sorted by period (stably: in table order within
        # one), once for the batch: each unit's rows, taken from these in order, are then
        # already sorted by period, and its design's columns are gathered in one forward sweep
        # instead of being sorted per design and gathered in scattered order.
        # `table_position[k]` is the position in table order of the batch's row k.
        self.table_position: np.ndarray | None = None
        self.rows = table_rows
        if spec.time_effects.period:
            numbers, _ = _period_numbers(columns["year"][table_rows], spec.time_effects.period)
            self.table_position = _by_category(numbers)
            self.rows = table_rows[self.table_position]
        self._columns: dict[str, np.ndarray] = {}
        self._complete: dict[tuple[str, ...], np.ndarray] = {}
        self._records: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._democrats: dict[str, np.ndarray] = {}

    @staticmethod
    def key(spec: Specification) -> tuple:
        """What the rows depend on: specifications with the same key share them."""
        return (spec.sample.id, spec.era.id, spec.controls.id, spec.time_effects.id)

    def column(self, name: str) -> np.ndarray:
        if name not in self._columns:
            self._columns[name] = self.frame.columns[name][self.rows]
        return self._columns[name]

    def complete(self, names: tuple[str, ...]) -> np.ndarray:
        """Where none of the columns is missing."""
        if names not in self._complete:
            keep = np.ones(len(self.rows), dtype=bool)
            for name in names:
                keep &= ~np.isnan(self.column(name))
            self._complete[names] = keep
        return self._complete[names]

    def dyad(self) -> np.ndarray:
        """Each row's dyad as the frame numbers them (0, 1, ... in table order)."""
        if "\0dyad" not in self._columns:
            self._columns["\0dyad"] = self.frame.dyad[self.rows]
        return self._columns["\0dyad"]

    def dyad_states(self) -> tuple[np.ndarray, np.ndarray]:
        """The two states of each of the frame's dyads (by its number), read from its first row."""
        if "\0states" not in self._columns:
            dyad = self.frame.dyad
            first = np.flatnonzero(np.concatenate([[len(dyad) > 0], dyad[1:] != dyad[:-1]]))
            self._columns["\0states"] = np.stack(
                [self.frame.columns[name][first] for name in ("ccode1", "ccode2")]
            )
        return self._columns["\0states"][0], self._columns["\0states"][1]

    def in_table_order(self, positions: np.ndarray) -> np.ndarray:
        """Positions among the batch's rows as positions among its rows in table order, sorted:
        the same rows in table order (marked and read back, cheaper than sorting)."""
        if self.table_position is None:
            return positions
        marked = np.zeros(len(self.rows), dtype=bool)
        marked[self.table_position[positions]] = True
        return np.flatnonzero(marked)

    def record(self, record_id: str) -> tuple[np.ndarray, np.ndarray]:
        if record_id not in self._records:
            covered, continuing = self.frame.record(record_id)
            self._records[record_id] = (covered[self.rows], continuing[self.rows])
        return self._records[record_id]

    def democrats(self, level) -> np.ndarray:
        if level.id not in self._democrats:
            # counted on the batch's rows, not on the whole table
            self._democrats[level.id] = self.frame.democrats(level, self.rows)
        return self._democrats[level.id]


def _unit_positions(batch_rows: _BatchRows, spec: Specification) -> np.ndarray:
    """The rows a specification fits, as positions among the batch's rows: covered by its
    outcome's record, complete, in its sample, era, reference group and ongoing rule, and
    in a period whose outcome varies."""
    outcome = batch_rows.column(spec.outcome.columns[0])
    covered, continuing = batch_rows.record(spec.outcome.record)
    keep = covered & ~np.isnan(outcome)
    if spec.ongoing.id == "drop":
        keep &= ~continuing
    if spec.reference.compared is not None:
        # the jointly democratic pairs and those of the reference group, by the same-year
        # regimes of the two states
        keep &= np.isin(batch_rows.democrats(spec.democracy), (*spec.reference.compared, 2))
    keep &= ~np.isnan(batch_rows.column(spec.democracy_column))
    keep &= batch_rows.complete(_temporal_columns(batch_rows.frame, spec))
    positions = np.flatnonzero(keep)
    if spec.time_effects.period and 0 < outcome[positions].sum() < len(positions):
        positions = _rows_of_varying_periods(
            positions, batch_rows.column("year"), outcome, spec.time_effects.period
        )
    return positions


def _temporal_columns(frame: AnalysisFrame, spec: Specification) -> tuple[str, ...]:
    """The peace-year terms, counted by the record the outcome comes from (GML's for GML)."""
    return frame.temporal_columns(spec.temporal, spec.outcome.record)


def _period_numbers(years: np.ndarray, period: int) -> tuple[np.ndarray, int]:
    """Each year's period as 0, 1, ... counted from the first period present, and the
    first period's first year: integer bins, which count in one pass where sorting
    hundreds of thousands of years would take ten."""
    if len(years) == 0:
        return np.zeros(0, dtype=np.int64), 0
    starts = (np.floor(years / period) * period).astype(np.int64)
    first = int(starts.min())
    return (starts - first) // period, first


def _rows_of_varying_periods(
    rows: np.ndarray, years: np.ndarray, outcome: np.ndarray, period: int
) -> np.ndarray:
    """The rows of the periods of `period` years (decades for 10) in which the outcome varies.

    A period without an event (or with nothing but events) has no finite effect; maximum
    likelihood gives its rows fitted probabilities of 0 (or 1) and the other coefficients
    their values without those rows, so its rows are left out instead, as conditional logit
    leaves out the groups without variation.
    """
    numbers, _ = _period_numbers(years[rows], period)
    events = np.bincount(numbers, weights=outcome[rows])
    counts = np.bincount(numbers)
    return rows[((events > 0) & (events < counts))[numbers]]


def _period_indicators(
    rows: np.ndarray, years: np.ndarray, period: int
) -> tuple[tuple[str, ...], np.ndarray]:
    """One indicator per period present in the rows but the first (the reference): their
    names, and for each row the number (from 0) of the indicator that is 1, -1 for none."""
    numbers, first = _period_numbers(years[rows], period)
    chosen = np.flatnonzero(np.bincount(numbers))[1:]
    indicator_of_period = np.full(int(numbers.max(initial=0)) + 1, -1, dtype=np.int64)
    indicator_of_period[chosen] = np.arange(len(chosen))
    return tuple(f"period_{first + number * period}" for number in chosen), indicator_of_period[numbers]


# Rows looked at first when checking whether a column is constant or 0/1 in a unit's rows:
# almost always enough to find two values (or one not 0 or 1), which settles it.
PREFIX_ROWS = 1024


def _is_constant(values: np.ndarray) -> bool:
    if len(values) == 0:
        return False
    head = values[:PREFIX_ROWS]
    if head.min() != head.max():
        return False
    return bool(values.min() == values.max())


def _is_binary(values: np.ndarray) -> bool:
    return is_binary(values[:PREFIX_ROWS]) and is_binary(values)


def _by_category(category: np.ndarray) -> np.ndarray:
    """The order that sorts rows by category, stably (table order within a category)."""
    # a radix sort on 16-bit keys: an eighth of the cost of sorting the 64-bit categories
    small = category.astype(np.int16) if category.max(initial=0) < np.iinfo(np.int16).max else category
    return np.argsort(small, kind="stable")


def _dyad_clusters(
    batch_rows: _BatchRows, design_positions: np.ndarray, indicators: Indicators | None
) -> tuple[ClusterGroups, ClusterGroups]:
    """The unit's dyads as clusters, knowing their states: for its design's rows (at
    `design_positions` among the batch's rows), and for the same rows in table order.

    The frame numbers its dyads in table order and holds each one's rows together, so the
    clusters in table order follow from how many of the unit's rows each dyad has, in
    whatever order the design holds them; the clusters are numbered in table order.
    """
    dyad = batch_rows.dyad()[design_positions]
    rows_of_dyad = np.bincount(dyad, minlength=int(batch_rows.frame.dyad[-1]) + 1 if len(dyad) else 0)
    present = np.flatnonzero(rows_of_dyad)
    sizes = rows_of_dyad[present]
    state1, state2 = batch_rows.dyad_states()
    in_table_order = ClusterGroups.from_starts(np.cumsum(sizes) - sizes).with_cluster_states(
        state1[present], state2[present]
    )
    if indicators is None:
        # no period effects, or one period only: the design's rows are in table order
        return in_table_order, in_table_order
    # sorted by period, a dyad's rows form one run in each of its periods
    cluster_of_dyad = np.empty(len(rows_of_dyad), dtype=np.intp)
    cluster_of_dyad[present] = np.arange(len(present))
    cluster = cluster_of_dyad[dyad]
    category = indicators.category
    run_starts = np.flatnonzero(
        np.concatenate([[len(cluster) > 0], (cluster[1:] != cluster[:-1]) | (category[1:] != category[:-1])])
    )
    runs = ClusterGroups.from_runs(run_starts, cluster[run_starts])
    return replace(in_table_order, starts=runs.starts, run_cluster=runs.run_cluster), in_table_order


def _reference_last(positions: np.ndarray, indicator_of_row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows sorted by period (the first period's rows, the reference, first) reordered as the
    indicators number them: the reference period's rows moved after the last indicator's."""
    reference = int(np.count_nonzero(indicator_of_row < 0))
    return (
        np.concatenate([positions[reference:], positions[:reference]]),
        np.concatenate([indicator_of_row[reference:], indicator_of_row[:reference]]),
    )


class _UnitDesign:
    """The rows and design matrix shared by the specifications of one unit (and of the
    units after it with the same rows: set_outcome swaps the outcome)."""

    def __init__(
        self,
        frame: AnalysisFrame,
        spec: Specification,
        batch_rows: _BatchRows | None = None,
        positions: np.ndarray | None = None,
        memory: ReusedMemory | None = None,
    ) -> None:
        self.frame = frame
        self.batch_rows = batch_rows = _BatchRows(frame, spec) if batch_rows is None else batch_rows
        # the unit's rows among the batch's, in the batch's order (which identifies them): with
        # period effects, sorted by period and in table order within one
        self.positions = _unit_positions(batch_rows, spec) if positions is None else positions
        period_names, indicator_of_row = (
            _period_indicators(self.positions, batch_rows.column("year"), spec.time_effects.period)
            if spec.time_effects.period
            else ((), None)
        )
        # The design holds the rows sorted by period (stably: by dyad and year within one), so
        # that a Newton pass sums each period's indicator from the totals of whole blocks of
        # it (blocks.category_blocks) instead of by category in every block; the indicators
        # number the periods after the first, which comes last.
        self.design_positions = self.positions
        self.indicators = None
        if period_names:
            self.design_positions, indicator_of_row = _reference_last(self.positions, indicator_of_row)
            self.indicators = Indicators.of_rows(indicator_of_row, len(period_names))
        self.rows = batch_rows.rows[self.design_positions]
        self.names = (
            INTERCEPT,
            spec.democracy_column,
            *spec.controls.columns,
            *_temporal_columns(frame, spec),
            *period_names,
        )
        self.set_outcome(spec)
        # The period indicators come last, held as each row's period (indicators.py): the
        # matrix holds the other regressors; firth_inputs() writes them out where needed.
        self.plain = plain = len(self.names) - len(period_names)
        self.matrix = (
            np.empty((len(self.rows), plain), order="F")
            if memory is None
            else memory.matrix(len(self.rows), plain)
        )
        self.matrix[:, 0] = 1.0
        for j, name in enumerate(self.names[2:plain], start=2):
            # mode="clip" (the positions are in range): numpy buffers `out` under the default
            # mode="raise", which doubles the cost of the copy
            np.take(batch_rows.column(name), self.design_positions, out=self.matrix[:, j], mode="clip")
        self.groups, self.table_groups = _dyad_clusters(batch_rows, self.design_positions, self.indicators)
        self.democracy_source = batch_rows.column(self.names[1])[self.design_positions]
        self.binary = {
            name: j >= plain or _is_binary(self.matrix[:, j]) for j, name in enumerate(self.names) if j >= 2
        }
        # The first regressor after the democracy term that is constant in these rows, and its
        # value. A period indicator never is: each marks a period present in the rows beside
        # the reference period.
        self.constant = next(
            (
                (name, float(self.matrix[0, j]))
                for j, name in enumerate(self.names[:plain])
                if j >= 2 and _is_constant(self.matrix[:, j])
            ),
            None,
        )
        self.democracy_is_binary = False

    def set_outcome(self, spec: Specification) -> None:
        self.outcome = self.batch_rows.column(spec.outcome.columns[0])[self.design_positions]
        self.events = float(self.outcome.sum())

    def firth_inputs(self) -> tuple[np.ndarray, np.ndarray, ClusterGroups]:
        """The design with the period indicators written out as columns, the outcome and the
        clusters for Firth's fits, with the rows in table order.

        Not sorted by period as for maximum likelihood: where events are few Firth's
        penalised likelihood can have two maxima (8 events in 224,388 rows of one real
        specification, its estimates -0.48 and -0.57), and which one the iterations reach
        can turn on the last bits of their sums, so the rows keep the order they have always
        been fitted in.
        """
        if self.indicators is None:
            return self.matrix, self.outcome, self.table_groups
        # each table-ordered row's position in the design
        batch_rows = self.batch_rows
        design_row = np.empty(len(batch_rows.rows), dtype=np.intp)
        design_row[batch_rows.table_position[self.design_positions]] = np.arange(len(self.design_positions))
        table = design_row[batch_rows.in_table_order(self.design_positions)]
        matrix = np.column_stack([self.matrix[table], self.indicators.rows(table).columns()])
        return np.asfortranarray(matrix), self.outcome[table], self.table_groups

    def binary_columns(self) -> list[int]:
        """Positions of the 0/1 regressors (the intercept excluded)."""
        return [j for j, name in enumerate(self.names) if j >= 1 and self.binary.get(name)]

    def set_democracy(self, spec: Specification) -> None:
        if spec.democracy.threshold is None:
            self.matrix[:, 1] = self.democracy_source
        else:
            np.greater_equal(self.democracy_source, spec.democracy.threshold, out=self.matrix[:, 1])
        self.democracy_is_binary = is_binary(self.matrix[:, 1])
        self.binary[self.names[1]] = self.democracy_is_binary


def _fit_one(
    spec: Specification, design: _UnitDesign, start: np.ndarray | None, firth_start: np.ndarray | None
) -> tuple[dict, np.ndarray | None, np.ndarray | None]:
    """The result row, and the estimates of a maximum-likelihood fit or of a Firth refit (for
    the warm starts of the specifications after it)."""
    row = {field: None for field in RESULT_FIELDS}
    row.update(
        position=spec.position,
        spec_id=spec.id,
        **{dimension: spec.level(dimension).id for dimension in DIMENSIONS},
        democracy_column=spec.democracy_column,
        n=len(design.rows),
        events=int(design.events),
        n_clusters=design.groups.count,
        fitted=False,
        separation=False,
    )
    reason = _unfittable(spec, design)
    if reason is not None:
        if reason.startswith(SEPARATION_REASON):
            # Maximum likelihood would run off to infinity: Firth's iterations start from a
            # related Firth refit, or cold, without fitting it first.
            start = firth_start_after(None, firth_start, design.outcome, len(design.names), [])
            return _as_firth_result(_fit_firth(row, design, reason, start))
        row["reason"] = reason
        return row, None, None
    try:
        result = fit(
            design.matrix,
            design.outcome,
            design.groups,
            start=start,
            covariances=COVARIANCES,
            indicators=design.indicators,
        )
    except CollinearDesign:
        row.update(converged=False, reason="the regressors are collinear in the sample (X'WX is singular)")
        return row, None, None
    row["converged"] = result.converged
    row["iterations"] = result.iterations
    if not result.converged:
        if result.perfect_prediction:
            reason = "perfect prediction: the Newton iterations ran off to infinity"
            start = firth_start_after(result, firth_start, design.outcome, len(design.names), [])
            return _as_firth_result(_fit_firth(row, design, reason, start))
        row["reason"] = f"the Newton iterations did not converge in {result.iterations} steps"
        return row, None, None
    large = large_binary_coefficients(result.params, design.binary_columns())
    if large:
        reason = f"the coefficient of {design.names[large[0]]} is {result.params[large[0]]:.3g}, a sign of separation"
        start = firth_start_after(
            result, firth_start, design.outcome, len(design.names), design.binary_columns()
        )
        return _as_firth_result(_fit_firth(row, design, reason, start))
    if not _record_estimate(row, result):
        return row, None, None
    row["estimator"] = "logit"
    return row, result.params, None


def _as_firth_result(fitted: tuple[dict, np.ndarray | None]) -> tuple[dict, None, np.ndarray | None]:
    row, firth_params = fitted
    return row, None, firth_params


def _fit_firth(
    row: dict, design: _UnitDesign, separation: str, start: np.ndarray
) -> tuple[dict, np.ndarray | None]:
    """A separated specification refitted by Firth's penalised logit from `start`, kept and
    marked as such; and its estimates when it converged.

    Maximum likelihood has no finite estimate there (typically: no two democracies ever
    did it), but the penalised estimate is finite and says how strong the evidence is.
    """
    row["separation"] = True
    matrix, outcome, groups = design.firth_inputs()
    try:
        # firth.py scales the columns itself (peace years cubed run to 10^7)
        result = fit(
            matrix,
            outcome,
            groups,
            estimator="firth_logit",
            start=start,
            covariances=COVARIANCES,
        )
    except CollinearDesign:
        row.update(converged=False, reason=f"{separation}; the Firth refit's regressors are collinear")
        return row, None
    row.update(converged=result.converged, iterations=result.iterations, estimator="firth_logit")
    if not result.converged:
        row["reason"] = f"{separation}; the Firth refit did not converge in {result.iterations} steps"
        return row, None
    if _record_estimate(row, result):
        row["reason"] = f"{FIRTH_NOTE}{separation}"
        row["p_penalized_lr"] = _penalized_likelihood_ratio_p(outcome, matrix, result.params)
    return row, result.params


def _penalized_likelihood_ratio_p(
    outcome: np.ndarray, matrix: np.ndarray, params: np.ndarray
) -> float | None:
    """The democracy term's penalised likelihood-ratio p (Heinze and Schemper 2002): the Firth
    row's trusted test where the sandwich p is not (None when its restricted fit fails)."""
    try:
        test = penalized_likelihood_ratio(outcome, matrix, 1, params)
    except np.linalg.LinAlgError:
        return None
    return float(test.p) if np.isfinite(test.p) else None


def _record_estimate(row: dict, result) -> bool:
    """The democracy term's estimate, both standard errors, interval and p into the row."""
    dyadic = standard_errors(result.covariances[DYADIC_ROBUST])
    clustered = standard_errors(result.covariances[DEFAULT_COVARIANCE])
    if (
        not np.all(np.isfinite(result.params))
        or not np.all(np.isfinite(clustered))
        or not np.isfinite(dyadic[1])
    ):
        row["reason"] = "some coefficients or standard errors are not finite"
        return False
    estimate, se = float(result.params[1]), float(dyadic[1])
    row.update(
        estimate=estimate,
        se=se,
        ci_low=float(estimate - CRITICAL_Z * se),
        ci_high=float(estimate + CRITICAL_Z * se),
        p=two_sided_p(estimate / se),
        se_dyad_clustered=float(clustered[1]),
        p_dyad_clustered=two_sided_p(estimate / float(clustered[1])),
        fitted=True,
    )
    return True


def _unfittable(spec: Specification, design: _UnitDesign) -> str | None:
    """Why the specification has no maximum-likelihood estimate, checked before fitting."""
    n = len(design.rows)
    events = design.events
    if n == 0:
        return "no complete rows in the sample"
    if events == 0:
        return f"no events: {spec.outcome.columns[0]} is never 1 in the {n} rows of the sample"
    if events == n:
        return f"{spec.outcome.columns[0]} is 1 in every row of the sample"
    if design.groups.count < 2:
        return "fewer than two dyads in the sample, so no clustered standard errors"
    democracy = design.matrix[:, 1]
    if democracy.min() == democracy.max():
        constant = (design.names[1], float(democracy[0]))
    else:
        constant = design.constant  # the other regressors, checked once for the unit's rows
    if constant is not None:
        name, value = constant
        return f"{name} is constant ({value:g}) in the sample, so its coefficient cannot be estimated"
    # As the battery checks: a 0/1 regressor one of whose levels has a constant outcome
    # has no finite estimate.
    for found in separated_levels(design.matrix, design.outcome, design.binary_columns(), design.indicators):
        label = spec.democracy.id if found.column == 1 else design.names[found.column]
        return (
            f"quasi-complete separation: every row with {label} = {found.level} has outcome "
            f"{found.outcome} ({found.rows} rows), so there is no finite estimate"
        )
    return None

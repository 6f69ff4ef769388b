"""Run the SQL models into a new database and swap it in only when all of them succeeded.

The raw files are loaded (dpeace.stage), every model in sql/ is materialised as a table (or a view)
in dependency order, the dyad-year counts are checked, and only then does the new file
replace data/peace.duckdb. Any failure leaves the previous database as it was.
The data tests declared in sql/schema.yml (dpeace.transform.data_tests) run last, on the
new database before the swap, so a failing one also leaves the old database in place.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from dpeace import paths
from dpeace.atomic_files import write_text_atomically
from dpeace.build_identity import compute_build_id, raw_files_digest, record_build_info
from dpeace.database import write_atomically
from dpeace.errors import BuildError
from dpeace.fetch.provenance import read_provenance
from dpeace.sql_errors import file_line_error
from dpeace.stage.load_raw import load_raw_tables
from dpeace.stage.verify_raw import verify_raw_files
from dpeace.transform.comments import comment_tables
from dpeace.transform.data_tests import TestTiming, declared_tests, run_data_tests
from dpeace.transform.dictionary import load_dictionary
from dpeace.transform.memory_limit import ENVIRONMENT_VARIABLE
from dpeace.transform.models import Model, dependency_order, discover_models, with_references
from dpeace.transform.schedule import run_concurrently

log = logging.getLogger(__name__)

# The model whose rows compare each year's dyad counts with its member count.
DYAD_COUNT_CHECK = "dyad_year_counts"
POLITY_UNMATCHED = "polity_unmatched"
# The model counting how much of the data each measure (Polity, BMR, distance) covers.
MEASURE_COVERAGE = "measure_coverage"


@dataclass(frozen=True)
class ModelRun:
    name: str
    layer: str
    rows: int
    seconds: float


@dataclass
class BuildReport:
    database: Path
    seconds: float
    raw_tables: dict[str, int]
    models: list[ModelRun] = field(default_factory=list)
    polity_unmatched: dict[str, int] = field(default_factory=dict)
    measure_coverage: list[dict] = field(default_factory=list)
    pairs_without_common_day: int = 0
    data_tests_passed: int = 0
    data_test_timings: list[TestTiming] = field(default_factory=list)
    memory_limit: str | None = None

    def rows(self, table: str) -> int:
        return next(run.rows for run in self.models if run.name == table)

    def as_json(self) -> dict:
        return {
            "database": str(self.database),
            "seconds": round(self.seconds, 3),
            "raw_tables": self.raw_tables,
            "models": [{**asdict(run), "seconds": round(run.seconds, 3)} for run in self.models],
            "polity_unmatched_by_reason": self.polity_unmatched,
            "member_pairs_without_common_day": self.pairs_without_common_day,
            "measure_coverage": self.measure_coverage,
            "data_tests_passed": self.data_tests_passed,
            # Each query the data tests ran (one table's row-wise tests share one), and its time.
            "data_tests": [timing.as_json() for timing in self.data_test_timings],
            # DuckDB's cap on its memory during the build (None: DuckDB's own default).
            "memory_limit": self.memory_limit,
        }


def build_database(target: Path | None = None, memory_limit: str | None = None) -> BuildReport:
    """Build the database from the cached raw files; write the build log beside it.

    memory_limit: DuckDB's cap on its memory (e.g. 1GB; dpeace.transform.memory_limit);
    None leaves DuckDB's own default.
    """
    target = Path(target) if target is not None else paths.database_path()
    started = time.perf_counter()
    models = discover_models(paths.sql_dir())
    if not models:
        raise BuildError(f"no SQL models found under {paths.sql_dir()}")
    data_tests = declared_tests(paths.sql_dir())
    provenance = read_provenance()
    # Before anything is written: a changed raw file stops the build with the old database in place.
    verified = verify_raw_files(provenance)
    build_id = compute_build_id(provenance, paths.sql_dir())
    with write_atomically(target, memory_limit=memory_limit) as con:
        # The models' timings go to the log; DuckDB's own progress bar would garble it.
        con.execute("SET enable_progress_bar = false")
        # No query of the build depends on the order rows were inserted in (every reader that
        # needs an order sorts); without the guarantee DuckDB writes the big marts a third faster.
        con.execute("SET preserve_insertion_order = false")
        raw_rows = load_raw_tables(con, provenance)
        ordered = dependency_order(with_references(con, models), set(raw_rows))
        by_name = {model.name: model for model in ordered}
        runs = run_concurrently(
            con,
            list(by_name),
            lambda cursor, name: materialise(cursor, by_name[name]),
            needs=lambda name: by_name[name].references,
        )
        pairs_apart = _check_dyad_counts(con)
        unmatched = _polity_unmatched_by_reason(con)
        coverage = _measure_coverage(con)
        test_timings = run_data_tests(con, data_tests)
        _record_build_info(con, build_id, provenance, verified)
        # The dictionary travels with the data: any DuckDB client reads it as comments. In
        # one transaction: each of its hundreds of statements committed on its own would
        # write and sync the log again (about a second of the build's wall time).
        con.execute("BEGIN TRANSACTION")
        comments = comment_tables(con, load_dictionary(paths.sql_dir(), schema_required=False))
        con.execute("COMMIT")
    report = BuildReport(
        target,
        time.perf_counter() - started,
        raw_rows,
        runs,
        unmatched,
        coverage,
        pairs_apart,
        data_tests_passed=sum(timing.tests for timing in test_timings),
        data_test_timings=test_timings,
        memory_limit=memory_limit,
    )
    _write_build_log(report)
    log.info("built %s in %.1f s (%d models, %d comments)", target, report.seconds, len(runs), comments)
    for reason, count in unmatched.items():
        log.info("polity rows not matched to a COW state-year (%s): %d", reason, count)
    log.info("member pairs without a common day in a year (no dyad-year): %d", pairs_apart)
    for row in coverage:
        onsets = "" if row["onsets"] is None else f", onsets {row['onsets_covered']} of {row['onsets']}"
        log.info(
            "coverage of %s: %d of %d %s%s", row["measure"], row["covered"], row["total"], row["unit"], onsets
        )
    return report


def _record_build_info(
    con: duckdb.DuckDBPyConnection, build_id: str, provenance: dict, verified: int
) -> None:
    record_build_info(con, build_id, raw_files_digest(provenance), verified)
    log.info("build id %s (%d raw files verified against their recorded sha256)", build_id[:12], verified)


def materialise(con: duckdb.DuckDBPyConnection, model: Model) -> ModelRun:
    started = time.perf_counter()
    try:
        if model.is_seed:
            created = con.execute(
                f"CREATE TABLE {model.name} AS SELECT * FROM read_csv($path, header = true)",
                {"path": str(model.path)},
            ).fetchall()
        else:
            kind = "VIEW" if model.materialized == "view" else "TABLE"
            created = con.execute(f"CREATE {kind} {model.name} AS\n{model.sql}\n").fetchall()
    except duckdb.Error as error:
        # The file's first line is the executed text's second, after `CREATE TABLE ... AS`.
        where = file_line_error(error, model.path, lines_before=1 - model.skipped_lines)
        if isinstance(error, duckdb.OutOfMemoryException):
            # DuckDB's own advice (SET memory_limit) cannot reach the build's connection.
            where += (
                f"\n(raise the build's cap with dpeace build --memory-limit SIZE or {ENVIRONMENT_VARIABLE})"
            )
        raise BuildError(f"model {model.name} failed: {where}") from None
    # CREATE TABLE ... AS answers with the rows it wrote; a view is counted by reading it.
    rows = created[0][0] if created else con.execute(f"SELECT count(*) FROM {model.name}").fetchall()[0][0]
    run = ModelRun(model.name, model.layer, rows, time.perf_counter() - started)
    log.info("%-40s %10d rows %7.2f s", model.name, run.rows, run.seconds)
    return run


def _required_table(con: duckdb.DuckDBPyConnection, name: str, purpose: str) -> duckdb.DuckDBPyRelation:
    try:
        return con.table(name)
    except duckdb.CatalogException:
        raise BuildError(f"the build has no model {name} (sql/marts/{name}.sql) {purpose}") from None


def _check_dyad_counts(con: duckdb.DuckDBPyConnection) -> int:
    """Fail the build if any year's dyad-year counts are off; return the member pairs
    that are no dyad for want of a common day, summed over the years."""
    counts = _required_table(con, DYAD_COUNT_CHECK, "to check the dyad-year counts with")
    wrong = (
        counts.filter(
            "dyad_years <> expected_dyad_years OR dyad_years_directed <> expected_dyad_years_directed"
        )
        .select(
            "year, member_states, pairs_without_common_day, dyad_years, expected_dyad_years, "
            "dyad_years_directed, expected_dyad_years_directed"
        )
        .order("year")
        .fetchall()
    )
    if wrong:
        shown = "; ".join(
            f"{year}: {n} states, {apart} pairs without a common day, {d} dyad-years (expected {ed}), "
            f"{dd} directed (expected {edd})"
            for year, n, apart, d, ed, dd, edd in wrong[:5]
        )
        raise BuildError(
            f"dyad-year counts do not match the member counts in {len(wrong)} year(s) "
            f"(see the {DYAD_COUNT_CHECK} model): {shown}"
        )
    return counts.aggregate("coalesce(sum(pairs_without_common_day), 0)").fetchall()[0][0]


def _polity_unmatched_by_reason(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    unmatched = _required_table(con, POLITY_UNMATCHED, "to count the unmatched Polity rows with")
    rows = unmatched.aggregate("reason, count(*)", "reason").order("reason").fetchall()
    return {reason: count for reason, count in rows}


def _measure_coverage(con: duckdb.DuckDBPyConnection) -> list[dict]:
    coverage = _required_table(con, MEASURE_COVERAGE, "to count each measure's coverage with")
    columns = ("measure", "unit", "total", "covered", "onsets", "onsets_covered")
    rows = coverage.select(", ".join(columns)).fetchall()
    return [dict(zip(columns, row)) for row in rows]


def _write_build_log(report: BuildReport) -> None:
    write_text_atomically(paths.build_log_path(), json.dumps(report.as_json(), indent=2) + "\n")

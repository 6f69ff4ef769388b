"""Declared data tests: the checks sql/schema.yml declares beside each analysis table, run
on the build's temporary database before it replaces the old one.

A table's `data_tests:` mapping names generic tests (dbt's names) and their arguments:

    unique: [ccode, year]                  no two rows share these columns' values (the key)
    not_null: [ccode, year]                none of these columns is NULL
    accepted_values: {conttype: [1, 5]}    the column holds only these values (or NULL)
    accepted_range: {polity2: [-10, 10]}   the column lies in [min, max] (or is NULL); a null
                                           bound leaves that side open
    relationships:                         every row (meeting `where`) has a matching row in
      - {columns: [ccode1, year], to: state_years, to_columns: [ccode, year], where: ...}
    expression_is_true: [ccode1 < ccode2]  the SQL condition is not false on any row
    row_count: [0, 3]                      the table holds between min and max rows (a null
                                           bound leaves that side open): how many rows an
                                           `*_unmatched` table may list before the build fails

Each generic test is a SELECT in sql/tests/ (a jinja template, as in dbt) that returns the
offending rows; a test passes when it returns none. The row-wise tests (not_null,
accepted_range, accepted_values, expression_is_true) also name their offending condition,
so that all of one table's run in a single scan (sql/tests/row_conditions.sql counts each
one's offending rows); only a test with offending rows runs its own SELECT, to show them. The templates belong to this runner, so they are read
from the repo's sql/tests/ even when DPEACE_SQL points the build at other models.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import jinja2
import yaml

from dpeace.errors import BuildError
from dpeace.transform.schedule import run_concurrently
from dpeace.transform.schema_file import read_schema_document

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "sql" / "tests"
SCHEMA_FILE = "schema.yml"
# Offending rows shown per failing test.
EXAMPLES = 5

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class DataTest:
    name: str
    sql: str
    # For a row-wise test: its table and the condition an offending row meets.
    table: str | None = None
    condition: str | None = None


@dataclass(frozen=True)
class TestTiming:
    """One query the data tests ran: a single test, or one table's row-wise tests together."""

    name: str
    tests: int
    seconds: float

    def as_json(self) -> dict:
        return {"name": self.name, "tests": self.tests, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class Failure:
    test: DataTest
    rows: int
    columns: list[str]
    examples: list[tuple]

    def describe(self) -> str:
        shown = "\n".join(
            "    " + ", ".join(f"{c}={v!r}" for c, v in zip(self.columns, row)) for row in self.examples
        )
        more = (
            f"\n    ... and {self.rows - len(self.examples)} more" if self.rows > len(self.examples) else ""
        )
        return f"  {self.test.name}: {self.rows} offending row(s)\n{shown}{more}"


def declared_tests(sql_dir: Path) -> list[DataTest]:
    """The data tests sql_dir/schema.yml declares, in the file's order; none without the file."""
    path = Path(sql_dir) / SCHEMA_FILE
    if not path.exists():
        return []
    try:
        document = read_schema_document(path) or {}
    except yaml.YAMLError as error:
        raise BuildError(f"{path} is not valid YAML: {error}") from None
    tests: list[DataTest] = []
    for table, entry in (document.get("tables") or {}).items():
        declarations = entry.get("data_tests") if isinstance(entry, dict) else None
        if declarations is None:
            continue
        where = f"{path}, table {table}, data_tests"
        if not isinstance(declarations, dict):
            raise BuildError(f"{where}: expected a mapping of test types to their arguments")
        key = declarations.get("unique")
        for kind, arguments in declarations.items():
            if kind not in _GENERIC_TESTS:
                raise BuildError(
                    f"{where}: unknown test type {kind!r}; the types are {', '.join(_GENERIC_TESTS)}"
                )
            try:
                tests.extend(_GENERIC_TESTS[kind](_name(table), key, arguments))
            except (TypeError, ValueError, AttributeError, KeyError) as error:
                raise BuildError(
                    f"{where}, {kind}: {error} (see {Path(__file__).name} for the forms)"
                ) from None
    return tests


def run_data_tests(con: duckdb.DuckDBPyConnection, tests: list[DataTest]) -> list[TestTiming]:
    """Run every test; raise BuildError naming each failing one with a few offending rows.

    The queries (each test alone, or one table's row-wise tests together) run two at a time
    (dpeace.transform.schedule). Returns the time of each query run, for the build log.
    """
    started = time.perf_counter()
    row_wise: dict[str, list[DataTest]] = {}
    queries: list[tuple[DataTest, ...]] = []
    for test in tests:
        if test.condition is None:
            queries.append((test,))
        else:
            row_wise.setdefault(test.table, []).append(test)
    # The single tests first, then each table's row-wise scan, as the build log lists them.
    queries.extend(tuple(table_tests) for table_tests in row_wise.values())
    outcomes = run_concurrently(con, queries, _run_query)
    timings = [timing for timing, _ in outcomes]
    failures = [failure for _, query_failures in outcomes for failure in query_failures]
    if failures:
        raise BuildError(
            f"{len(failures)} of {len(tests)} data tests declared in sql/{SCHEMA_FILE} failed, so the "
            "new database is discarded and the old one left in place:\n"
            + "\n".join(failure.describe() for failure in failures)
        )
    log.info(
        "data tests: all %d passed in %.2f s (%d queries)",
        len(tests),
        time.perf_counter() - started,
        len(timings),
    )
    return timings


def _run_query(
    con: duckdb.DuckDBPyConnection, query: tuple[DataTest, ...]
) -> tuple[TestTiming, list[Failure]]:
    """One test alone, or one table's row-wise tests in one scan: its timing and failures."""
    began = time.perf_counter()
    if query[0].condition is None:
        (test,) = query
        failure = _run(con, test)
        return TestTiming(test.name, 1, time.perf_counter() - began), [failure] if failure else []
    table = query[0].table
    failures = [failure for test in _offending(con, table, list(query)) if (failure := _run(con, test))]
    return TestTiming(f"row-wise tests of {table}", len(query), time.perf_counter() - began), failures


def _offending(con: duckdb.DuckDBPyConnection, table: str, tests: list[DataTest]) -> list[DataTest]:
    """The tests among `tests` (all row-wise, all of `table`) that some row of it breaks, in one scan."""
    sql = _render("row_conditions", table=table, conditions=[test.condition for test in tests])
    try:
        counts = con.execute(sql).fetchall()[0]
    except duckdb.Error:
        # Some test cannot run (a column the table lacks...): run each alone, so that the
        # one at fault names itself.
        return tests
    return [test for test, count in zip(tests, counts, strict=True) if count]


def _run(con: duckdb.DuckDBPyConnection, test: DataTest) -> Failure | None:
    try:
        # Sorted, so that a failure shows the same rows every time.
        cursor = con.execute(f"select * from (\n{test.sql}\n) order by all limit {EXAMPLES}")
        examples = cursor.fetchall()
        if not examples:
            return None
        columns = [column[0] for column in cursor.description]
        rows = con.execute(f"select count(*) from (\n{test.sql}\n)").fetchall()[0][0]
    except duckdb.Error as error:
        raise BuildError(f"data test {test.name} could not run: {error}\n{test.sql}") from None
    return Failure(test, rows, columns, examples)


# Rendering the declarations into the templates of sql/tests/.


_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined, autoescape=False
)


def _render(kind: str, **values) -> str:
    return _TEMPLATES.get_template(f"{kind}.sql").render(**values).strip()


def _row_wise(name: str, kind: str, table: str, **values: str) -> DataTest:
    """A row-wise test: its SELECT, and the condition its template sets for the combined scan."""
    template = _TEMPLATES.get_template(f"{kind}.sql")
    condition = str(template.make_module(dict(values, table=table)).condition).strip()
    return DataTest(name, template.render(table=table, **values).strip(), table, condition)


def _name(name: object) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"{name!r} is not a lower-case SQL name")
    return name


def _columns(names: object) -> list[str]:
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names:
        raise ValueError(f"expected a column or a list of columns, got {names!r}")
    return [_name(n) for n in names]


def _quoted(columns: list[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{c}"' for c in columns)


def _shown(key: object, *columns: str, prefix: str = "") -> str:
    """The columns an offending row is shown with: the table's key, then the tested ones."""
    shown = list(dict.fromkeys([*(_columns(key) if key else []), *columns]))
    return _quoted(shown, prefix) if shown else "*"


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"{value!r} is not a number, string or boolean")


def _unique(table: str, key: object, columns: object) -> list[DataTest]:
    columns = _columns(columns)
    sql = _render("unique", table=table, columns=_quoted(columns))
    return [DataTest(f"unique({table}: {', '.join(columns)})", sql)]


def _not_null(table: str, key: object, columns: object) -> list[DataTest]:
    return [
        _row_wise(
            f"not_null({table}.{column})", "not_null", table, column=f'"{column}"', shown=_shown(key, column)
        )
        for column in _columns(columns)
    ]


def _accepted_values(table: str, key: object, values_by_column: dict) -> list[DataTest]:
    tests = []
    for column, values in values_by_column.items():
        if not isinstance(values, list) or not values:
            raise ValueError(f"{column}: expected a list of values, got {values!r}")
        tests.append(
            _row_wise(
                f"accepted_values({table}.{column}: {', '.join(map(str, values))})",
                "accepted_values",
                table,
                column=f'"{_name(column)}"',
                values=", ".join(_literal(v) for v in values),
            )
        )
    return tests


def _accepted_range(table: str, key: object, bounds_by_column: dict) -> list[DataTest]:
    tests = []
    for column, bounds in bounds_by_column.items():
        if not isinstance(bounds, list) or len(bounds) != 2:
            raise ValueError(f"{column}: expected [min, max], got {bounds!r}")
        low, high = bounds
        shown_bounds = f"{'' if low is None else low}..{'' if high is None else high}"
        tests.append(
            _row_wise(
                f"accepted_range({table}.{column}: {shown_bounds})",
                "accepted_range",
                table,
                column=f'"{_name(column)}"',
                shown=_shown(key, column),
                min_value=_literal(low),
                max_value=_literal(high),
            )
        )
    return tests


def _relationships(table: str, key: object, relations: list) -> list[DataTest]:
    tests = []
    for relation in relations:
        columns = _columns(relation["columns"])
        to_table = _name(relation["to"])
        to_columns = _columns(relation.get("to_columns", columns))
        if len(to_columns) != len(columns):
            raise ValueError(f"columns {columns} and to_columns {to_columns} differ in length")
        condition = relation.get("where")
        sql = _render(
            "relationships",
            table=table,
            to_table=to_table,
            shown=_shown(key, *columns, prefix="child."),
            where_condition=condition or "true",
            references_not_null=" and ".join(f'child."{c}" is not null' for c in columns),
            matches=" and ".join(f'parent."{p}" = child."{c}"' for c, p in zip(columns, to_columns)),
        )
        name = f"relationships({table}: {', '.join(columns)} -> {to_table}: {', '.join(to_columns)}"
        tests.append(DataTest(name + (f" where {condition})" if condition else ")"), sql))
    return tests


def _expression_is_true(table: str, key: object, expressions: list) -> list[DataTest]:
    if not isinstance(expressions, list):
        raise ValueError(f"expected a list of SQL conditions, got {expressions!r}")
    return [
        _row_wise(
            f"expression_is_true({table}: {expression})",
            "expression_is_true",
            table,
            expression=expression,
            shown=_shown(key),
        )
        for expression in expressions
    ]


def _row_count(table: str, key: object, bounds: list) -> list[DataTest]:
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise ValueError(f"expected [min, max], got {bounds!r}")
    low, high = bounds
    sql = _render("row_count", table=table, min_value=_literal(low), max_value=_literal(high))
    shown_bounds = f"{'' if low is None else low}..{'' if high is None else high}"
    return [DataTest(f"row_count({table}: {shown_bounds})", sql)]


_GENERIC_TESTS = {
    "unique": _unique,
    "not_null": _not_null,
    "accepted_values": _accepted_values,
    "accepted_range": _accepted_range,
    "relationships": _relationships,
    "expression_is_true": _expression_is_true,
    "row_count": _row_count,
}

"""The README's figures about the code are the code's: each is read from the README and
compared with what the repository holds now, so that neither can drift without a failing
test. (The model table's figures are checked against the real data in
tests/model/test_readme_model_table.py.)"""

from __future__ import annotations

import json
import re

from dpeace.bench.readme_table import performance_table, readme_block
from dpeace.model.specification import load_battery
from dpeace.paths import sql_dir
from dpeace.transform.data_tests import declared_tests
from dpeace.transform.models import discover_models
from tests.readme import README, readme_text


def _figure(pattern: str) -> re.Match:
    # Line breaks in the README read as spaces.
    found = re.search(pattern, " ".join(readme_text().split()))
    assert found, f"the README no longer says {pattern!r}"
    return found


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def test_the_sql_file_count_is_the_repositorys():
    found = _figure(r"the (\d+) files in `sql/`")
    assert _number(found.group(1)) == len(list(sql_dir().rglob("*.sql")))


def test_the_data_test_count_is_the_schemas():
    found = _figure(r"counts the tests that passed \(([\d,]+) declared in `sql/schema.yml`")
    assert _number(found.group(1)) == len(declared_tests(sql_dir()))


def test_the_build_model_counts_are_the_repositorys():
    found = _figure(r"The build runs ([\d,]+) models \(([\d,]+) SQL files and ([\d,]+) seeds\)")
    models = discover_models(sql_dir())
    seeds = sum(1 for model in models if model.is_seed)
    assert tuple(_number(group) for group in found.groups()) == (len(models), len(models) - seeds, seeds)


def test_the_battery_size_is_the_batterys():
    found = _figure(r"The battery holds ([\d,]+) models")
    assert _number(found.group(1)) == len(load_battery().models)


def test_the_performance_table_is_the_committed_bench_record():
    record = README.parent / "reports" / "bench.json"
    assert record.exists(), "reports/bench.json, the record `make bench` writes, is missing"
    document = json.loads(record.read_text(encoding="utf-8"))
    assert readme_block(readme_text()) == performance_table(document)


def test_the_curve_sizes_are_the_grids():
    from dpeace.curve.grid import load_grid

    full = _figure(r"= \*\*([\d,]+) specifications\*\*")
    sample = _figure(r"fits the declared sample `\[sample_run\]`, \*\*([\d,]+) specifications\*\*")
    grid = load_grid()
    assert (_number(full.group(1)), _number(sample.group(1))) == (grid.full_count, len(grid.specifications))

"""The bench's table and bench.json, from hand-made measurements with known summaries."""

from __future__ import annotations

import json
import tomllib

from dpeace.bench.measure import Measurement, Run
from dpeace.bench.real_data import sql_model_seconds
from dpeace.bench.report_table import (
    measurement_record,
    scale_record,
    scaling_table,
    stage_table,
    write_bench_json,
)
from dpeace.bench.scaling import ScalePoint


def build_measurement() -> Measurement:
    return Measurement(
        "build",
        [
            Run(3.0, 200.0, cpu_seconds=2.0),
            Run(1.0, 250.5, cpu_seconds=1.0),
            Run(2.0, 180.0, cpu_seconds=1.5),
        ],
    )


def test_a_measurement_summarises_its_runs():
    m = build_measurement()
    assert (m.median_seconds, m.min_seconds, m.max_seconds, m.peak_rss_mib) == (2.0, 1.0, 3.0, 250.5)
    assert m.ok
    assert not Measurement("model", [Run(1.0, 10.0, returncode=1)]).ok


def test_the_stage_table_shows_median_min_max_peak_and_runs():
    lines = stage_table([build_measurement(), Measurement("stg_states", [Run(0.25, None)])]).splitlines()
    assert lines[0].split() == [
        "stage",
        "median",
        "s",
        "min",
        "s",
        "max",
        "s",
        "median",
        "CPU",
        "s",
        "peak",
        "RSS",
        "MiB",
        "runs",
    ]
    assert lines[2].split() == ["build", "2.00", "1.00", "3.00", "1.50", "250", "3"]
    # A SQL model's time comes from the build log, with no CPU or memory figure of its own.
    assert lines[3].split() == ["stg_states", "0.25", "0.25", "0.25", "-", "-", "1"]
    # Columns line up: every row is as wide as the rule under the header.
    assert len({len(line) for line in lines[1:]}) == 1


def test_the_scaling_table_gives_growth_relative_to_the_smallest_world():
    points = [
        ScalePoint(
            1,
            50,
            10_000,
            100,
            [Measurement("build", [Run(1.0, 100.0)]), Measurement("model", [Run(2.0, 150.0)])],
        ),
        ScalePoint(
            4,
            200,
            160_000,
            1600,
            [Measurement("build", [Run(8.0, 400.0)]), Measurement("model", [Run(30.0, 900.0)])],
        ),
    ]
    lines = scaling_table(points).splitlines()
    assert lines[2].split() == ["1x", "50", "10000", "x1.0", "1.00", "x1.0", "100", "2.00", "x1.0", "150"]
    assert lines[3].split() == [
        "4x",
        "200",
        "160000",
        "x16.0",
        "8.00",
        "x8.0",
        "400",
        "30.00",
        "x15.0",
        "900",
    ]


def test_bench_json_holds_every_run_and_the_summary(tmp_path):
    m = build_measurement()
    m.note = "hand-made"
    point = ScalePoint(2, 100, 40_000, 400, [m])
    path = write_bench_json(
        {"real_data": {"stages": [measurement_record(m)]}, "scaling": [scale_record(point)]},
        tmp_path / "reports" / "bench.json",
    )
    document = json.loads(path.read_text())
    assert document["real_data"]["stages"][0] == {
        "stage": "build",
        "median_seconds": 2.0,
        "min_seconds": 1.0,
        "max_seconds": 3.0,
        "median_cpu_seconds": 1.5,
        "peak_rss_mib": 250.5,
        "runs": 3,
        "seconds": [3.0, 1.0, 2.0],
        "note": "hand-made",
    }
    assert document["scaling"][0]["dyad_years"] == 40_000
    assert document["scaling"][0]["stages"][0]["median_seconds"] == 2.0


def test_sql_model_seconds_are_read_from_the_build_log():
    log = {
        "database": "x",
        "seconds": 4.2,
        "raw_tables": {"raw_states": 243},
        "models": [
            {"name": "stg_states", "layer": "staging", "rows": 243, "seconds": 0.01},
            {"name": "dyad_years", "layer": "marts", "rows": 900, "seconds": 2.5},
        ],
    }
    assert sql_model_seconds(log) == {"stg_states": 0.01, "dyad_years": 2.5}
    assert sql_model_seconds({}) == {}


def test_the_largest_mart_is_the_model_the_build_spent_longest_on():
    from dpeace.bench.largest_mart import largest_mart

    log = {
        "models": [
            {"name": "int_dyad_panel_directed", "layer": "intermediate", "rows": 1_912_290, "seconds": 0.4},
            {"name": "int_dyad_years", "layer": "intermediate", "rows": 956_145, "seconds": 3.1},
            {"name": "dyad_years", "layer": "marts", "rows": 956_145, "seconds": 0.01},
            {"name": "dyad_years_directed", "layer": "marts", "rows": 1_912_290, "seconds": 0.01},
            {"name": "state_years", "layer": "marts", "rows": 15_951, "seconds": 0.3},
        ]
    }
    assert largest_mart(log) == "int_dyad_years"
    assert largest_mart({}) is None


def test_the_edited_battery_moves_one_models_first_year_only():
    import dataclasses

    from dpeace.bench.real_data import _one_model_edited
    from dpeace.model.specification import default_spec_path, load_battery, parse_battery

    original = load_battery()
    edited = parse_battery(
        tomllib.loads(_one_model_edited(default_spec_path().read_text(), 3)), source="edited"
    )
    changed = [spec.id for spec, new in zip(original.models, edited.models, strict=True) if spec != new]
    assert changed == ["era_post1945"]
    assert edited.model("era_post1945") == dataclasses.replace(
        original.model("era_post1945"), years=(1948, 2014)
    )

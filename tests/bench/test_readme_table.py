"""The README's performance table, from a hand-made bench.json with known figures."""

from __future__ import annotations

import pytest

from dpeace.bench.readme_table import (
    END,
    START,
    ReadmeBlockMissing,
    performance_table,
    readme_block,
    replace_block,
)


def stage(name: str, wall: float, cpu: float | None, rss: float | None) -> dict:
    return {"stage": name, "median_seconds": wall, "median_cpu_seconds": cpu, "peak_rss_mib": rss}


def document() -> dict:
    return {
        "generated": "2026-12-05T03:10:00+00:00",
        "repeats": 3,
        "machine": {
            "cpu": "Test CPU",
            "cores": 2,
            "memory_gib": 23.5,
            "python": "3.11.7",
            "duckdb": "2.0.1",
            "commit": "abc1234",
            "load_average_at_start": [0.31, 0.5, 0.6],
            "load_average_at_end": [1.25, 0.9, 0.7],
        },
        "real_data": {
            "skipped": None,
            "stages": [stage("build", 12.345, 9.5, 880.4), stage("report", 3.2, 2.0, 390.0)],
            "largest_mart": stage("dyad_years_directed alone (DuckDB)", 4.0, 3.0, None),
            "build_over_largest_mart": 3.09,
            "battery_models": [stage("main", 1.5, 1.0, None), stage("war", 0.5, 0.25, None)]
            + [stage("(loading the tables)", 2.0, 2.0, None)],
        },
        "specification_curve": {
            "specifications": 3000,
            "fitted": 2900,
            "fit_seconds": 60.0,
            "fit_cpu_seconds": 118.6,
            "specifications_per_second": 50.0,
            "yardstick_seconds": 3.5,
            "ratio_yardstick_to_curve_per_specification": 175.0,
            "load_average_before": [0.4, 0.5, 0.6],
        },
        "scaling": {"points": []},
    }


def test_the_table_states_date_machine_load_and_each_stage():
    lines = performance_table(document()).splitlines()
    assert lines[0].startswith(
        "Measured by `make bench` on 2026-12-05 (commit abc1234; Test CPU, 2 cores, 23.5 GiB;"
    )
    assert "median of 3 run(s)" in lines[0]
    assert lines[0].endswith("load average (1 minute) 0.31 at the start and 1.25 at the end:")
    assert lines[2:7] == [
        "| measured | wall s | CPU s | peak RSS MiB |",
        "|---|---|---|---|",
        "| build | 12.3 | 9.50 | 880 |",
        "| report | 3.20 | 2.00 | 390 |",
        "| dyad_years_directed alone (DuckDB): the whole build takes 3.1 times this | 4.00 | 3.00 | - |",
    ]
    # The loading row is not a fit: two fits, 1.5 + 0.5 s wall and 1.0 + 0.25 CPU s.
    assert lines[7] == "| the battery's 2 fits alone (tables loaded once, no fit cache) | 2.00 | 1.25 | - |"
    assert (
        "3,000 specifications (2,900 fitted) in 60.0 s on both cores, 50.0 per second (119 CPU s;" in lines[9]
    )
    assert "took 3.50 s, 175.0 times the curve's time per specification." in lines[9]


def test_a_skipped_real_part_and_curve_are_said_not_hidden():
    skipped = document() | {"real_data": {"skipped": "--skip-real"}, "specification_curve": None}
    text = performance_table(skipped)
    assert "The real-data stages were not measured: --skip-real." in text
    assert "The specification curve's speed was not measured in this run." in text
    assert "| measured |" not in text


def test_synthetic_worlds_get_their_own_table():
    points = [
        {"scale": 1, "states": 50, "dyad_years": 55553, "stages": [stage("build", 2.8, 2.0, 211.0)]},
        {"scale": 2, "states": 100, "dyad_years": 236772, "stages": [stage("build", 4.1, 3.0, 325.0)]},
    ]
    text = performance_table(document() | {"scaling": {"points": points}})
    assert text.splitlines()[-4:] == [
        "| world | states | dyad-years | build s | build MiB |",
        "|---|---|---|---|---|",
        "| 1x | 50 | 55,553 | 2.80 | 211 |",
        "| 2x | 100 | 236,772 | 4.10 | 325 |",
    ]


def test_the_block_between_the_markers_is_replaced_and_read_back():
    readme = f"# Title\n\nbefore\n{START}\nold table\n{END}\nafter\n"
    replaced = replace_block(readme, "new table")
    assert replaced == f"# Title\n\nbefore\n{START}\nnew table\n{END}\nafter\n"
    assert readme_block(replaced) == "new table"
    with pytest.raises(ReadmeBlockMissing, match="no block between"):
        replace_block("# no markers\n", "new table")


def test_the_build_and_main_model_row_carries_its_stage_note():
    note = "`dpeace build` then `dpeace model --only` the main model, as one chain"
    measured = document()
    measured["real_data"]["stages"].append(stage("build + main model", 15.25, 22.5, 1210.0))
    measured["stage_notes"] = {"build + main model": note, "report": "not shown"}
    lines = performance_table(measured).splitlines()
    assert "| build + main model | 15.2 | 22.5 | 1,210 |" in lines
    # The note follows the table, after one blank line; other stages' notes stay in bench.json.
    table_end = lines.index(
        "| the battery's 2 fits alone (tables loaded once, no fit cache) | 2.00 | 1.25 | - |"
    )
    assert lines[table_end + 1 : table_end + 3] == ["", f"build + main model: {note}."]
    assert "not shown" not in "\n".join(lines)
    # Without the row (an older record), no note.
    assert "build + main model" not in performance_table(
        document() | {"stage_notes": {"build + main model": note}}
    )

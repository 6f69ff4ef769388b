"""The model stage writes its tables into the live database in one transaction: all or nothing."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from dpeace.model import store
from dpeace.model.battery import run_battery

TABLES = ("model_results", "model_terms", "model_standard_errors", "model_effects")


def _contents(database) -> dict:
    with duckdb.connect(str(database), read_only=True) as con:
        return {table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=str) for table in TABLES}


def test_a_failure_half_way_through_the_writes_leaves_the_earlier_tables_whole(
    synthetic_database, tmp_path, monkeypatch
):
    database = tmp_path / "peace.duckdb"
    shutil.copyfile(synthetic_database, database)
    results = tmp_path / "model_results.json"

    def no_copy(*args, **kwargs):
        raise AssertionError("the database was copied")

    # The tables go into the live file: the database is never copied for them.
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "copyfile", no_copy)
        run_battery(database=database, results_path=results)
    before, written = _contents(database), results.read_bytes()
    assert all(before[table] for table in TABLES)

    insert = store._insert

    def fail_at_the_effects(con, table, rows):
        if table == "model_effects":
            raise RuntimeError("disk full, say")
        insert(con, table, rows)

    monkeypatch.setattr(store, "_insert", fail_at_the_effects)
    with pytest.raises(RuntimeError, match="disk full"):
        run_battery(database=database, results_path=results)
    # The tables were recreated and two filled before the failure: all of it rolled back.
    assert _contents(database) == before
    assert results.read_bytes() == written
    assert sorted(path.name for path in tmp_path.glob("*.duckdb*")) == ["peace.duckdb"]  # no WAL left

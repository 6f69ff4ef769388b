"""The cheap size check on opening a database: a file shorter than its used blocks is
damaged, but one whose free blocks DuckDB cut off its end at a checkpoint is whole (the
model stage's in-place write of results leaves such files)."""

from __future__ import annotations

import duckdb
import pytest

from dpeace.database import DamagedDatabase, connect_readonly


def database_with_free_blocks_cut_off(path) -> tuple[int, int]:
    con = duckdb.connect(str(path))
    # Random doubles do not compress, so each table spans several 256 KiB blocks.
    con.execute("CREATE TABLE kept AS SELECT random() AS x FROM range(300000)")
    con.execute("CHECKPOINT")
    con.execute("CREATE TABLE dropped AS SELECT random() AS x FROM range(300000)")
    con.execute("CHECKPOINT")
    con.execute("DROP TABLE dropped")
    con.execute("CHECKPOINT")
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT total_blocks, used_blocks FROM pragma_database_size()").fetchall()[0]
    finally:
        con.close()


def test_a_file_without_its_trailing_free_blocks_opens(tmp_path):
    path = tmp_path / "peace.duckdb"
    total, used = database_with_free_blocks_cut_off(path)
    assert total > used  # the header still counts the blocks cut off the end
    con = connect_readonly(path)
    try:
        assert con.execute("SELECT count(*) FROM kept").fetchall() == [(300000,)]
    finally:
        con.close()


def test_a_file_cut_inside_its_used_blocks_is_damaged(tmp_path):
    path = tmp_path / "peace.duckdb"
    database_with_free_blocks_cut_off(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDatabase, match="is damaged"):
        connect_readonly(path)

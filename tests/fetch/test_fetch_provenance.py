"""The provenance file: atomic writes, plain errors, and finding a cached file by name."""

from __future__ import annotations

import json

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.provenance import cached_path, known_records, read_provenance, write_provenance

RECORD = {"name": "states", "path": "demo/states.csv", "sha256": "ab", "rows": 3}


def test_missing_file_says_to_run_fetch(data_dir):
    with pytest.raises(FetchError) as failure:
        read_provenance()
    assert str(data_dir / "raw" / "provenance.json") in str(failure.value)
    assert "run `dpeace fetch`" in str(failure.value)


def test_written_records_read_back_with_sorted_keys_and_no_temp_file(data_dir):
    write_provenance({"b": {"z": 1, "a": 2}, "a": RECORD})
    path = data_dir / "raw" / "provenance.json"
    assert read_provenance() == {"a": RECORD, "b": {"z": 1, "a": 2}}
    text = path.read_text()
    assert text.index('"a"') < text.index('"b"') and text.index('"a": 2') < text.index('"z": 1')
    assert [p.name for p in path.parent.iterdir()] == ["provenance.json"]


def test_write_replaces_rather_than_merges(data_dir):
    write_provenance({"a": RECORD})
    write_provenance({"b": RECORD})
    assert list(read_provenance()) == ["b"]


def test_damaged_file_is_a_plain_error(data_dir):
    path = data_dir / "raw" / "provenance.json"
    path.parent.mkdir()
    path.write_text("{not json")
    with pytest.raises(FetchError, match="not valid JSON.*--force"):
        read_provenance()
    path.write_text(json.dumps({"records": {}}))
    with pytest.raises(FetchError, match='no "files" object'):
        read_provenance()


def test_cached_path_finds_the_recorded_file(data_dir):
    write_provenance({"states": RECORD})
    with pytest.raises(FetchError, match="recorded at .*states.csv but the file is missing"):
        cached_path("states")
    target = data_dir / "raw" / "demo" / "states.csv"
    target.parent.mkdir()
    target.write_text("a\n1\n")
    assert cached_path("states") == target
    with pytest.raises(FetchError, match="no record of 'polity': run `dpeace fetch polity`"):
        cached_path("polity")


def test_known_records_before_the_first_fetch_and_after_damage(data_dir):
    assert known_records() == {} and known_records(damaged_ok=True) == {}
    write_provenance({"states": RECORD})
    assert known_records() == {"states": RECORD}
    (data_dir / "raw" / "provenance.json").write_text("{not json")
    # Only `fetch --force`, which rewrites the file, may take a damaged one as empty.
    with pytest.raises(FetchError, match="not valid JSON"):
        known_records()
    assert known_records(damaged_ok=True) == {}

"""Every registry file fetched from the real offline mirror matches the mirror's manifest."""

from __future__ import annotations

import csv

import pytest

from pipeline.fetch.fetcher import fetch
from pipeline.fetch.registry import all_files, load_registry

pytestmark = pytest.mark.mirror


def manifest_by_sha256(mirror_dir) -> dict[str, dict]:
    with open(mirror_dir / "MANIFEST.csv", newline="", encoding="utf-8") as stream:
        return {row["sha256"]: row for row in csv.DictReader(stream)}


def test_all_datasets_fetch_with_the_manifests_rows_and_sums(data_dir, mirror_dir):
    manifest = manifest_by_sha256(mirror_dir)
    records = fetch(mirror=str(mirror_dir))

    assert sorted(records) == sorted(f.name for f in all_files(load_registry()))
    for name, record in records.items():
        entry = manifest.get(record["sha256"])
        assert entry is not None, f"{name}: sha256 {record['sha256']} is not in the mirror's manifest"
        assert record["rows"] == int(entry["rows"]), name
        assert record["bytes"] == int(entry["bytes"]), name
        assert (data_dir / "raw" / record["path"]).stat().st_size == record["bytes"]

    polity = records["polity"]
    assert (polity["format"], polity["rows"], polity["path"]) == ("csv", 17574, "polity5/p5v2018.csv")
    assert polity["url"] == "https://www.systemicpeace.org/inscr/p5v2018.csv"
    assert polity["official_url"] == "https://www.systemicpeace.org/inscr/p5v2018.xls"
    assert records["midb"]["path"] == "cow_mid/MIDB 5.0.csv"
    assert records["contdird"]["path"] == "cow_contiguity/contdird.csv"


def test_second_fetch_is_served_from_the_cache(data_dir, mirror_dir):
    first = fetch(mirror=str(mirror_dir))
    cached = {name: (data_dir / "raw" / r["path"]).stat().st_mtime_ns for name, r in first.items()}
    second = fetch(mirror=str(mirror_dir))
    assert second == first
    assert {name: (data_dir / "raw" / r["path"]).stat().st_mtime_ns for name, r in second.items()} == cached

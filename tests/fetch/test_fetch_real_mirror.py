"""Every registry file fetched from the real offline mirror matches the mirror's manifest."""

from __future__ import annotations

import csv

import pytest

from dpeace.fetch.fetcher import fetch
from dpeace.fetch.registry import all_files, load_registry

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
    # BMR has no direct URL: taken from the mirror's unlisted/ folder, its landing page kept.
    bmr = records["bmr_democracy"]
    assert (bmr["path"], bmr["official_url"]) == (
        "bmr/democracy-v4.0.csv",
        "https://doi.org/10.7910/DVN/FENWWR",
    )
    assert bmr["fetched_from"] == str(mirror_dir / "unlisted/bmr-4.0/democracy-v4.0.csv")
    # Gleditsch-Ward's header-less lists: the registry's column names go to the loader.
    assert records["gw_states"]["columns"] == ["gwcode", "abbreviation", "name", "start", "end"]
    assert (records["gw_states"]["rows"], records["gw_microstates"]["rows"]) == (216, 23)
    # R data files: each read as the registry's object, its rows the manifest's.
    gml = records["gml_dirdisp"]
    assert (gml["format"], gml["object"], gml["path"], gml["rows"]) == (
        "rdata",
        "gml_dirdisp",
        "gml/gml_dirdisp.rda",
        10276,
    )
    assert records["cw_democracy"]["official_url"] == (
        "https://github.com/svmiller/isard/raw/46944ad97a5532cd8e3b33129463c8435a69846a/data/cw_democracy.rda"
    )


def test_second_fetch_is_served_from_the_cache(data_dir, mirror_dir):
    first = fetch(mirror=str(mirror_dir))
    every_file = {path: path.stat().st_mtime_ns for path in data_dir.rglob("*") if path.is_file()}
    provenance = (data_dir / "raw" / "provenance.json").read_bytes()
    second = fetch(mirror=str(mirror_dir))
    assert second == first
    # nothing on disk changes, provenance.json included
    assert {path: path.stat().st_mtime_ns for path in data_dir.rglob("*") if path.is_file()} == every_file
    assert (data_dir / "raw" / "provenance.json").read_bytes() == provenance

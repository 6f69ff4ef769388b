"""R data files (format rdata): an .rda names the object to read, an .rds holds one. Fetch
verifies the data frame's columns and rows as it does a CSV's header and rows, and the
build loads it with R's own types (tests/transform/test_load_raw.py has the values)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from dpeace.bench.r_data_files import write_r_data
from dpeace.errors import FetchError
from dpeace.fetch.fetcher import fetch
from dpeace.fetch.rdata import rdata_shape
from dpeace.stage.load_raw import load_raw_tables

from fetch_fixtures import sha256, snapshot

COLUMNS = ["ccode", "year", "v2x_polyarchy"]
# Three COW state-years; V-Dem scores Aland's 1901 as NA.
TABLE = pd.DataFrame(
    {"ccode": [2, 2, 20], "year": [1900, 1901, 1900], "v2x_polyarchy": [0.25, None, 0.875]},
    columns=COLUMNS,
)


def rdata_bytes(tmp_path, r_object: str | None = "democracy") -> bytes:
    path = tmp_path / ("made.rds" if r_object is None else "made.rda")
    write_r_data(path, TABLE, r_object)
    return path.read_bytes()


def rdata_entry(url: str, data: bytes, **overrides) -> dict:
    entry = {
        "name": "democracy",
        "url": url,
        "sha256": sha256(data),
        "format": "rdata",
        "object": "democracy",
        "columns": COLUMNS,
        "rows": [1, 10],
    }
    entry.update(overrides)
    return entry


def test_the_named_object_gives_the_columns_and_the_row_count(tmp_path):
    path = tmp_path / "d.rda"
    path.write_bytes(rdata_bytes(tmp_path))
    assert rdata_shape(path, "democracy") == (COLUMNS, 3)


def test_an_rda_without_the_named_object_is_refused_naming_what_it_holds(tmp_path):
    path = tmp_path / "d.rda"
    path.write_bytes(rdata_bytes(tmp_path))
    with pytest.raises(FetchError, match=r"no R object named 'polity', only democracy"):
        rdata_shape(path, "polity")


def test_fetched_rda_is_verified_cached_and_loaded_with_r_s_types(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path)
    httpserver.expect_request("/data/democracy.rda").respond_with_data(data)
    registry_path = registry([rdata_entry(httpserver.url_for("/data/democracy.rda"), data)])

    record = fetch(registry_path=registry_path)["democracy"]
    assert (record["format"], record["path"], record["rows"]) == ("rdata", "demo/democracy.rda", 3)
    assert (record["object"], record["sha256"], record["sha256_pinned"]) == ("democracy", sha256(data), True)
    assert (data_dir / "raw" / "demo" / "democracy.rda").read_bytes() == data

    con = duckdb.connect()
    assert load_raw_tables(con) == {"raw_democracy": 3}
    # R's doubles stay doubles (the staging models cast the codes); NA is NULL.
    assert con.execute("select * from raw_democracy order by ccode, year").fetchall() == [
        (2.0, 1900.0, 0.25),
        (2.0, 1901.0, None),
        (20.0, 1900.0, 0.875),
    ]


def test_an_rds_needs_no_object_name(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path, r_object=None)
    httpserver.expect_request("/data/democracy.rds").respond_with_data(data)
    entry = rdata_entry(httpserver.url_for("/data/democracy.rds"), data)
    del entry["object"]
    record = fetch(registry_path=registry([entry]))["democracy"]
    assert (record["path"], record["rows"], record["object"]) == ("demo/democracy.rds", 3, None)
    con = duckdb.connect()
    assert load_raw_tables(con) == {"raw_democracy": 3}
    assert con.execute("select ccode, year from raw_democracy order by all").fetchall() == [
        (2.0, 1900.0),
        (2.0, 1901.0),
        (20.0, 1900.0),
    ]


def test_an_rda_entry_without_an_object_name_is_a_registry_error(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path)
    entry = rdata_entry(httpserver.url_for("/data/democracy.rda"), data)
    del entry["object"]
    with pytest.raises(FetchError, match=r"democracy is an R data file \(.rda\): name the object to read"):
        fetch(registry_path=registry([entry]))


def test_a_truncated_file_is_refused_naming_it_and_nothing_is_cached(
    httpserver, data_dir, registry, tmp_path
):
    data = rdata_bytes(tmp_path)
    truncated = data[: len(data) // 2]
    httpserver.expect_request("/data/democracy.rda").respond_with_data(truncated)
    # Unpinned, so that the reader (not the checksum) is what finds the damage.
    entry = rdata_entry(httpserver.url_for("/data/democracy.rda"), data, sha256="")
    before = snapshot(data_dir)
    with pytest.raises(FetchError) as caught:
        fetch(registry_path=registry([entry]))
    message = str(caught.value)
    assert message.startswith("democracy (Demo Data 1.0): ")
    assert "/data/democracy.rda" in message
    assert "cannot read it as an R data file (.rda/.rds)" in message
    assert "truncated or damaged" in message
    assert not (data_dir / "raw" / "demo" / "democracy.rda").exists()
    assert snapshot(data_dir) - before <= {"raw", "raw/provenance.json"}


def test_a_pinned_truncated_file_fails_its_checksum(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path)
    httpserver.expect_request("/data/democracy.rda").respond_with_data(data[:-10])
    entry = rdata_entry(httpserver.url_for("/data/democracy.rda"), data)
    with pytest.raises(
        FetchError, match=r"democracy \(Demo Data 1.0\): checksum mismatch for .*democracy.rda"
    ):
        fetch(registry_path=registry([entry]))


def test_an_html_page_in_its_place_is_named_as_such(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path)
    page = b"<!DOCTYPE html><html><head><title>Sign in to GitHub</title></head><body></body></html>"
    # Served as binary, as a mirror or a careless server would: the bytes give it away.
    httpserver.expect_request("/data/democracy.rda").respond_with_data(
        page, content_type="application/octet-stream"
    )
    entry = rdata_entry(httpserver.url_for("/data/democracy.rda"), data)
    with pytest.raises(
        FetchError,
        match=r"democracy \(Demo Data 1.0\): .*democracy.rda: expected an R data file \(.rda/.rds\), "
        r"got an HTML page titled 'Sign in to GitHub'",
    ):
        fetch(registry_path=registry([entry]))


def test_columns_and_rows_are_checked_as_for_a_csv(httpserver, data_dir, registry, tmp_path):
    data = rdata_bytes(tmp_path)
    httpserver.expect_request("/data/democracy.rda").respond_with_data(data)
    url = httpserver.url_for("/data/democracy.rda")
    renamed = rdata_entry(url, data, columns=["ccode", "year", "polyarchy"])
    with pytest.raises(
        FetchError, match=r"missing columns \['polyarchy'\] and unexpected columns \['v2x_polyarchy'\]"
    ):
        fetch(registry_path=registry([renamed]))
    too_few = rdata_entry(url, data, rows=[100, 200])
    with pytest.raises(FetchError, match=r"it has 3 data rows, expected between 100 and 200"):
        fetch(registry_path=registry([too_few]))

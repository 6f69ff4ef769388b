"""A header-less tab-separated file (Gleditsch-Ward's iisystem.dat): the registry names its
columns and encoding; verification counts records and checks each has that many fields."""

from __future__ import annotations

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.fetcher import fetch
from dpeace.fetch.verify import tsv_shape

from fetch_fixtures import sha256

COLUMNS = ["gwcode", "abbreviation", "name", "start", "end"]
# Windows-1252, CRLF, no header: b"\xfc" is u-umlaut, b"\x92" a right single quote (not Latin-1).
GW_LIST = (
    b"2\tUSA\tUnited States of America\t01:01:1816\t31:12:2017\r\n"
    b"271\tWRT\tW\xfcrttemberg\t01:01:1816\t17:01:1871\r\n"
    b"437\tCDI\tCote D\x92Ivoire\t07:08:1960\t31:12:2017\r\n"
)


def gw_entry(url: str, **overrides) -> dict:
    entry = {
        "name": "gw_states",
        "url": url,
        "sha256": sha256(GW_LIST),
        "format": "tsv",
        "encoding": "windows-1252",
        "columns": COLUMNS,
        "rows": [1, 10],
    }
    entry.update(overrides)
    return entry


def test_three_records_with_five_fields_each(tmp_path):
    path = tmp_path / "iisystem.dat"
    path.write_bytes(GW_LIST + b"\r\n")  # a trailing blank line is no record
    assert tsv_shape(path, tuple(COLUMNS), "windows-1252") == (COLUMNS, 3)


def test_a_record_with_a_missing_field_is_refused(tmp_path):
    path = tmp_path / "iisystem.dat"
    path.write_bytes(GW_LIST + b"20\tCAN\tCanada\t01:07:1867\r\n")
    with pytest.raises(FetchError, match=r"record 4 has 4 tab-separated fields, expected 5"):
        tsv_shape(path, tuple(COLUMNS), "windows-1252")


def test_a_csv_served_in_its_place_is_refused(tmp_path):
    path = tmp_path / "iisystem.dat"
    path.write_bytes(b"gwcode,abbreviation,name,start,end\n2,USA,United States,01:01:1816,31:12:2017\n")
    with pytest.raises(FetchError, match=r"record 1 has 1 tab-separated fields, expected 5"):
        tsv_shape(path, tuple(COLUMNS), "windows-1252")


def test_bytes_that_are_not_the_declared_encoding_are_refused(tmp_path):
    path = tmp_path / "iisystem.dat"
    path.write_bytes(GW_LIST)
    with pytest.raises(FetchError, match="cannot read it as utf-8 text"):
        tsv_shape(path, tuple(COLUMNS), "utf-8")


def test_fetched_tsv_records_its_columns_and_encoding_for_the_loader(httpserver, data_dir, registry):
    httpserver.expect_request("/data/iisystem.dat").respond_with_data(GW_LIST)
    record = fetch(registry_path=registry([gw_entry(httpserver.url_for("/data/iisystem.dat"))]))["gw_states"]
    assert (record["format"], record["rows"], record["path"]) == ("tsv", 3, "demo/iisystem.dat")
    assert (record["columns"], record["encoding"]) == (COLUMNS, "windows-1252")

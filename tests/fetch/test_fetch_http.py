"""fetch() over real HTTP on loopback: successes, every kind of failure, the cache."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from werkzeug import Response

from dpeace.errors import FetchError
from dpeace.fetch.fetcher import fetch
from dpeace.fetch.http import USER_AGENT

from fetch_fixtures import (
    STATES_CSV,
    STATES_ROWS,
    sha256,
    snapshot,
    states_entry,
    zip_bytes,
)

PATH = "/uploads/states.csv"


def serve(httpserver, path, data: bytes, content_type="text/csv"):
    httpserver.expect_request(path).respond_with_data(data, content_type=content_type)


def test_success_caches_the_file_and_records_its_provenance(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    url = httpserver.url_for(PATH)
    records = fetch(registry_path=registry([states_entry(url)]))

    cached = data_dir / "raw" / "demo" / "states.csv"
    assert cached.read_bytes() == STATES_CSV
    record = records["states"]
    assert {k: v for k, v in record.items() if k != "fetched_at"} == {
        "name": "states",
        "source_id": "demo",
        "title": "Demo Data",
        "publisher": "Test Publisher",
        "version": "1.0",
        "citation": "Test Publisher. Demo Data 1.0.",
        "url": url,
        "official_url": url,
        "fetched_from": url,
        "path": "demo/states.csv",
        "format": "csv",
        "member": None,
        "sha256": sha256(STATES_CSV),
        "bytes": len(STATES_CSV),
        "rows": STATES_ROWS,
        "sha256_pinned": True,
    }
    assert record["fetched_at"].endswith("Z") and len(record["fetched_at"]) == 20
    provenance = json.loads((data_dir / "raw" / "provenance.json").read_text())
    assert provenance == {"files": {"states": record}}
    ((request, _),) = httpserver.log
    assert request.headers["User-Agent"] == USER_AGENT
    assert snapshot(data_dir) == {"raw", "raw/demo", "raw/demo/states.csv", "raw/provenance.json"}


def test_not_found_names_the_dataset_and_url_and_caches_nothing(httpserver, data_dir, registry):
    httpserver.expect_request("/uploads/gone.csv").respond_with_data("Not Found", status=404)
    url = httpserver.url_for("/uploads/gone.csv")
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([states_entry(url)]))
    message = str(failure.value)
    assert "states (Demo Data 1.0)" in message
    assert url in message and "404" in message
    assert snapshot(data_dir) == set()


def test_server_error_is_retried_until_it_succeeds(httpserver, data_dir, registry):
    answers = iter([Response("busy", status=500), Response(STATES_CSV, content_type="text/csv")])
    httpserver.expect_request(PATH).respond_with_handler(lambda request: next(answers))
    records = fetch(registry_path=registry([states_entry(httpserver.url_for(PATH))]))
    assert records["states"]["rows"] == STATES_ROWS
    assert len(httpserver.log) == 2


def test_server_error_that_persists_fails_after_every_retry(httpserver, data_dir, registry):
    httpserver.expect_request(PATH).respond_with_data("down", status=503)
    with pytest.raises(FetchError, match=r"HTTP 503 .*after 3 attempts"):
        fetch(registry_path=registry([states_entry(httpserver.url_for(PATH))]))
    assert len(httpserver.log) == 3
    assert snapshot(data_dir) == set()


def test_html_page_is_refused_with_its_title(httpserver, data_dir, registry):
    page = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"
    serve(httpserver, PATH, page, content_type="text/html; charset=utf-8")
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([states_entry(httpserver.url_for(PATH))]))
    message = str(failure.value)
    assert "HTML page titled 'Just a moment...'" in message
    assert httpserver.url_for(PATH) in message and "states" in message
    assert snapshot(data_dir) == set()


def test_html_page_sent_as_csv_is_refused_too(httpserver, data_dir, registry):
    page = b"\n  <html><head><title>Access denied</title></head><body>bot</body></html>"
    serve(httpserver, PATH, page, content_type="text/csv")
    with pytest.raises(FetchError, match=r"expected a CSV file, got an HTML page titled 'Access denied'"):
        fetch(registry_path=registry([states_entry(httpserver.url_for(PATH))]))
    assert snapshot(data_dir) == set()


def test_checksum_mismatch_gives_both_sums_and_how_to_accept_a_release(httpserver, data_dir, registry):
    changed = STATES_CSV + b"230,SPN,1816\n"
    serve(httpserver, PATH, changed)
    url = httpserver.url_for(PATH)
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([states_entry(url)]))
    message = str(failure.value)
    assert sha256(STATES_CSV) in message and sha256(changed) in message
    assert url in message
    assert "pipeline/fetch/sources.toml" in message and "--force" in message
    assert snapshot(data_dir) == set()


def test_missing_column_is_named(httpserver, data_dir, registry):
    renamed = STATES_CSV.replace(b"stateabb", b"abbrev", 1)
    serve(httpserver, PATH, renamed)
    entry = states_entry(httpserver.url_for(PATH), sha256=sha256(renamed))
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([entry]))
    assert "missing columns ['stateabb']" in str(failure.value)
    assert "unexpected columns ['abbrev']" in str(failure.value)
    assert snapshot(data_dir) == set()


def test_implausible_row_count_is_refused(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    entry = states_entry(httpserver.url_for(PATH), rows=[100, 200])
    with pytest.raises(FetchError, match=r"it has 3 data rows, expected between 100 and 200"):
        fetch(registry_path=registry([entry]))
    assert snapshot(data_dir) == set()


MIDS_ZIP = zip_bytes({"MIDA.csv": STATES_CSV, "docs/MIDB.csv": STATES_CSV + b"365,RUS,1816\n"})


def zip_entries(url):
    return [
        states_entry(url, name="mida", member="MIDA.csv"),
        states_entry(url, name="midb", member="docs/MIDB.csv", sha256=sha256(STATES_CSV + b"365,RUS,1816\n")),
    ]


def test_zip_members_come_from_one_download(httpserver, data_dir, registry):
    serve(httpserver, "/mid.zip", MIDS_ZIP, content_type="application/zip")
    url = httpserver.url_for("/mid.zip")
    records = fetch(registry_path=registry(zip_entries(url)))
    assert len(httpserver.log) == 1
    assert (data_dir / "raw/demo/MIDA.csv").read_bytes() == STATES_CSV
    assert records["midb"]["path"] == "demo/MIDB.csv"
    assert records["midb"]["member"] == "docs/MIDB.csv"
    assert (records["mida"]["rows"], records["midb"]["rows"]) == (3, 4)
    assert "mid.zip" not in " ".join(snapshot(data_dir))


def test_truncated_zip_is_refused(httpserver, data_dir, registry):
    serve(httpserver, "/mid.zip", MIDS_ZIP[: len(MIDS_ZIP) // 2], content_type="application/zip")
    with pytest.raises(FetchError, match=r"expected a zip archive, got a truncated or corrupt one"):
        fetch(registry_path=registry(zip_entries(httpserver.url_for("/mid.zip"))))
    assert snapshot(data_dir) == set()


def test_missing_zip_member_lists_what_the_zip_holds(httpserver, data_dir, registry):
    serve(httpserver, "/mid.zip", MIDS_ZIP, content_type="application/zip")
    entry = states_entry(httpserver.url_for("/mid.zip"), name="midi", member="MIDI.csv")
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([entry]))
    assert "no member 'MIDI.csv'; it holds ['MIDA.csv', 'docs/MIDB.csv']" in str(failure.value)
    assert snapshot(data_dir) == set()


def test_a_server_that_never_answers_times_out(httpserver, data_dir, registry):
    release = threading.Event()
    httpserver.expect_request(PATH).respond_with_handler(
        lambda request: release.wait(5) and Response(STATES_CSV)
    )
    started = time.monotonic()
    try:
        # A timeout is retried once (http.READ_RETRIES), not RETRIES times: silence is not busyness.
        with pytest.raises(FetchError, match=r"did not answer within 0.3 s \(2 attempts\)"):
            fetch(registry_path=registry([states_entry(httpserver.url_for(PATH))]))
    finally:
        release.set()
    assert time.monotonic() - started < 3
    assert snapshot(data_dir) == set()


def test_cached_file_makes_no_request(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    registry_path = registry([states_entry(httpserver.url_for(PATH))])
    first = fetch(registry_path=registry_path)
    before = _every_file(data_dir)
    assert data_dir / "raw/demo/states.csv" in before and data_dir / "raw/provenance.json" in before
    httpserver.clear_log()

    second = fetch(registry_path=registry_path)
    assert httpserver.log == []
    assert second == first  # the earlier record, fetched_at included
    # a cache hit changes nothing on disk: every file's bytes and mtime, provenance.json's too
    assert _every_file(data_dir) == before


def _every_file(folder):
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.rglob("*") if path.is_file()
    }


def test_cache_hit_takes_the_registrys_current_description(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    registry_path = registry([states_entry(httpserver.url_for(PATH))])
    first = fetch(registry_path=registry_path)
    # A corrected citation in the registry reaches the provenance without a new download.
    registry_path.write_text(
        registry_path.read_text().replace("Test Publisher. Demo Data 1.0.", "Corrected citation.")
    )
    httpserver.clear_log()

    second = fetch(registry_path=registry_path)
    assert httpserver.log == []
    assert second["states"]["citation"] == "Corrected citation."
    assert second["states"]["fetched_at"] == first["states"]["fetched_at"]


def test_force_fetches_a_cached_file_again(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    registry_path = registry([states_entry(httpserver.url_for(PATH))])
    fetch(registry_path=registry_path)
    fetch(registry_path=registry_path, force=True)
    assert len(httpserver.log) == 2


def test_cached_file_altered_since_is_fetched_again(httpserver, data_dir, registry):
    serve(httpserver, PATH, STATES_CSV)
    registry_path = registry([states_entry(httpserver.url_for(PATH))])
    fetch(registry_path=registry_path)
    cached = data_dir / "raw/demo/states.csv"
    cached.write_bytes(STATES_CSV + b"999,XXX,2000\n")
    fetch(registry_path=registry_path)
    assert len(httpserver.log) == 2
    assert cached.read_bytes() == STATES_CSV


def _closed_port_url(path: str) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


def test_no_network_says_where_to_put_a_hand_downloaded_file(data_dir, registry):
    url = _closed_port_url(PATH)
    registry_path = registry([states_entry(url)])
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry_path)
    message = str(failure.value)
    target = (data_dir / "raw/demo/states.csv").resolve()
    assert "states (Demo Data 1.0)" in message and url in message
    assert f"download {url} and put it at {target}" in message
    assert "DPEACE_MIRROR" in message
    assert snapshot(data_dir) == set()

    # Following the advice: the hand-placed file is accepted without any download.
    target.parent.mkdir(parents=True)
    target.write_bytes(STATES_CSV)
    record = fetch(registry_path=registry_path)["states"]
    assert record["fetched_from"] == "hand-placed"
    assert (record["rows"], record["sha256"]) == (STATES_ROWS, sha256(STATES_CSV))


def test_no_network_for_a_zip_member_says_to_take_the_member(data_dir, registry):
    url = _closed_port_url("/mid.zip")
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry(zip_entries(url)))
    target = (data_dir / "raw/demo/MIDA.csv").resolve()
    assert f"download {url}, take its member 'MIDA.csv' and put it at {target}" in str(failure.value)


def test_unknown_dataset_lists_the_known_ones(data_dir, registry):
    registry_path = registry([states_entry("http://127.0.0.1:9/x.csv")])
    with pytest.raises(
        FetchError, match=r"unknown dataset nope: give a source id \(demo\) or a file name \(states\)"
    ):
        fetch(["nope"], registry_path=registry_path)


def test_names_select_files_by_source_or_file_name(httpserver, data_dir, registry):
    serve(httpserver, "/mid.zip", MIDS_ZIP, content_type="application/zip")
    registry_path = registry(zip_entries(httpserver.url_for("/mid.zip")))
    assert list(fetch(["midb"], registry_path=registry_path)) == ["midb"]
    assert list(fetch(["demo"], registry_path=registry_path)) == ["mida", "midb"]

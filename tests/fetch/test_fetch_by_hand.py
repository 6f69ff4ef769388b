"""A file with no direct download URL (BMR democracy 4.0 on Harvard Dataverse).

The registry records the publisher's landing page as its `url`, the file's name and its
place in a mirror. With a mirror the file is read from there; without one, and with no
copy in the cache, the fetch fails telling the user what to download and where to put it;
a copy put there by hand is verified against the pinned sha256 like any other file.
"""

from __future__ import annotations

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.fetcher import fetch

from fetch_fixtures import STATES_CSV, sha256, snapshot, states_entry

LANDING = "https://doi.org/10.9999/DEMO"


def by_hand_entry(**overrides) -> dict:
    return states_entry(
        LANDING,
        by_hand=True,
        filename="states-v1.csv",
        mirror_path="unlisted/demo-1/states-v1.csv",
        **overrides,
    )


def test_without_a_mirror_the_user_is_told_what_to_download_and_where_to_put_it(data_dir, registry):
    before = snapshot(data_dir)
    target = (data_dir / "raw/demo/states-v1.csv").resolve()
    with pytest.raises(FetchError) as raised:
        fetch(registry_path=registry([by_hand_entry()]))
    message = str(raised.value)
    assert message.startswith("states (Demo Data 1.0): https://doi.org/10.9999/DEMO is a landing page")
    assert f"Download states-v1.csv by hand from its landing page {LANDING} and put it at {target}" in message
    assert "unlisted/demo-1/states-v1.csv" in message  # where a mirror must hold it
    assert snapshot(data_dir) - before <= {"raw"}  # nothing fetched, nothing half-written


@pytest.mark.parametrize("as_url", [False, True])
def test_a_mirror_serves_it_from_its_mirror_path(data_dir, registry, tmp_path, as_url):
    folder = tmp_path / "mirror"
    (folder / "unlisted/demo-1").mkdir(parents=True)
    (folder / "unlisted/demo-1/states-v1.csv").write_bytes(STATES_CSV)
    mirror = folder.as_uri() if as_url else str(folder)
    record = fetch(mirror=mirror, registry_path=registry([by_hand_entry()]))["states"]
    assert record["fetched_from"] == str(folder / "unlisted/demo-1/states-v1.csv")
    assert (record["path"], record["rows"], record["official_url"]) == ("demo/states-v1.csv", 3, LANDING)
    assert (data_dir / "raw/demo/states-v1.csv").read_bytes() == STATES_CSV


def test_an_http_mirror_serves_it_from_its_mirror_path(httpserver, data_dir, registry):
    httpserver.expect_request("/base/unlisted/demo-1/states-v1.csv").respond_with_data(STATES_CSV)
    mirror = httpserver.url_for("/base")
    record = fetch(mirror=mirror, registry_path=registry([by_hand_entry()]))["states"]
    assert record["fetched_from"] == f"{mirror}/unlisted/demo-1/states-v1.csv"


def test_a_mirror_without_it_says_where_it_looked_and_what_to_do(data_dir, registry, tmp_path):
    (tmp_path / "mirror").mkdir()
    with pytest.raises(
        FetchError,
        match=r"the mirror has no file at .*unlisted/demo-1/states-v1.csv.*Download states-v1.csv by hand",
    ):
        fetch(mirror=str(tmp_path / "mirror"), registry_path=registry([by_hand_entry()]))


def test_a_hand_placed_copy_with_the_pinned_sum_is_taken(data_dir, registry):
    placed = data_dir / "raw/demo/states-v1.csv"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(STATES_CSV)
    record = fetch(registry_path=registry([by_hand_entry()]))["states"]
    assert (record["fetched_from"], record["sha256"], record["sha256_pinned"]) == (
        "hand-placed",
        sha256(STATES_CSV),
        True,
    )


def test_a_hand_placed_copy_with_another_sum_is_refused_with_both_sums(data_dir, registry):
    placed = data_dir / "raw/demo/states-v1.csv"
    placed.parent.mkdir(parents=True)
    altered = STATES_CSV.replace(b"\n", b"\r\n")  # re-saved with CRLF: same rows, other bytes
    placed.write_bytes(altered)
    with pytest.raises(FetchError) as raised:
        fetch(registry_path=registry([by_hand_entry()]))
    message = str(raised.value)
    assert f"has sha256 {sha256(altered)}, not the registry's {sha256(STATES_CSV)}" in message
    assert "Download states-v1.csv by hand" in message


def test_a_hand_placed_copy_with_the_pinned_sum_but_the_wrong_header_is_refused(data_dir, registry):
    placed = data_dir / "raw/demo/states-v1.csv"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(STATES_CSV)
    entry = by_hand_entry(columns=["ccode", "stateabb", "yr"])
    with pytest.raises(FetchError, match=r"the file at .*states-v1.csv: the header does not match"):
        fetch(registry_path=registry([entry]))


def test_a_by_hand_entry_needs_its_file_name_and_mirror_path(data_dir, registry):
    entry = states_entry(LANDING, by_hand=True, filename="states-v1.csv")
    with pytest.raises(FetchError, match="states is fetched by hand, so it needs filename and mirror_path"):
        fetch(registry_path=registry([entry]))

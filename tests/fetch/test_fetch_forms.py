"""A file published in more than one form (Polity: .xls, else .csv) and mirrors."""

from __future__ import annotations

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.fetcher import fetch

from fetch_fixtures import STATES_CSV, sha256, snapshot, states_entry


def xls_bytes(tmp_path) -> bytes:
    """STATES_CSV's content as an Excel 97 workbook (.xls), the form Polity5 is published in."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt (a test-only dependency) writes the .xls fixture")
    book = xlwt.Workbook()
    sheet = book.add_sheet("p5v2018")
    rows = [line.split(",") for line in STATES_CSV.decode().splitlines()]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            sheet.write(i, j, value if i == 0 or not value.isdigit() else int(value))
    path = tmp_path / "made.xls"
    book.save(str(path))
    return path.read_bytes()


def polity_entry(base: str) -> dict:
    return states_entry(
        f"{base}/inscr/p5.xls",
        name="polity",
        sha256="",
        format="xls",
        alternatives=[{"url": f"{base}/inscr/p5.csv", "format": "csv", "sha256": sha256(STATES_CSV)}],
    )


def test_official_xls_is_read_and_its_unpinned_sum_recorded(httpserver, data_dir, registry, tmp_path):
    workbook = xls_bytes(tmp_path)
    # The pinned .csv is tried first; only when it is not to be had is the unpinned .xls taken.
    httpserver.expect_request("/inscr/p5.csv").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(
        workbook, content_type="application/vnd.ms-excel"
    )
    registry_path = registry([polity_entry(httpserver.url_for("").rstrip("/"))])

    record = fetch(registry_path=registry_path)["polity"]
    assert (record["format"], record["path"], record["rows"]) == ("xls", "demo/p5.xls", 3)
    assert record["sha256"] == sha256(workbook)
    assert record["sha256_pinned"] is False

    httpserver.clear_log()
    assert fetch(registry_path=registry_path)["polity"] == record  # trusted by its recorded sum
    assert httpserver.log == []


def test_cached_unpinned_file_that_was_altered_is_fetched_again(httpserver, data_dir, registry, tmp_path):
    workbook = xls_bytes(tmp_path)
    httpserver.expect_request("/inscr/p5.csv").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(workbook)
    registry_path = registry([polity_entry(httpserver.url_for("").rstrip("/"))])
    fetch(registry_path=registry_path)
    cached = data_dir / "raw/demo/p5.xls"
    cached.write_bytes(workbook + b"\0")
    fetch(registry_path=registry_path)
    # Each fetch asked for the .csv (404), then the .xls.
    assert [request.path for request, _ in httpserver.log] == ["/inscr/p5.csv", "/inscr/p5.xls"] * 2
    assert cached.read_bytes() == workbook


def test_hand_placed_unpinned_file_is_taken_after_its_header_and_rows_pass(data_dir, registry, tmp_path):
    workbook = xls_bytes(tmp_path)
    cached = data_dir / "raw/demo/p5.xls"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(workbook)
    # The URL's port is closed: taking the file must not need the network.
    record = fetch(registry_path=registry([polity_entry("http://127.0.0.1:9")]))["polity"]
    assert (record["fetched_from"], record["sha256"], record["sha256_pinned"]) == (
        "hand-placed",
        sha256(workbook),
        False,
    )


def test_a_file_that_is_not_a_workbook_is_refused(httpserver, data_dir, registry):
    httpserver.expect_request("/inscr/p5.csv").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(
        STATES_CSV, content_type="application/vnd.ms-excel"
    )
    with pytest.raises(FetchError, match=r"polity .*p5.xls: cannot read it as an Excel workbook"):
        fetch(registry_path=registry([polity_entry(httpserver.url_for("").rstrip("/"))]))
    assert snapshot(data_dir) == set()


def test_the_pinned_csv_is_taken_before_the_unpinned_xls(httpserver, data_dir, registry, tmp_path):
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(xls_bytes(tmp_path))
    httpserver.expect_request("/inscr/p5.csv").respond_with_data(STATES_CSV, content_type="text/csv")
    base = httpserver.url_for("").rstrip("/")
    record = fetch(registry_path=registry([polity_entry(base)]))["polity"]
    assert (record["format"], record["url"], record["path"]) == ("csv", f"{base}/inscr/p5.csv", "demo/p5.csv")
    assert record["official_url"] == f"{base}/inscr/p5.xls"
    assert record["sha256_pinned"] is True
    # The unpinned official form was not even asked for.
    assert [request.path for request, _ in httpserver.log] == ["/inscr/p5.csv"]


def test_no_form_found_lists_every_url_tried(httpserver, data_dir, registry):
    for path in ("/inscr/p5.xls", "/inscr/p5.csv"):
        httpserver.expect_request(path).respond_with_data("Not Found", status=404)
    base = httpserver.url_for("").rstrip("/")
    with pytest.raises(FetchError) as failure:
        fetch(registry_path=registry([polity_entry(base)]))
    message = str(failure.value)
    assert "not found at any of its URLs" in message
    assert f"{base}/inscr/p5.csv answered HTTP 404" in message
    assert f"{base}/inscr/p5.xls answered HTTP 404" in message
    assert snapshot(data_dir) == set()


def test_an_unpinned_form_never_replaces_a_verified_pinned_copy(httpserver, data_dir, registry, tmp_path):
    # Issue 15, case 2: the pinned .csv is cached; later only a (tampered) .xls of the
    # right shape is to be had. Even a forced fetch keeps the .csv and its record.
    httpserver.expect_oneshot_request("/inscr/p5.csv").respond_with_data(STATES_CSV, content_type="text/csv")
    registry_path = registry([polity_entry(httpserver.url_for("").rstrip("/"))])
    first = fetch(registry_path=registry_path)["polity"]
    cached = snapshot(data_dir)
    csv_bytes = (data_dir / "raw/demo/p5.csv").read_bytes()

    httpserver.expect_request("/inscr/p5.csv").respond_with_data("Not Found", status=404)
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(xls_bytes(tmp_path))
    record = fetch(registry_path=registry_path, force=True)["polity"]

    assert record == first
    assert snapshot(data_dir) == cached
    assert (data_dir / "raw/demo/p5.csv").read_bytes() == csv_bytes
    assert "/inscr/p5.xls" not in [request.path for request, _ in httpserver.log]


def test_the_user_may_ask_for_the_unpinned_official_form(httpserver, data_dir, registry, tmp_path):
    httpserver.expect_oneshot_request("/inscr/p5.csv").respond_with_data(STATES_CSV, content_type="text/csv")
    registry_path = registry([polity_entry(httpserver.url_for("").rstrip("/"))])
    fetch(registry_path=registry_path)
    httpserver.expect_request("/inscr/p5.xls").respond_with_data(xls_bytes(tmp_path))

    record = fetch(registry_path=registry_path, force=True, take_unpinned=True)["polity"]

    assert (record["format"], record["sha256_pinned"]) == ("xls", False)
    # Asked for: the .xls replaces the .csv, and the old file goes with its record.
    assert sorted(p.name for p in (data_dir / "raw/demo").iterdir()) == ["p5.xls"]


def _mirror_folder(tmp_path):
    folder = tmp_path / "mirror"
    (folder / "example.org/uploads").mkdir(parents=True)
    (folder / "example.org/uploads/states.csv").write_bytes(STATES_CSV)
    return folder


OFFICIAL = "https://example.org/uploads/states.csv"


@pytest.mark.parametrize("as_url", [False, True], ids=["folder", "file-url"])
def test_local_mirror_is_read_at_the_official_host_and_path(data_dir, registry, tmp_path, as_url):
    folder = _mirror_folder(tmp_path)
    mirror = folder.as_uri() if as_url else str(folder)
    record = fetch(mirror=mirror, registry_path=registry([states_entry(OFFICIAL)]))["states"]
    assert record["fetched_from"] == str(folder / "example.org/uploads/states.csv")
    assert record["url"] == OFFICIAL
    assert (data_dir / "raw/demo/states.csv").read_bytes() == STATES_CSV


def test_mirror_from_the_environment(data_dir, registry, tmp_path, monkeypatch):
    folder = _mirror_folder(tmp_path)
    monkeypatch.setenv("DPEACE_MIRROR", folder.as_uri())
    record = fetch(registry_path=registry([states_entry(OFFICIAL)]))["states"]
    assert record["fetched_from"] == str(folder / "example.org/uploads/states.csv")


def test_http_mirror_keeps_the_official_host_and_path(httpserver, data_dir, registry):
    httpserver.expect_request("/base/example.org/uploads/states.csv").respond_with_data(STATES_CSV)
    mirror = httpserver.url_for("/base")
    record = fetch(mirror=mirror, registry_path=registry([states_entry(OFFICIAL)]))["states"]
    assert record["fetched_from"] == f"{mirror}/example.org/uploads/states.csv"


def test_folder_mirror_without_the_xls_falls_back_to_the_csv(data_dir, registry, tmp_path):
    folder = tmp_path / "mirror"
    (folder / "example.org/inscr").mkdir(parents=True)
    (folder / "example.org/inscr/p5.csv").write_bytes(STATES_CSV)
    record = fetch(mirror=str(folder), registry_path=registry([polity_entry("https://example.org")]))[
        "polity"
    ]
    assert (record["format"], record["rows"]) == ("csv", 3)


def test_mirror_that_is_not_a_folder_is_refused(data_dir, registry, tmp_path):
    with pytest.raises(FetchError, match=r"the mirror .*nowhere is not a folder"):
        fetch(mirror=str(tmp_path / "nowhere"), registry_path=registry([states_entry(OFFICIAL)]))
    assert snapshot(data_dir) == set()

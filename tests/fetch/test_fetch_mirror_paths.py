"""Where a mirror keeps a file: the official URL's host and path under the mirror's root."""

from __future__ import annotations

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.mirror import locate

URL = "https://correlatesofwar.org/wp-content/uploads/x.csv"


def test_without_a_mirror_the_official_url_is_used():
    assert locate(URL, None) == URL


def test_folder_mirror(tmp_path):
    assert locate(URL, str(tmp_path)) == str(tmp_path / "correlatesofwar.org/wp-content/uploads/x.csv")


def test_file_url_mirror_and_escaped_names(tmp_path):
    url = "https://correlatesofwar.org/wp-content/uploads/MIDB%205.0.csv"
    expected = tmp_path / "correlatesofwar.org/wp-content/uploads/MIDB 5.0.csv"
    assert locate(url, tmp_path.as_uri() + "/") == str(expected)


def test_http_mirror_keeps_its_base_path():
    assert locate(URL, "http://127.0.0.1:8000/base/") == (
        "http://127.0.0.1:8000/base/correlatesofwar.org/wp-content/uploads/x.csv"
    )


def test_missing_mirror_folder_is_an_error(tmp_path):
    with pytest.raises(FetchError, match="is not a folder"):
        locate(URL, str(tmp_path / "absent"))

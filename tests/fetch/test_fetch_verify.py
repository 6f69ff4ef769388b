"""Reading a CSV's header and rows whatever its line endings, and the checks on them."""

from __future__ import annotations

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.verify import check_columns, check_rows, csv_shape, html_title, looks_like_html


@pytest.mark.parametrize(
    "content",
    [
        b"a,b\n1,2\n3,4\n",  # LF with a final newline
        b"a,b\n1,2\n3,4",  # LF without one (the COW state files)
        b"a,b\r\n1,2\r\n3,4\r\n",  # CRLF (MID 5.0)
        b"a,b\r1,2\r3,4\r",  # CR only (Inter-State War Data 4.0)
        b"\xef\xbb\xbfa,b\n1,2\n3,4\n",  # UTF-8 byte order mark
        b"a,b\n1,2\n3,4\n\n\n",  # trailing empty lines are not rows
        b"a , b\n1,2\n,\n3,4\n",  # padded names; a row of empty fields is not a row
    ],
    ids=["lf", "no-final-newline", "crlf", "cr-only", "bom", "trailing-blank", "padded"],
)
def test_csv_shape_reads_two_columns_and_two_rows(tmp_path, content):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert csv_shape(path) == (["a", "b"], 2)


def test_quoted_line_break_stays_inside_its_row(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'name,n\r"War of\rthe Pacific",1\r"Boxer",2\r')
    assert csv_shape(path) == (["name", "n"], 2)


def test_empty_file_has_no_header_and_no_rows(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    assert csv_shape(path) == ([], 0)


def test_columns_in_another_order_are_refused():
    with pytest.raises(FetchError, match=r"in another order: \['b', 'a'\]"):
        check_columns(["b", "a"], ("a", "b"))


def test_missing_column_without_a_replacement():
    with pytest.raises(FetchError, match=r"missing columns \['c'\]$"):
        check_columns(["a", "b"], ("a", "b", "c"))


def test_matching_columns_pass():
    check_columns(["a", "b"], ("a", "b"))


def test_row_range_is_inclusive():
    check_rows(10, (10, 20))
    check_rows(20, (10, 20))
    with pytest.raises(FetchError, match="21 data rows"):
        check_rows(21, (10, 20))


def test_html_is_recognised_and_its_title_read():
    page = b"\xef\xbb\xbf  <!doctype HTML>\n<html><head><TITLE>\n  Attention   Required\n</TITLE>"
    assert looks_like_html(page)
    assert html_title(page) == "Attention Required"
    assert not looks_like_html(b"html,title\n1,2\n")
    assert html_title(b"<html><body>no title</body></html>") == ""

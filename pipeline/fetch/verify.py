"""Checking that a downloaded file is the data the registry describes.

Each check raises FetchError whose message says what was expected and what came; the
fetcher prefixes the dataset's name.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

from python_calamine import CalamineWorkbook

from dpeace.errors import FetchError
from dpeace.fetch.rdata import rdata_shape

_HTML_STARTS = (b"<!doctype html", b"<html")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def looks_like_html(head: bytes) -> bool:
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(_HTML_STARTS)


def html_title(page: bytes) -> str:
    """The page's <title>, whitespace collapsed, or "" when it has none."""
    match = _TITLE.search(page)
    if not match:
        return ""
    return " ".join(match.group(1).decode("utf-8", errors="replace").split())[:120]


def check_not_html(path: Path, expected: str) -> None:
    with open(path, "rb") as stream:
        head = stream.read(1 << 16)
    if looks_like_html(head):
        title = html_title(head)
        titled = f" titled {title!r}" if title else ""
        raise FetchError(
            f"expected {expected}, got an HTML page{titled}; publishers' sites answer "
            "automated downloads this way when they block them"
        )


def checksum(path: Path, expected_sha256: str) -> str:
    """The file's sha256, after checking it against the pinned one when there is one."""
    actual = sha256_of(path)
    if expected_sha256 and actual != expected_sha256:
        raise ChecksumMismatch(expected_sha256, actual)
    return actual


class ChecksumMismatch(FetchError):
    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"checksum mismatch: expected sha256 {expected}, got {actual}")
        self.expected = expected
        self.actual = actual


def csv_shape(path: Path) -> tuple[list[str], int]:
    """The header and the number of data rows of a CSV.

    Python's csv reader splits records on CRLF, LF and CR alike (old Mac files such as
    COW's Inter-State War data end lines with CR only) and keeps quoted line breaks
    inside their field; blank lines, such as a trailing one, are not rows.
    """
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as stream:
        reader = csv.reader(stream)
        try:
            header = next(reader)
        except StopIteration:
            return [], 0
        except csv.Error as error:
            raise FetchError(f"cannot read the CSV header: {error}") from None
        try:
            rows = sum(1 for row in reader if any(field.strip() for field in row))
        except csv.Error as error:
            raise FetchError(f"cannot read the CSV at record {reader.line_num}: {error}") from None
    return [name.strip() for name in header], rows


def xls_shape(path: Path) -> tuple[list[str], int]:
    """The header and the number of data rows of the first sheet of an Excel file."""
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except Exception as error:  # calamine raises its own types for every kind of bad file
        raise FetchError(f"cannot read it as an Excel workbook: {error}") from None
    if not sheet:
        raise FetchError("the Excel workbook's first sheet is empty")
    header, *records = sheet
    rows = sum(1 for record in records if any(str(cell).strip() for cell in record))
    return [str(name).strip() for name in header], rows


def read_tsv(path: Path, encoding: str) -> list[list[str]]:
    """The records of a header-less tab-separated file (Gleditsch-Ward's .dat lists).

    Lines end in CRLF or LF; blank lines, such as a trailing one, are not records. Fields
    are not quoted: a tab always separates.
    """
    try:
        text = path.read_bytes().decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise FetchError(f"cannot read it as {encoding} text: {error}") from None
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def tsv_shape(path: Path, columns: tuple[str, ...], encoding: str) -> tuple[list[str], int]:
    """The declared columns, when every record has that many fields, and the record count.

    A header-less file cannot show its column names, so the check is on their number.
    """
    records = read_tsv(path, encoding)
    for number, record in enumerate(records, start=1):
        if len(record) != len(columns):
            raise FetchError(
                f"record {number} has {len(record)} tab-separated fields, expected {len(columns)} "
                f"({', '.join(columns)}): not the header-less TSV the registry describes"
            )
    return list(columns), len(records)


def file_shape(
    path: Path,
    file_format: str,
    columns: tuple[str, ...] = (),
    encoding: str = "utf-8",
    r_object: str | None = None,
) -> tuple[list[str], int]:
    if file_format == "csv":
        return csv_shape(path)
    if file_format == "xls":
        return xls_shape(path)
    if file_format == "tsv":
        return tsv_shape(path, columns, encoding)
    if file_format == "rdata":
        return rdata_shape(path, r_object)
    raise FetchError(f"unknown file format {file_format!r} (expected csv, tsv, xls or rdata)")


def check_columns(header: list[str], expected: tuple[str, ...]) -> None:
    if list(header) == list(expected):
        return
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    if missing or unexpected:
        detail = f"missing columns {missing}"
        if unexpected:
            detail += f" and unexpected columns {unexpected} (a renamed column shows as one of each)"
    else:
        detail = f"the columns are in another order: {header}"
    raise FetchError(f"the header does not match the registry: {detail}")


def check_rows(rows: int, plausible: tuple[int, int]) -> None:
    low, high = plausible
    if not low <= rows <= high:
        raise FetchError(
            f"it has {rows} data rows, expected between {low} and {high} "
            "(a truncated file, or another release?)"
        )

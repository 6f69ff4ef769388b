"""Case 2 of issue 15 (an unpinned form must not replace a pinned one) and the fetch
frictions of case 6 (every failure named in one run; notes worded as notes)."""

from __future__ import annotations

import csv
import logging
import shutil

import pytest

from dpeace.fetch.registry import all_files, load_registry
from tests.reliability.conftest import sums

POLITY_XLS = "www.systemicpeace.org/inscr/p5v2018.xls"


@pytest.fixture()
def real_cache(real_data_dir, data_dir):
    """A copy of the real fetched cache (from the mirror) in the test's own data folder."""
    shutil.copytree(real_data_dir / "raw", data_dir / "raw")
    return data_dir


def tampered_polity_xls(cached_csv, target) -> None:
    """The cached Polity CSV as an .xls of the right shape, with one polity2 value changed."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt (a test-only dependency) writes the .xls")
    with open(cached_csv, newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    polity2 = rows[0].index("polity2")
    rows[1][polity2] = "10" if rows[1][polity2] != "10" else "-10"
    book = xlwt.Workbook()
    sheet = book.add_sheet("p5v2018")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            sheet.write(i, j, value)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(target))


def test_a_tampered_unpinned_xls_never_replaces_the_verified_csv(real_cache, tmp_path, dpeace, caplog):
    caplog.set_level(logging.INFO)
    data = real_cache
    mirror = tmp_path / "mirror"
    # The mirror holds only the tampered official .xls: the pinned .csv is not to be had.
    tampered_polity_xls(data / "raw" / "polity5" / "p5v2018.csv", mirror / POLITY_XLS)
    before = sums(data)

    code, out, err = dpeace("fetch", "polity", "--force", "--mirror", str(mirror))

    assert code == 0
    assert "the verified copy at" in caplog.text and "is kept" in caplog.text
    assert "never replaces a pinned one" in caplog.text
    # The verified .csv is still there, byte for byte, and so is its record.
    assert sums(data) == before
    assert "p5v2018.xls" not in " ".join(before)


def test_a_mirror_without_the_xls_is_a_note_not_an_error(real_cache, tmp_path, mirror_dir, dpeace):
    # The real mirror has the pinned .csv and no .xls: the .csv is taken first, nothing to note.
    code, out, err = dpeace("fetch", "polity", "--force", "--mirror", str(mirror_dir))
    assert code == 0
    assert "error" not in err.lower()
    assert "p5v2018.xls" not in err


def test_the_unpinned_form_is_noted_when_it_is_the_last_resort(data_dir, tmp_path, dpeace, caplog):
    caplog.set_level(logging.INFO)
    # An empty mirror: each form is noted as missing ("note: ..."), and the fetch fails for the file.
    (tmp_path / "empty").mkdir()
    code, _, err = dpeace("fetch", "polity", "--mirror", str(tmp_path / "empty"))
    assert code == 1
    assert "polity: note: the mirror has no file at" in caplog.text
    assert "trying its next published form" in caplog.text


def test_every_missing_file_is_named_in_one_run(data_dir, tmp_path, dpeace):
    (tmp_path / "empty").mkdir()

    code, out, err = dpeace("fetch", "--mirror", str(tmp_path / "empty"))

    names = [file.name for file in all_files(load_registry())]
    assert code == 1
    assert f"{len(names)} of {len(names)} files could not be fetched:" in err  # no "others" to speak of
    for name in names:
        assert f"\n  {name} (" in err, name
    assert "Traceback" not in err
    assert not (data_dir / "raw").exists() or sums(data_dir / "raw") == {}

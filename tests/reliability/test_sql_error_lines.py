"""Case 7 of issue 18: a SQL error's line counted from DuckDB's byte offset on the file's bytes,
so that accents and dashes before the fault do not push the reported line down."""

from __future__ import annotations

import shutil

import pytest

from dpeace.sql_errors import line_at_byte
from tests.conftest import REPO_ROOT
from tests.reliability.conftest import sums

# 2 + 20 x 2 + 2 = 44 bytes more than characters before the fault on line 4.
MULTIBYTE_MODEL = (
    "-- Côte d'Ivoire and São Tomé \u2014 a comment with accents \u2014 and dashes\n"
    + "-- "
    + "\u2014" * 20
    + "\n"
    + "SELECT ccode,\n"
    + ", year\n"
    + "FROM state_years\n"
    + "WHERE year > 1900\n"
    + "  AND ccode > 2\n"
)


def test_a_byte_offset_past_multibyte_text_is_on_its_own_line():
    text = "é\u2014\nab\nc"
    assert line_at_byte(text, len("é\u2014\n".encode())) == 2  # the first byte of line 2
    assert line_at_byte(text, len("é\u2014".encode())) == 1  # the newline ending line 1
    assert line_at_byte(text, len(text.encode()) - 1) == 3
    # The character count would put offset 7 on line 3 (past "é—\nab\n" = 7 characters).
    assert line_at_byte(text, 7) == 2


@pytest.fixture()
def broken_models(built_world, tmp_path, monkeypatch):
    sql = tmp_path / "sql"
    shutil.copytree(REPO_ROOT / "sql", sql)
    monkeypatch.setenv("DPEACE_SQL", str(sql))
    return built_world, sql


def test_a_syntax_error_after_accents_and_dashes_names_its_own_line(broken_models, dpeace):
    data, sql = broken_models
    model = sql / "marts" / "zz_broken.sql"
    model.write_text(MULTIBYTE_MODEL, encoding="utf-8")
    before = sums(data)

    code, _, err = dpeace("build")

    assert code == 1
    assert f"({model}, line 4) is not a single SELECT" in err
    assert sums(data) == before

"""The Gibler-Miller-Little dispute record beside MID 5.0, over the tiny world (answers in
tests/transform/world_r_sources.py)."""

from __future__ import annotations

import duckdb
import pytest

from dpeace.transform.runner import build_database
from tests.transform.world import write_world

GML_COLUMNS = (
    "gml_ongoing",
    "gml_onset",
    "gml_hostlev_max",
    "gml_force_onset",
    "gml_fatal_onset",
    "gml_orig1",
    "gml_orig2",
    "gml_originator_onset",
)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    data = tmp_path_factory.mktemp("world") / "data"
    write_world(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        build_database()
    connection = duckdb.connect(str(data / "peace.duckdb"), read_only=True)
    yield connection
    connection.close()


def dyad(con, table, ccode1, ccode2, year, *columns):
    found = con.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
        [ccode1, ccode2, year],
    ).fetchall()
    assert len(found) == 1, found
    return found[0]


def test_a_gml_dyad_whose_level_differs_from_mids(con):
    # MID 1 gives AAA-BBB 1901 level 4; GML's re-coding of it, level 3 for both.
    assert dyad(
        con, "dyad_years", 2, 20, 1901, "hostlev_max", "gml_hostlev_max", "mid_onset", "gml_onset"
    ) == (
        4,
        3,
        True,
        True,
    )
    assert dyad(con, "dyad_years", 2, 20, 1901, *GML_COLUMNS) == (
        True,
        True,
        3,
        False,
        False,
        True,
        True,
        True,
    )


def test_in_a_multilateral_dispute_the_pair_keeps_its_own_level(con):
    # GML 5002, 1905: AAA (4) against BBB (2) and CCC (4, a joiner, deaths unknown).
    assert dyad(con, "dyad_years", 2, 20, 1905, *GML_COLUMNS) == (
        True,
        True,
        2,
        False,
        True,
        True,
        True,
        True,
    )
    assert dyad(con, "dyad_years", 2, 255, 1905, *GML_COLUMNS) == (
        True,
        True,
        4,
        True,
        None,
        True,
        False,
        False,
    )
    # Both orders: the directed table swaps the originators.
    assert dyad(con, "dyad_years_directed", 255, 2, 1905, "gml_orig1", "gml_orig2") == (False, True)
    # MID covers the world only to 1903; GML all its years.
    assert dyad(con, "dyad_years", 2, 20, 1905, "mid_onset") == (None,)


def test_years_without_a_gml_dispute_are_false_and_counted(con):
    assert dyad(
        con, "dyad_years", 2, 345, 1904, "gml_ongoing", "gml_onset", "gml_onset_count", "gml_fatal_onset"
    ) == (
        False,
        False,
        0,
        False,
    )
    assert con.execute(
        "SELECT count(*) FILTER (WHERE gml_onset), count(*) FILTER (WHERE mid_onset) FROM dyad_years"
    ).fetchall() == [(4, 2)]


def test_every_disagreement_with_mid_is_listed_with_both_codings(con):
    assert con.execute(
        "SELECT ccode1, ccode2, year, disagreement, mid_onset, mid_hostlev_max, mid_dispnums, "
        "gml_onset, gml_hostlev_max, gml_dispnums FROM gml_mid_disagreements ORDER BY ALL"
    ).fetchall() == [
        (2, 20, 1901, "hostility", True, 4, "1", True, 3, "1"),
        (2, 390, 1902, "onset", False, None, None, True, 2, "5001"),
        (20, 345, 1903, "onset", True, 2, "2", False, None, None),
    ]


def test_gml_rows_that_are_no_dyad_year_are_listed_with_the_reason(con):
    assert con.execute(
        "SELECT dispnum, ccode1, ccode2, year, reason FROM gml_unmatched ORDER BY ALL"
    ).fetchall() == [
        (5003, 345, 390, 1904, "not a COW member that year"),
        (5004, 2, 999, 1900, "code not in COW"),
        (5005, 255, 390, 1901, "no common day of membership"),
    ]


def test_an_onset_that_peacesciencers_whittling_does_not_give_fails_the_build(tmp_path, monkeypatch):
    from dpeace.errors import BuildError
    from tests.transform.world import world_rows

    rows = world_rows()
    for row in rows["gml_mid_ddydisps"]:
        if (row["ccode1"], row["ccode2"], row["year"]) == (2, 20, 1901):
            row["gmlmidonset"] = 0
    data = tmp_path / "data"
    write_world(data, rows)
    monkeypatch.setenv("DPEACE_DATA", str(data))
    with pytest.raises(BuildError, match=r"stg_gml_whittled_dyad_years[\s\S]*ccode1=2, ccode2=20, year=1901"):
        build_database()

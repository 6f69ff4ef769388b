"""The democracy measures beside Polity and BMR, their joint and weak-link forms, regime
pairs and lagged scores, over the tiny world (answers in tests/transform/world_r_sources.py)."""

from __future__ import annotations

import duckdb
import pytest

from dpeace.transform.runner import build_database
from tests.transform.world import write_world


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


def one(con, sql, *params):
    found = con.execute(sql, list(params)).fetchall()
    assert len(found) == 1, found
    return found[0]


def state(con, ccode, year, *columns):
    return one(con, f"SELECT {', '.join(columns)} FROM state_years WHERE ccode = ? AND year = ?", ccode, year)


def dyad(con, ccode1, ccode2, year, *columns):
    return one(
        con,
        f"SELECT {', '.join(columns)} FROM dyad_years WHERE ccode1 = ? AND ccode2 = ? AND year = ?",
        ccode1,
        ccode2,
        year,
    )


def test_each_state_year_takes_the_scores_of_its_cow_code(con):
    assert state(con, 20, 1901, "v2x_polyarchy", "aeuds", "xm_qudsest", "v2x_libdem") == (0.55, 0.1, 0.2, 0.3)
    assert state(con, 255, 1900, "euds") == (pytest.approx(-1.0 + 0.2931555),)
    # UDS codes Cland 260; it is matched on Marquez's COW code 255.
    assert state(con, 255, 1904, "uds_mean") == (0.3,)
    # Two V-Dem units stand for BBB in 1903: a collision, neither used.
    assert state(con, 20, 1903, "v2x_libdem") == (None,)
    assert state(con, 20, 1904, "v2x_libdem") == (0.3,)


def test_a_lagged_score_never_reaches_across_a_gap_in_membership(con):
    lags = con.execute(
        "SELECT year, v2x_polyarchy_lag, aeuds_lag FROM state_years WHERE ccode = 255 ORDER BY year"
    ).fetchall()
    # CCC: members 1900-1901 and 1904-1905. Its 1904 lag is NULL: not 1901's 0.25, nor the
    # 0.9 cw_democracy gives it for 1903, when it was no member.
    assert lags == [(1900, None, None), (1901, 0.2, -1.0), (1904, None, None), (1905, 0.7, 0.6)]
    # DDD: NA in 1904, so its 1905 lag is NULL; AAA's polity2 lag starts in 1901.
    assert [
        r[0]
        for r in con.execute(
            "SELECT v2x_polyarchy_lag FROM state_years WHERE ccode = 345 ORDER BY year"
        ).fetchall()
    ] == [None, 0.1, None]
    assert [
        r[0]
        for r in con.execute("SELECT polity2_lag FROM state_years WHERE ccode = 2 ORDER BY year").fetchall()
    ][:3] == [None, 5, 8]


def test_vdem_joint_democracy_and_weak_link(con):
    columns = (
        "v2x_polyarchy_low",
        "joint_democracy_vdem",
        "v2x_polyarchy_lag_low",
        "joint_democracy_vdem_lag",
    )
    assert dyad(con, 2, 20, 1900, *columns)[:2] == (0.3, False)
    assert dyad(con, 2, 20, 1901, *columns) == (0.55, True, 0.3, False)
    assert dyad(con, 2, 255, 1904, *columns) == (0.7, True, None, None)
    assert dyad(con, 2, 255, 1905, *columns) == (0.75, True, 0.7, True)


def test_extended_uds_joint_at_zero_and_regime_pairs(con):
    columns = ("euds_low", "joint_democracy_uds", "regime_pair_uds")
    low, joint, regime = dyad(con, 2, 20, 1900, *columns)
    assert (low, joint, regime) == (pytest.approx(-0.2 + 0.2931555), False, "mixed")
    assert dyad(con, 2, 20, 1901, *columns)[1:] == (True, "both democracies")
    assert dyad(con, 20, 255, 1900, *columns)[1:] == (False, "both autocracies")
    assert dyad(con, 2, 20, 1902, "joint_democracy_uds_lag") == (True,)


def test_polity_regime_pairs_and_lagged_joint_democracy(con):
    columns = ("regime_pair", "mixed_regimes", "joint_autocracy", "joint_democracy_lag", "polity2_lag_low")
    assert dyad(con, 2, 20, 1901, *columns) == ("both democracies", False, False, None, None)
    assert dyad(con, 2, 20, 1902, *columns) == ("mixed", True, False, True, 7)
    assert dyad(con, 2, 20, 1900, *columns)[:3] == (None, None, None)
    # BMR: AAA a democracy, CCC not, in 1900.
    assert dyad(con, 2, 255, 1900, "regime_pair_bmr") == ("mixed",)


def test_quickuds_weak_link_and_its_lag(con):
    assert dyad(con, 2, 20, 1900, "xm_qudsest_low") == (-0.5,)
    assert dyad(con, 2, 20, 1901, "xm_qudsest_low", "xm_qudsest_lag_low") == (0.2, -0.5)


def test_every_democracy_row_not_used_is_listed_with_its_reason(con):
    listed = con.execute(
        "SELECT source, source_code, source_name, year, reason FROM democracy_unmatched ORDER BY ALL"
    ).fetchall()
    assert listed == [
        ("cw_democracy", 2, None, 1899, "outside COW years"),
        ("cw_democracy", 255, None, 1903, "not a COW member that year"),
        ("cw_democracy", 999, None, 1900, "code not in COW"),
        ("uds_2014", 390, "Eland", 1903, "not a COW member that year"),
        ("vdem_simple", 2, "Bland", 1903, "collision"),
        ("vdem_simple", 3, "Bland-Sardinia", 1903, "collision"),
        ("vdem_simple", 4, "A Colony", 1900, "no COW code"),
    ]

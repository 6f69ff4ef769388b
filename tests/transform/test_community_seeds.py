"""The EC/EU and NATO membership seeds against dates and counts worked out by hand from the
treaties (the seeds cite each instrument in their `instrument` column)."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from dpeace import paths

COLUMNS = ["ccode", "state", "member_from", "member_until", "instrument", "note"]


def read_seed(name: str) -> list[dict]:
    with (paths.sql_dir() / "seeds" / f"{name}.csv").open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def ec_eu() -> list[dict]:
    return read_seed("ec_eu_membership")


@pytest.fixture(scope="module")
def nato() -> list[dict]:
    return read_seed("nato_membership")


def spells(rows: list[dict]) -> dict[int, tuple[date, date | None]]:
    found = {}
    for row in rows:
        ccode = int(row["ccode"])
        assert ccode not in found, f"two spells for {ccode}: the flags assume one per code"
        until = date.fromisoformat(row["member_until"]) if row["member_until"] else None
        found[ccode] = (date.fromisoformat(row["member_from"]), until)
    return found


def members_on(rows: list[dict], day: date) -> set[int]:
    return {
        ccode
        for ccode, (start, until) in spells(rows).items()
        if start <= day and (until is None or day <= until)
    }


def test_every_row_cites_its_instrument(ec_eu, nato):
    for row in ec_eu + nato:
        assert row["instrument"].strip() and row["state"].strip(), row
        assert row["member_until"] == "" or row["member_until"] > row["member_from"], row


def test_ec_eu_dates_worked_out_by_hand(ec_eu):
    by_code = spells(ec_eu)
    # The ECSC six: Treaty of Paris in force 23 July 1952 (West Germany as COW 260).
    assert members_on(ec_eu, date(1952, 7, 23)) == {210, 211, 212, 220, 260, 325}
    assert members_on(ec_eu, date(1952, 7, 22)) == set()
    # First enlargement in force 1 January 1973: the UK, Ireland, Denmark.
    assert members_on(ec_eu, date(1973, 1, 1)) - members_on(ec_eu, date(1972, 12, 31)) == {200, 205, 390}
    assert by_code[350][0] == date(1981, 1, 1)  # Greece
    assert by_code[230][0] == by_code[235][0] == date(1986, 1, 1)  # Spain, Portugal
    # 1 May 2004: ten at once.
    assert len(members_on(ec_eu, date(2004, 5, 1)) - members_on(ec_eu, date(2004, 4, 30))) == 10
    assert by_code[344][0] == date(2013, 7, 1)  # Croatia
    # The UK's last day as a member was 31 January 2020.
    assert by_code[200] == (date(1973, 1, 1), date(2020, 1, 31))
    # Members at the end of the COW data (31 December 2016): 6 + 3 + 1 + 2 + 3 + 10 + 2 + 1 = 28.
    assert len(members_on(ec_eu, date(2016, 12, 31))) == 28
    assert len(members_on(ec_eu, date(2020, 2, 1))) == 27


def test_nato_dates_worked_out_by_hand(nato):
    by_code = spells(nato)
    # The twelve of the North Atlantic Treaty, in force 24 August 1949.
    assert members_on(nato, date(1949, 8, 24)) == {2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395}
    assert by_code[350][0] == by_code[640][0] == date(1952, 2, 18)  # Greece, Turkey
    assert by_code[260] == (date(1955, 5, 6), date(1990, 10, 2))  # West Germany
    assert by_code[230][0] == date(1982, 5, 30)  # Spain
    assert by_code[343][0] == date(2020, 3, 27)  # North Macedonia
    # Members at the end of the COW data: 12 + 2 + 1 + 1 + 3 + 7 + 2 = 28 (Montenegro joined 2017).
    assert len(members_on(nato, date(2016, 12, 31))) == 28
    # France left the integrated command in 1966 but is coded a member throughout.
    assert by_code[220] == (date(1949, 8, 24), None)
    assert "1966" in next(row["note"] for row in nato if row["ccode"] == "220")
    # Nobody has left: the only end date is COW 260's, where unified Germany (255) takes over.
    assert [ccode for ccode, (_, until) in by_code.items() if until is not None] == [260]


@pytest.mark.parametrize("seed", ["ec_eu_membership", "nato_membership"])
def test_germany_runs_as_260_then_255_without_a_gap_or_an_overlap(seed):
    by_code = spells(read_seed(seed))
    # COW ends 260 on 2 October 1990 and resumes 255 on 3 October 1990.
    assert by_code[260][1] == date(1990, 10, 2)
    assert by_code[255] == (date(1990, 10, 3), None)

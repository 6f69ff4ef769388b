"""The synthetic world the scaling benchmark builds on: sized as designed, shaped like
the registry's files, internally consistent, and the same for the same seed."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from dpeace.bench.synthetic_states import FIRST_YEAR, LAST_YEAR
from dpeace.bench.synthetic_world import cache_path, csv_text, generate_world, write_world
from dpeace.fetch.rdata import read_r_frame
from dpeace.fetch.registry import all_files, load_registry

STATES = 40


@pytest.fixture(scope="module")
def world():
    return generate_world(STATES, seed=7)


def read_back(world, name):
    """A table as its file's text parses, the way a CSV reader would see it."""
    return list(csv.DictReader(io.StringIO(csv_text(name, world.tables[name]), newline="")))


def test_the_design_fixes_how_many_states_there_are_at_the_start_and_the_end(world):
    system = read_back(world, "system")
    members_in = lambda year: {row["ccode"] for row in system if int(row["year"]) == year}
    # 40 states: a quarter are founders, a tenth are dissolved before 2016.
    assert len(members_in(FIRST_YEAR)) == 10 == world.membership.founders
    assert len(members_in(LAST_YEAR)) == STATES - 4
    assert len({row["ccode"] for row in system}) == STATES
    assert world.membership.interrupted == 6


def test_every_year_lists_exactly_the_states_whose_spells_cover_it(world):
    spells = read_back(world, "states")
    system = read_back(world, "system")
    for year in (FIRST_YEAR, 1900, 1950, 2000, LAST_YEAR):
        from_spells = {s["ccode"] for s in spells if int(s["styear"]) <= year <= int(s["endyear"])}
        listed = [row["ccode"] for row in system if int(row["year"]) == year]
        assert sorted(listed) == sorted(from_spells)  # and none is listed twice


def test_some_states_leave_and_come_back(world):
    spells_per_state = {}
    for spell in read_back(world, "states"):
        spells_per_state.setdefault(spell["ccode"], []).append(spell)
    interrupted = [s for s in spells_per_state.values() if len(s) == 2]
    assert len(interrupted) == world.membership.interrupted
    for first, second in interrupted:
        assert int(second["styear"]) - int(first["endyear"]) >= 3


def test_every_file_has_exactly_the_registry_columns_in_order(world):
    for source_file in all_files(load_registry()):
        assert tuple(world.tables[source_file.name].columns) == source_file.columns, source_file.name
        if source_file.format == "tsv":
            continue  # written without a header
        header = next(
            csv.reader(io.StringIO(csv_text(source_file.name, world.tables[source_file.name]), newline=""))
        )
        assert tuple(header) == source_file.columns, source_file.name


def test_files_keep_the_published_line_endings(world):
    assert "\r\n" in csv_text("midb", world.tables["midb"])
    wars = csv_text("interstate_wars", world.tables["interstate_wars"])
    assert "\r" in wars and "\n" not in wars
    assert not csv_text("states", world.tables["states"]).endswith("\n")


def test_disputes_involve_member_states_in_the_years_of_the_dispute(world):
    spells = {}
    for spell in read_back(world, "states"):
        spells.setdefault(spell["ccode"], []).append(
            (int(spell["styear"]), int(spell["endyear"]), spell["stateabb"])
        )
    participants = read_back(world, "midb")
    assert participants
    for row in participants:
        start, end = int(row["styear"]), int(row["endyear"])
        assert start <= end <= 2014
        assert any(s <= start and end <= e and abb == row["stabb"] for s, e, abb in spells[row["ccode"]]), row


def test_each_dispute_has_two_to_four_participants_on_two_sides_with_two_originators(world):
    disputes = {row["dispnum"]: row for row in read_back(world, "mida")}
    by_dispute = {}
    for row in read_back(world, "midb"):
        by_dispute.setdefault(row["dispnum"], []).append(row)
    assert set(by_dispute) == set(disputes)
    for dispnum, rows in by_dispute.items():
        assert 2 <= len(rows) <= 4
        assert len({row["ccode"] for row in rows}) == len(rows)
        assert {row["sidea"] for row in rows} == {"0", "1"}
        assert sum(row["orig"] == "1" for row in rows) == 2
        side_a = sum(row["sidea"] == "1" for row in rows)
        assert (int(disputes[dispnum]["numa"]), int(disputes[dispnum]["numb"])) == (
            side_a,
            len(rows) - side_a,
        )
        assert int(disputes[dispnum]["hostlev"]) == max(int(row["hostlev"]) for row in rows)


def test_joint_democracies_start_fewer_disputes_per_dyad_year():
    # The onset chance between democracies is a fifth of the rest, other things equal;
    # over a larger world the observed rates must show it too.
    import numpy as np

    from dpeace.bench.synthetic_attributes import year_index
    from dpeace.bench.synthetic_disputes import LAST_DISPUTE_YEAR, onset_probabilities

    world = generate_world(60, seed=3)
    attributes = world.attributes
    column = 150  # 1966
    members = np.flatnonzero(attributes.member[:, column])
    first, second = np.triu_indices(len(members), k=1)
    chances = onset_probabilities(attributes, members[first], members[second], column)
    democratic = (attributes.polity2[members[first], column] >= 6) & (
        attributes.polity2[members[second], column] >= 6
    )
    contiguous = np.isin(attributes.conttype[members[first], members[second]], [1, 2, 3, 4])
    major = attributes.major[members[first], column] | attributes.major[members[second], column]
    plain = ~contiguous & ~major
    assert set(np.round(chances[plain & democratic] / chances[plain & ~democratic].max(), 6)) == {0.2}

    # Observed: dyad-years, and those with an onset, for jointly democratic pairs and the rest.
    onsets = {
        (*sorted(p.row for p in dispute.participants if p.originator), dispute.start[0])
        for dispute in world.disputes
    }
    dyad_years = {True: 0, False: 0}
    onset_years = {True: 0, False: 0}
    for year in range(FIRST_YEAR, LAST_DISPUTE_YEAR + 1):
        column = year_index(year)
        members = np.flatnonzero(attributes.member[:, column])
        first, second = np.triu_indices(len(members), k=1)
        for a, b in zip(members[first], members[second]):
            both = bool(attributes.polity2[a, column] >= 6 and attributes.polity2[b, column] >= 6)
            dyad_years[both] += 1
            onset_years[both] += (a, b, year) in onsets
    assert dyad_years[True] > 1000 and onset_years[False] > 100
    # Confounding (contiguity, major powers) moves the observed ratio off 0.2 a little.
    assert onset_years[True] / dyad_years[True] < 0.5 * onset_years[False] / dyad_years[False]


def test_polity_uses_the_special_codes_and_stays_in_range():
    world = generate_world(80, seed=11)
    polity = read_back(world, "polity")
    specials = {row["polity"] for row in polity if row["polity"] in {"-66", "-77", "-88"}}
    assert specials  # about one state-year in a hundred
    values = [int(row["polity2"]) for row in polity if row["polity2"] != ""]
    assert min(values) >= -10 and max(values) <= 10
    assert any(v >= 6 for v in values) and any(v <= -6 for v in values)
    for row in polity:
        if row["polity"] == "-77":
            assert row["polity2"] == "0"
        if row["polity"] == "-66":
            assert row["polity2"] == ""


def test_capabilities_share_out_the_whole_system_each_year(world):
    totals = {}
    for row in read_back(world, "nmc"):
        totals[row["year"]] = totals.get(row["year"], 0.0) + float(row["cinc"])
    assert all(total == pytest.approx(1.0, abs=1e-6) for total in totals.values())


def test_contiguity_is_symmetric_and_coded_one_to_five(world):
    rows = read_back(world, "contdird")
    assert rows
    pairs = {(r["state1no"], r["state2no"], r["year"]): r["conttype"] for r in rows}
    assert all(pairs[(b, a, year)] == code for (a, b, year), code in pairs.items())
    assert set(pairs.values()) <= {"1", "2", "3", "4", "5"}


def test_the_same_seed_gives_the_same_files_and_another_seed_does_not():
    def fingerprint(seed):
        world = generate_world(20, seed=seed)
        return {
            name: hashlib.sha256(csv_text(name, table).encode()).hexdigest()
            for name, table in world.tables.items()
        }

    assert fingerprint(5) == fingerprint(5)
    assert fingerprint(5) != fingerprint(6)


def test_write_world_lays_out_a_cache_with_provenance(tmp_path, world):
    from dpeace.fetch.provenance import read_provenance

    raw = tmp_path / "raw"
    write_world(world, raw)
    records = read_provenance(raw / "provenance.json")
    registry_files = all_files(load_registry())
    assert set(records) == {f.name for f in registry_files}
    for source_file in registry_files:
        record = records[source_file.name]
        data = (raw / record["path"]).read_bytes()
        assert record["path"] == cache_path(source_file).as_posix()
        assert record["sha256"] == hashlib.sha256(data).hexdigest()
        assert record["bytes"] == len(data)
        expected_format = "tsv" if source_file.name in ("gw_states", "gw_microstates") else "csv"
        if source_file.format == "rdata":
            expected_format = "rdata"
        assert record["sha256_pinned"] is False and record["format"] == expected_format
    assert records["midb"]["path"] == "cow_mid/MIDB 5.0.csv"
    assert records["bmr_democracy"]["path"] == "bmr/democracy-v4.0.csv"
    # An R data file: the data frame as R would have saved it, read back whole.

    igo = read_r_frame(raw / records["cow_igo_dyad_years"]["path"], "cow_igo_ndy")
    assert list(igo.columns) == ["ccode1", "ccode2", "year", "dyadigos"]
    assert len(igo) == records["cow_igo_dyad_years"]["rows"] > 0
    # Gleditsch-Ward's list: no header, five tab-separated fields a line, CRLF.
    gw_lines = (raw / records["gw_states"]["path"]).read_bytes().split(b"\r\n")
    assert gw_lines[-1] == b"" and len(gw_lines) - 1 == records["gw_states"]["rows"]
    assert all(line.count(b"\t") == 4 for line in gw_lines[:-1])
    assert records["gw_states"]["columns"] == ["gwcode", "abbreviation", "name", "start", "end"]
    assert records["polity"]["path"] == "polity5/p5v2018.csv"
    # R data files: the registry's object, holding the world's table, read back as R data.
    assert records["gml_dirdisp"]["object"] == "gml_dirdisp"
    read_back = read_r_frame(raw / records["gml_dirdisp"]["path"], "gml_dirdisp")
    assert len(read_back) == len(world.tables["gml_dirdisp"]) == records["gml_dirdisp"]["rows"]
    assert list(read_back["ccode1"]) == [float(c) for c in world.tables["gml_dirdisp"]["ccode1"]]
    assert json.loads((raw / "provenance.json").read_text())["files"]["states"]["rows"] == len(
        world.tables["states"]
    )


def test_synthetic_alliances_pair_every_fourth_state_with_the_next_over_their_shared_spell(world):
    members = world.tables["atop_members"]
    states = world.membership.states
    for _, rows in members.groupby("atopid"):
        first, second = rows["member"].tolist()
        index = next(i for i, s in enumerate(states) if s.ccode == first)
        assert index % 4 == 0 and states[index + 1].ccode == second
        a, b = states[index].spells[0], states[index + 1].spells[0]
        assert tuple(rows.iloc[0][["yrent", "moent", "dayent"]]) == max(a.start, b.start)
        # Still in effect (yrexit 0) when the shared spell reaches the list's last year.
        shared_end = min(a.end, b.end)
        expected_exit = (0, 0, 0) if shared_end[0] == 2016 else shared_end
        assert tuple(rows.iloc[0][["yrexit", "moexit", "dayexit"]]) == expected_exit
    # The state-year file lists each member in every year of each alliance, 2018 at the latest.
    state_years = world.tables["atop_state_years"]
    assert state_years["year"].max() <= 2018
    assert state_years["number"].sum() == sum(
        (2018 if r.yrexit == 0 else r.yrexit) - r.yrent + 1 for r in members.itertuples()
    )

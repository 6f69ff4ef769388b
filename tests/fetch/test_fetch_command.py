"""The `dpeace fetch` verb, through its own parser (other verbs may not exist yet)."""

from __future__ import annotations

import argparse

import pytest

from dpeace.fetch import command
from dpeace.fetch.registry import load_registry


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dpeace")
    command.register(parser.add_subparsers(dest="verb"))
    return parser.parse_args(argv)


def test_options_are_parsed():
    args = parse(["fetch", "cow_mid", "polity", "--force", "--mirror", "/m"])
    assert (args.datasets, args.force, args.mirror, args.list) == (["cow_mid", "polity"], True, "/m", False)
    assert args.handler is command.run_fetch


def test_list_prints_every_source_and_file_and_fetches_nothing(data_dir, capsys):
    args = parse(["fetch", "--list"])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    for source in load_registry().values():
        assert f"{source.title} {source.version} ({source.publisher})" in out
        for file in source.files:
            assert file.url in out and f"  {file.name} " in out
    assert "[MIDB 5.0.csv]" in out
    assert list(data_dir.iterdir()) == []


def test_result_line_says_whether_the_file_was_fetched_or_cached():
    record = {"name": "states", "sha256": "21822fe1ef67aedf", "rows": 243, "fetched_from": "x"}
    assert command.result_line(record, None).split() == [
        "states",
        "fetched",
        "sha256",
        "21822fe1ef67",
        "243",
        "rows",
    ]
    assert command.result_line(record, dict(record)).split()[1] == "cached"
    # A cache hit takes the registry's current citation: still cached, not fetched.
    assert command.result_line({**record, "citation": "Corrected."}, record).split()[1] == "cached"
    assert command.result_line({**record, "sha256": "0123456789abcdef"}, record).split()[1] == "fetched"
    assert command.result_line({**record, "fetched_from": "hand-placed"}, None).split()[1] == "hand-placed"


@pytest.mark.mirror
def test_fetch_from_the_mirror_then_from_the_cache(data_dir, mirror_dir, capsys):
    args = parse(["fetch", "cow_wars", "--mirror", str(mirror_dir)])
    assert args.handler(args) == 0
    assert capsys.readouterr().out.split() == [
        "interstate_wars",
        "fetched",
        "sha256",
        "2535e30b1451",
        "337",
        "rows",
    ]
    assert args.handler(args) == 0
    assert capsys.readouterr().out.split()[1] == "cached"

"""`dpeace cite`: every dataset of the build, from the registry, and the methods its results use."""

from __future__ import annotations

import re

from dpeace.cli import main
from dpeace.fetch.registry import load_registry


def test_cite_names_every_dataset_of_the_build_and_the_methods_of_its_results(api_world, monkeypatch, capsys):
    data, _, _ = api_world
    monkeypatch.setenv("DPEACE_DATA", str(data))
    assert main(["cite"]) == 0
    output = capsys.readouterr().out
    keys = re.findall(r"^@\w+\{(\w+),$", output, re.M)
    # The world's provenance lists every registry source; its battery has peace years and a
    # Firth model, but no politically relevant sample and no curve.
    assert keys == [*load_registry(), "beck1998", "firth1993"]
    entry = output[output.index("@misc{cow_states,") :].split("\n}\n")[0]
    assert entry.splitlines() == [
        "@misc{cow_states,",
        "  title = {COW State System Membership, version 2016},",
        "  author = {{Correlates of War Project}},",
        r"  howpublished = {\url{https://correlatesofwar.org/wp-content/uploads/states2016.csv}},",
        "  note = {Correlates of War Project. 2017. State System Membership List, v2016. "
        "Online, https://correlatesofwar.org.}",
    ]
    assert "  journal = {Biometrika}," in output

"""A fixture world for the Python API: a synthetic raw-data cache of 20 states (dpeace.bench)
built into a database, with a four-model battery fitted and stored in it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from dpeace.bench.synthetic_world import generate_world, write_world
from dpeace.model.specification import default_spec_path

# The battery's models that the small world can fit: the main one, Firth, the directed and
# a monadic model (the world has no EC/EU members for security_communities).
FIXTURE_MODELS = ("joint_democracy", "firth_joint_democracy", "directed_initiation", "monadic_involvement")


def toml_value(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + "}"
    return json.dumps(value)


def write_fixture_battery(path: Path) -> Path:
    battery = tomllib.loads(default_spec_path().read_text("utf-8"))
    lines = [f"main_model = {toml_value(battery['main_model'])}", "", "[simulation]"]
    lines += [f"{key} = {toml_value(value)}" for key, value in battery["simulation"].items()]
    for model in battery["models"]:
        if model["id"] in FIXTURE_MODELS:
            lines += ["", "[[models]]", *(f"{key} = {toml_value(value)}" for key, value in model.items())]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture(scope="session")
def api_world(tmp_path_factory):
    """(data folder, database, battery file): the world built, the fixture battery stored."""
    from dpeace.model.battery import run_battery
    from dpeace.transform.runner import build_database

    data = tmp_path_factory.mktemp("api-world") / "data"
    write_world(generate_world(20, seed=3), data / "raw")
    battery = write_fixture_battery(data.parent / "battery.toml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        build_database()
        run_battery(spec_path=battery)
    return data, data / "peace.duckdb", battery


@pytest.fixture()
def db(api_world):
    import dpeace

    _, database, _ = api_world
    with dpeace.open(database) as opened:
        yield opened


@pytest.fixture(scope="session")
def hand_world(tmp_path_factory) -> Path:
    """The transform tests' hand-made world (tests/transform/world.py: five states, 1900-1905,
    with DDD, COW 345, led under Gleditsch-Ward's 340) built into a database."""
    from dpeace.transform.runner import build_database
    from tests.transform.world import write_world as write_hand_world

    data = tmp_path_factory.mktemp("hand-world") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(data))
        write_hand_world(data)
        build_database()
    return data / "peace.duckdb"


@pytest.fixture()
def hand_db(hand_world):
    import dpeace

    with dpeace.open(hand_world) as opened:
        yield opened

"""The data dictionary's labels, value labels and layers (sql/schema.yml)."""

from __future__ import annotations

import csv

import pytest

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.transform.dictionary import filled, load_dictionary


def seed_settings() -> dict[str, str]:
    with open(paths.sql_dir() / "seeds" / "analysis_settings.csv", newline="") as file:
        return {row["setting"]: row["value"] for row in csv.DictReader(file)}


def test_every_label_fits_stata_once_its_settings_are_filled_in():
    settings = seed_settings()
    for table, entry in load_dictionary().items():
        for column, label in entry["labels"].items():
            text = filled(label, settings)
            assert "{" not in text, (table, column)
            assert len(text) <= 80, (table, column, text)


def test_the_joint_democracy_label_states_the_threshold_of_the_build():
    label = load_dictionary()["dyad_years"]["labels"]["joint_democracy"]
    assert filled(label, {"joint_democracy_threshold": "6"}) == (
        "Both states' polity2 >= 6 (NULL if either is missing)"
    )
    assert filled(label, {"joint_democracy_threshold": "7"}).startswith("Both states' polity2 >= 7 ")


def test_coded_columns_have_value_labels_and_both_dyad_tables_share_them():
    dictionary = load_dictionary()
    for table in ("dyad_years", "dyad_years_directed"):
        codes = dictionary[table]["value_labels"]
        assert codes["hostlev_max"][4] == "use of force" and codes["hostlev_max"][5] == "war"
        assert sorted(codes["conttype"]) == [1, 2, 3, 4, 5]
    assert dictionary["state_years"]["value_labels"]["polity_special"][-66] == "interruption"


def test_each_table_knows_its_layer():
    dictionary = load_dictionary()
    assert dictionary["stg_polity"]["layer"] == "staging"
    assert dictionary["dyad_years"]["layer"] == "marts"
    assert dictionary["analysis_settings"]["layer"] == "seeds"
    assert dictionary["build_info"]["layer"] == "build"
    for table in ("model_results", "model_terms", "model_effects", "specification_curve"):
        assert dictionary[table]["layer"] == "results"
        assert dictionary[table]["columns"]


def test_a_label_longer_than_stata_allows_fails_naming_table_and_column(tmp_path):
    (tmp_path / "schema.yml").write_text(
        "tables:\n  t:\n    description: d\n    columns: {a: x}\n    labels:\n      a: " + "y" * 81 + "\n"
    )
    with pytest.raises(BuildError, match=r"table t: the label of a is 81 characters; Stata allows 80"):
        load_dictionary(tmp_path)

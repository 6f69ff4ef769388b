"""sql/schema.yml parsed once per text, by libyaml's loader where pyyaml has it."""

from __future__ import annotations

import yaml

from dpeace import paths
from dpeace.transform.schema_file import read_schema_document


def test_the_schema_reads_as_pyyaml_s_own_safe_loader_reads_it():
    # The real file, with its YAML merges (<<: *columns) and nulls that drop a column.
    path = paths.sql_dir() / "schema.yml"
    assert read_schema_document(path) == yaml.safe_load(path.read_text("utf-8"))


def test_an_edited_schema_is_parsed_again_and_an_unchanged_one_is_not(tmp_path):
    path = tmp_path / "schema.yml"
    path.write_text("tables:\n  a: {materialized: view}\n")
    first = read_schema_document(path)
    assert first == {"tables": {"a": {"materialized": "view"}}}
    assert read_schema_document(path) is first
    # Same length, written at once: the text, not the file's time or size, decides.
    path.write_text("tables:\n  b: {materialized: view}\n")
    assert read_schema_document(path) == {"tables": {"b": {"materialized": "view"}}}

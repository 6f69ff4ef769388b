"""The model and curve stages fit with the engine alone: statsmodels and scipy stay unloaded.

Importing them cost the model stage seconds of CPU per run; they are the tests' cross-check,
not the pipeline's dependency.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

STAGE_MODULES = {
    "model": ["dpeace.model.command", "dpeace.model.battery"],
    "curve": ["dpeace.curve.command", "dpeace.curve.pipeline"],
}


@pytest.mark.parametrize("stage", sorted(STAGE_MODULES))
def test_a_stage_imports_neither_statsmodels_nor_scipy(stage):
    imports = "; ".join(f"import {module}" for module in STAGE_MODULES[stage])
    script = f"import sys; {imports}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'statsmodels', 'scipy'}}))"
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def loaded_packages(script: str, packages: set[str]) -> list[str]:
    probe = f"import sys; {script}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {packages!r}))"
    return eval(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    )


def test_the_command_lines_start_up_leaves_the_fetchers_http_stack_to_the_fetch():
    # Every verb builds the whole parser; only `dpeace fetch` downloads anything.
    assert loaded_packages("import dpeace.cli; dpeace.cli.build_parser()", {"requests", "urllib3"}) == []


def test_fitting_a_model_without_storing_it_reads_no_data_dictionary():
    # The dictionary's YAML is for the comments on the stored tables (model/store.py).
    assert loaded_packages("import dpeace.model.battery", {"yaml", "requests"}) == []

"""The README's table of the conflict-record models is the battery's result on the real
data (skipped without the mirror): N, events, the democracy term, its coefficient and SE,
as the README prints them."""

from __future__ import annotations

import json
import re

import pytest

from tests.readme import readme_text

pytestmark = pytest.mark.mirror

ROW = re.compile(r"^\| (\w+) \| ([\d,]+) \| ([\d,]+) \| (\w+) \| (-?[\d.]+) \| ([\d.]+) \|$", re.M)


def test_the_readme_model_table_is_the_batterys_result(real_model_results):
    results = json.loads(real_model_results.read_text(encoding="utf-8"))
    models = {model["id"]: model for model in results["models"]}
    rows = ROW.findall(readme_text())
    assert rows, "the README's model table is missing"
    for model_id, n, events, term, coef, se in rows:
        model = models[model_id]
        found = next(t for t in model["terms"] if t["term"] == term)
        assert (int(n.replace(",", "")), int(events.replace(",", ""))) == (model["n"], model["n_events"]), (
            model_id
        )
        assert term == model["democracy_term"], model_id
        assert (coef, se) == (f"{found['coef']:.3f}", f"{found['se']:.3f}"), model_id

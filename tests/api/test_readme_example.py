"""The README's worked Python example runs on a fixture world and makes what it says."""

from __future__ import annotations

import re
import runpy

from tests.conftest import REPO_ROOT


def readme_example() -> str:
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## From Python") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs_and_writes_its_table_and_plot(api_world, tmp_path, monkeypatch, capsys):
    data, _, _ = api_world
    monkeypatch.setenv("DPEACE_DATA", str(data))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    script = tmp_path / "example.py"
    script.write_text(readme_example(), "utf-8")
    runpy.run_path(str(script), run_name="__main__")
    output = capsys.readouterr().out
    assert re.search(r"^[\d,]+ politically relevant dyad-years, [\d,]+ onsets$", output, re.M)
    assert "weak_link_prd_1946: Weak link, politically relevant, 1946-2014" in output
    assert re.search(r"^polity2_low +-?\d", output, re.M)
    table = (tmp_path / "table1.tex").read_text("utf-8")
    assert table.startswith(r"\begin{tabular}{lcc}")
    assert "Joint democracy + controls & Weak link, politically relevant, 1946-2014" in table
    assert (tmp_path / "weak_link.png").read_bytes().startswith(b"\x89PNG")

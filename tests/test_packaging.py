"""The code in pipeline/ installs as the `dpeace` package: every folder of it must be listed."""

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_under_its_import_name():
    settings = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert settings["package-dir"] == {"dpeace": "pipeline"}
    folders = sorted(
        ".".join(("dpeace", *init.parent.relative_to(REPO / "pipeline").parts))
        for init in (REPO / "pipeline").rglob("__init__.py")
    )
    assert sorted(settings["packages"]) == folders


def test_the_import_name_is_the_tool_name():
    import dpeace

    assert Path(dpeace.__file__).resolve().parent == REPO / "pipeline"

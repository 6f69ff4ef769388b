"""Parsing sql/schema.yml, once per process for a given text.

The build reads the file three times (the models' materialisations, the data tests, the
dictionary), and pyyaml's pure-Python loader takes about 0.15 s for its 78 kB each time;
libyaml's C loader, where pyyaml was built with it, takes a tenth of that and yields the
same document.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_schema_document(path: Path):
    """The parsed document at path (None for an empty file); shared between callers, so
    read it and do not change it. Raises FileNotFoundError and yaml.YAMLError."""
    return _parsed(Path(path).read_text("utf-8"))


@functools.lru_cache(maxsize=4)
def _parsed(text: str):
    # Keyed on the text itself: an edited file is parsed again, however soon after.
    return yaml.load(text, Loader=_LOADER)

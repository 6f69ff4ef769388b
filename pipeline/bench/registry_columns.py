"""The header a registry file must have, so that a synthetic file is written with exactly it."""

from __future__ import annotations

from functools import cache

from dpeace.fetch.registry import all_files, load_registry


@cache
def _headers() -> dict[str, tuple[str, ...]]:
    return {file.name: file.columns for file in all_files(load_registry())}


def registry_columns(name: str) -> list[str]:
    """The columns of registry file `name`, in the registry's order."""
    return list(_headers()[name])

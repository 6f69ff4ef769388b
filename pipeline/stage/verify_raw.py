"""Check every cached raw file against the sha256 its fetch recorded, before the build reads it.

The fetch verified each file (and its pin in the registry, where there is one) when it
cached it; a file edited, truncated or replaced since then would otherwise flow into the
database unnoticed while the report still certifies it. The files are small: hashing all
of them costs well under a second.
"""

from __future__ import annotations

from dpeace import paths
from dpeace.errors import BuildError
from dpeace.fetch.registry import all_files, load_registry
from dpeace.fetch.verify import sha256_of


def pinned_sums() -> dict[str, set[str]]:
    """Each registry file's pinned sha256s (one per pinned form); unpinned forms add none."""
    return {
        file.name: {form.sha256 for form in file.forms if form.sha256} for file in all_files(load_registry())
    }


def verify_raw_files(provenance: dict[str, dict]) -> int:
    """Raise BuildError naming every raw file that is missing or not as fetched; else the count."""
    pins = pinned_sums()
    problems = []
    for name in sorted(provenance):
        record = provenance[name]
        path = paths.raw_dir() / record["path"]
        restore = f"restore it with `dpeace fetch {name} --force`"
        if not path.is_file():
            problems.append(f"{path} ({name}) is missing: {restore}")
            continue
        actual = sha256_of(path)
        if actual != record.get("sha256"):
            problems.append(
                f"{path} ({name}) has sha256 {actual}, not the {record.get('sha256') or '(none)'} "
                f"its fetch recorded, so it changed after it was fetched: {restore}"
            )
        elif record.get("sha256_pinned") and actual not in (pins.get(name) or {actual}):
            problems.append(
                f"{path} ({name}) has sha256 {actual}, which the source registry no longer pins: {restore}"
            )
    if problems:
        raise BuildError(
            "the build reads only the raw files as fetched and verified, and "
            + ("this one is not" if len(problems) == 1 else f"{len(problems)} are not")
            + " (the database was left as it was): "
            + "; ".join(problems)
        )
    return len(provenance)

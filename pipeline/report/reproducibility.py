"""The footer's facts: what software, which commit, what command and settings made the report.

Nothing here reads the clock: a timestamp appears only when SOURCE_DATE_EPOCH asks for one,
so the same inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from dpeace import __version__, paths
from dpeace.report.errors import ReportError

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# The exact software `make setup` installs (see `make lock`).
LOCK_FILE = REPO_ROOT / "requirements.lock"


def _git(*arguments: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


def git_commit() -> str:
    """HEAD's commit, with '-dirty' when the working tree differs from it."""
    commit = _git("rev-parse", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    status = _git("status", "--porcelain")
    return f"{commit}-dirty" if status else commit


def build_date() -> str | None:
    """The date SOURCE_DATE_EPOCH names (reproducible-builds convention), or none at all."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise ReportError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a count of seconds since 1970: fix or unset it"
        ) from error
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _version_of(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def software_versions(results_software: dict) -> list[dict]:
    """The versions the models ran with (from the results), then the report's own: one row
    per package and version, naming every stage that used it (a package both stages ran
    at one version is listed once)."""
    rows = [
        {"name": name, "version": version, "stage": "model"}
        for name, version in sorted(results_software.items())
    ]
    for name, version in (
        ("dpeace", __version__),
        ("python", platform.python_version()),
        ("duckdb", _version_of("duckdb")),
        ("jinja2", _version_of("jinja2")),
        ("matplotlib", _version_of("matplotlib")),
    ):
        same = next((row for row in rows if (row["name"], row["version"]) == (name, version)), None)
        if same is not None:
            same["stage"] = "model, report"
        else:
            rows.append({"name": name, "version": version, "stage": "report"})
    return rows


def software_lock(lock_file: Path = LOCK_FILE) -> str:
    """The lock's sha256, and whether the installed versions are the locked ones."""
    try:
        content = lock_file.read_bytes()
    except FileNotFoundError:
        return f"no {lock_file.name} (not a checkout of the repo)"
    digest = hashlib.sha256(content).hexdigest()
    text = content.decode("utf-8")
    locked = re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", text, flags=re.MULTILINE)
    differ = [
        f"{name} {_version_of(name)} (locked {version})"
        for name, version in locked
        if _version_of(name) != version
    ]
    if differ:
        return f"{lock_file.name} sha256 {digest}; installed versions differ: {', '.join(differ)}"
    return f"{lock_file.name} sha256 {digest}; all {len(locked)} locked versions installed"


def shown_path(path: Path) -> str:
    """A path relative to the working directory when it lies inside it (as under `make`)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def mirror_roots(fetched_files: dict) -> list[str]:
    """Where files came from when not from their official URLs (the mirror's root)."""
    roots = set()
    for entry in fetched_files.values():
        fetched_from = entry.get("fetched_from") or entry["url"]
        if fetched_from == entry["url"]:
            continue
        # A mirror keeps each file under its official host and path: <root>/<host>/<path>.
        host = urlsplit(entry["url"]).netloc
        root, found, _ = fetched_from.partition(f"/{host}/")
        roots.add(root if found else fetched_from)
    return sorted(roots)


def configuration(
    fetched_files: dict,
    democracy_threshold: int,
    build_id: str | None = None,
    curve_build_id: str | None = None,
) -> list[dict]:
    """The settings that shaped the report (its own location is not one: it changes no byte)."""
    mirror_setting = os.environ.get("DPEACE_MIRROR")
    roots = mirror_roots(fetched_files)
    # The database's build_info.build_id, which the model results share (dpeace.build_identity).
    build = [{"name": "Build id (database and model results)", "value": build_id}] if build_id else []
    # The curve's own record of its build: `dpeace report` refuses a curve of another build.
    if curve_build_id:
        build.append({"name": "Build id (specification curve)", "value": curve_build_id})
    return build + [
        {"name": "DPEACE_MIRROR (at report time)", "value": mirror_setting or "not set"},
        {
            "name": "Data fetched from",
            "value": ", ".join(roots) if roots else "the publishers' official URLs",
        },
        {"name": "Joint democracy threshold", "value": f"both states' polity2 \u2265 {democracy_threshold}"},
        {"name": "Database", "value": shown_path(paths.database_path())},
        {"name": "Model results", "value": shown_path(paths.model_results_path())},
        {"name": "Provenance", "value": shown_path(paths.provenance_path())},
        {"name": "Software lock", "value": software_lock()},
    ]

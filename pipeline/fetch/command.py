"""The `dpeace fetch` verb."""

from __future__ import annotations

import argparse

from dpeace.data_lock import data_folder_lock
from dpeace.fetch.limits import (
    DEFAULT_FILE_DEADLINE,
    DEFAULT_MIN_RATE,
    DEFAULT_TIMEOUT,
    SETTINGS,
    fetch_limits,
)
from dpeace.fetch.provenance import known_records
from dpeace.fetch.registry import load_registry


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "fetch",
        help="download the public datasets, verified, into data/raw/",
        description=(
            "Download the datasets in the source registry from their official URLs (or a "
            "mirror), verify each file (sha256, header, row count) and cache it under "
            "data/raw/<source>/, recording its provenance in data/raw/provenance.json. "
            "A cached file whose checksum matches is not downloaded again."
        ),
    )
    parser.add_argument(
        "datasets",
        nargs="*",
        metavar="DATASET",
        help="source ids or file names to fetch (default: all; see --list)",
    )
    parser.add_argument("--force", action="store_true", help="download again even if cached")
    parser.add_argument(
        "--take-unpinned",
        action="store_true",
        help="try each file's forms in the registry's order, the official one first, even one "
        "whose checksum is not pinned (Polity's .xls), replacing a verified pinned copy. Without "
        "it, pinned forms come first and an unpinned one is a last resort that never replaces "
        "a pinned copy",
    )
    parser.add_argument(
        "--mirror",
        metavar="M",
        help="read files from a mirror instead of the publishers' sites: a folder, a "
        "file:// URL or an http(s):// base URL laid out as host/path "
        "(default: $DPEACE_MIRROR)",
    )
    parser.add_argument(
        "--list", action="store_true", help="list the registry's datasets and files, fetch nothing"
    )
    limits = parser.add_argument_group(
        "time limits",
        "A host that times out (silent past --timeout, slower than --min-rate, or past "
        "--file-deadline) is not asked again in the same run: its remaining files fail at once, "
        "each by name. Failed files leave the cache and provenance as they were.",
    )
    limits.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="wait this long for a connection and then for each next byte "
        f"(default ${SETTINGS['timeout'][0]} or {DEFAULT_TIMEOUT:g}; one retry after a timeout)",
    )
    limits.add_argument(
        "--file-deadline",
        type=float,
        metavar="SECONDS",
        help="the most one file's download may take, retries included, however steadily bytes "
        f"arrive (default ${SETTINGS['file_deadline'][0]} or {DEFAULT_FILE_DEADLINE:g})",
    )
    limits.add_argument(
        "--min-rate",
        type=float,
        metavar="BYTES_PER_S",
        help="the least a download must average once it has run for --timeout seconds "
        f"(default ${SETTINGS['min_rate'][0]} or {DEFAULT_MIN_RATE:g})",
    )
    limits.add_argument(
        "--deadline",
        type=float,
        metavar="SECONDS",
        help="the most the whole fetch may take; the files not fetched by then are named "
        f"(default ${SETTINGS['deadline'][0]}, else no limit)",
    )
    parser.set_defaults(handler=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    # Imported here: the fetcher's HTTP stack (requests, urllib3) is a tenth of a second
    # that every other verb would pay at start-up, the parser being built with all verbs.
    from dpeace.fetch.fetcher import fetch

    if args.list:
        print(registry_listing())
        return 0
    # Only to tell "cached" from "fetched": a damaged file is fetch()'s to report.
    earlier = known_records(damaged_ok=True)
    limits = fetch_limits(
        timeout=args.timeout, file_deadline=args.file_deadline, min_rate=args.min_rate, deadline=args.deadline
    )
    with data_folder_lock("fetch"):
        records = fetch(
            args.datasets or None,
            mirror=args.mirror,
            force=args.force,
            take_unpinned=args.take_unpinned,
            limits=limits,
        )
    for name, record in records.items():
        print(result_line(record, earlier.get(name)))
    return 0


def result_line(record: dict, earlier: dict | None) -> str:
    from dpeace.fetch.fetcher import HAND_PLACED

    if record.get("fetched_from") == HAND_PLACED:
        status = HAND_PLACED
    elif _served_from_cache(record, earlier):
        status = "cached"
    else:
        status = "fetched"
    return f"{record['name']:<16} {status:<11} sha256 {record['sha256'][:12]}  {record['rows']:>7} rows"


def registry_listing() -> str:
    lines = []
    for source in load_registry().values():
        lines.append(f"{source.id:<16} {source.title} {source.version} ({source.publisher})")
        for file in source.files:
            member = f" [{file.member}]" if file.member else ""
            by_hand = f" (landing page: {file.filename} is downloaded by hand)" if file.by_hand else ""
            lines.append(f"  {file.name:<16} {file.url}{member}{by_hand}")
    return "\n".join(lines)


def _served_from_cache(record: dict, earlier: dict | None) -> bool:
    # A cache hit keeps what was fetched, from where and when, but takes the registry's
    # current description of the dataset (title, citation...), which may have changed.
    kept = ("path", "sha256", "fetched_from", "fetched_at")
    return earlier is not None and all(record.get(key) == earlier.get(key) for key in kept)

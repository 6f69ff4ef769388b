"""A synthetic world of any size, written as a warm raw-data cache the build can run on.

`write_world` puts every registry file at its cache place (data/raw/<source_id>/<file>)
in the real files' formats (line endings and quoting included) and writes a provenance
file saying where they came from, so `dpeace build` runs on it without a fetch. The
scaling benchmark uses it to grow the number of states beyond the real world's.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from dpeace.bench.r_data_files import write_r_data
from dpeace.bench.synthetic_attributes import Attributes, generate_attributes
from dpeace.bench.synthetic_disputes import Dispute, generate_disputes
from dpeace.bench.synthetic_states import Membership, generate_membership
from dpeace.bench.synthetic_tables import world_tables
from dpeace.fetch.registry import SourceFile, all_files, load_registry

# How the published files are laid out, so the staging code meets the same bytes.
LINE_ENDINGS = {
    "mida": "\r\n",
    "midb": "\r\n",
    "midi": "\r\n",
    "midip": "\r\n",
    "interstate_wars": "\r",
    "atop_members": "\r\n",
    "atop_alliances": "\r\n",
    "atop_state_years": "\r\n",
    "bmr_democracy": "\r\n",
    "gw_states": "\r\n",
    "capdist": "\r\n",
}
QUOTED_TEXT = {"midb", "midip", "contdird"}  # string cells in double quotes
NO_FINAL_NEWLINE = {"states", "system", "majors"}


@dataclass(frozen=True)
class SyntheticWorld:
    seed: int
    membership: Membership
    attributes: Attributes
    disputes: list[Dispute]
    tables: dict[str, pd.DataFrame]


def generate_world(state_count: int, seed: int = 0) -> SyntheticWorld:
    rng = np.random.default_rng(seed)
    membership = generate_membership(rng, state_count)
    attributes = generate_attributes(rng, membership)
    disputes = generate_disputes(rng, membership, attributes)
    return SyntheticWorld(
        seed, membership, attributes, disputes, world_tables(membership, attributes, disputes)
    )


WRITTEN_FORMATS = ("csv", "tsv", "rdata")


def written_form(source_file: SourceFile):
    """The form the world writes: the official one, or the first CSV alternative (Polity's .xls)."""
    return next(form for form in source_file.forms if form.format in WRITTEN_FORMATS)


def cache_path(source_file: SourceFile) -> PurePosixPath:
    """Where the fetcher caches a file, relative to data/raw: <source_id>/<file name>."""
    name = source_file.filename or PurePosixPath(source_file.member or written_form(source_file).url).name
    return PurePosixPath(source_file.source_id) / name


def tsv_text(name: str, table: pd.DataFrame) -> str:
    """A header-less tab-separated file, as Gleditsch-Ward's lists are."""
    line_ending = LINE_ENDINGS.get(name, "\n")
    return "".join(
        "\t".join(str(value) for value in row) + line_ending for row in table.itertuples(index=False)
    )


def csv_text(name: str, table: pd.DataFrame) -> str:
    line_ending = LINE_ENDINGS.get(name, "\n")
    text = table.to_csv(
        index=False,
        lineterminator=line_ending,
        quoting=csv.QUOTE_NONNUMERIC if name in QUOTED_TEXT else csv.QUOTE_MINIMAL,
    )
    if name in QUOTED_TEXT:
        # QUOTE_NONNUMERIC quotes the header too; the real files' headers are bare.
        header, rest = text.split(line_ending, 1)
        text = header.replace('"', "") + line_ending + rest
    if name in NO_FINAL_NEWLINE:
        text = text.rstrip("\n")
    return text


def write_file(target: Path, source_file: SourceFile, file_format: str, table: pd.DataFrame) -> bytes:
    """Write one registry file in its published format; return its bytes."""
    if file_format == "rdata":
        write_r_data(target, table, source_file.r_object)
        return target.read_bytes()
    if file_format == "tsv":
        data = tsv_text(source_file.name, table).encode(source_file.encoding)
    else:
        data = csv_text(source_file.name, table).encode("utf-8")
    target.write_bytes(data)
    return data


def write_world(world: SyntheticWorld, raw_dir: Path, registry_path: Path | None = None) -> dict[str, dict]:
    """Write every registry file and provenance.json under raw_dir; return the records."""
    from dpeace.fetch.provenance import write_provenance

    sources = load_registry(registry_path)
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    records = {}
    for source_file in all_files(sources):
        source = sources[source_file.source_id]
        relative = cache_path(source_file)
        form = written_form(source_file)
        target = Path(raw_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = write_file(target, source_file, form.format, world.tables[source_file.name])
        records[source_file.name] = {
            "name": source_file.name,
            "source_id": source_file.source_id,
            "title": source.title,
            "publisher": source.publisher,
            "version": source.version,
            "citation": source.citation,
            "url": form.url,
            "fetched_from": f"synthetic world (dpeace.bench), seed {world.seed}",
            "path": relative.as_posix(),
            "format": form.format,
            "member": source_file.member,
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
            "rows": len(world.tables[source_file.name]),
            "fetched_at": fetched_at,
            "sha256_pinned": False,
            **(
                {"columns": list(source_file.columns), "encoding": source_file.encoding}
                if form.format == "tsv"
                else {}
            ),
            **({"object": source_file.r_object} if form.format == "rdata" else {}),
        }
    write_provenance(records, Path(raw_dir) / "provenance.json")
    return records

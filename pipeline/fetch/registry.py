"""The source registry (sources.toml) as typed objects.

A Source is one dataset (publisher, version, citation); a SourceFile is one file taken
from it, the unit that is downloaded, verified, cached and loaded as raw_<name>.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dpeace.errors import FetchError


@dataclass(frozen=True)
class FileForm:
    """One form in which a file's content is published (the official one or an alternative)."""

    url: str
    format: str
    sha256: str
    # For a zip member: this form is the member itself, published unzipped (not a zip).
    unzipped: bool = False


@dataclass(frozen=True)
class SourceFile:
    name: str
    source_id: str
    url: str
    sha256: str
    format: str
    columns: tuple[str, ...]
    rows: tuple[int, int]
    member: str | None = None
    alternatives: tuple[FileForm, ...] = ()
    # A header-less format (tsv) declares its columns here and takes them as the header.
    encoding: str = "utf-8"
    # A file with no direct download URL: `url` is the publisher's landing page, from
    # which a user downloads `filename` by hand; a mirror keeps it at `mirror_path`.
    by_hand: bool = False
    filename: str | None = None
    mirror_path: str | None = None
    # An R data file (format rdata): the name of the object to read from an .rda; None
    # for an .rds, which holds one unnamed object.
    r_object: str | None = None

    @property
    def forms(self) -> tuple[FileForm, ...]:
        """The official form first, then the alternatives, in the order to try them."""
        return (FileForm(self.url, self.format, self.sha256), *self.alternatives)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    version: str
    citation: str
    files: tuple[SourceFile, ...] = field(default_factory=tuple)


def _parse(document: dict) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for source_id, entry in document["sources"].items():
        files = tuple(
            SourceFile(
                name=f["name"],
                source_id=source_id,
                url=f["url"],
                sha256=f.get("sha256", ""),
                format=f.get("format", "csv"),
                columns=tuple(f["columns"]),
                rows=(int(f["rows"][0]), int(f["rows"][1])),
                member=f.get("member"),
                encoding=f.get("encoding", "utf-8"),
                by_hand=bool(f.get("by_hand", False)),
                filename=f.get("filename"),
                mirror_path=f.get("mirror_path"),
                r_object=f.get("object"),
                alternatives=tuple(
                    FileForm(
                        a["url"], a.get("format", "csv"), a.get("sha256", ""), bool(a.get("unzipped", False))
                    )
                    for a in f.get("alternatives", [])
                ),
            )
            for f in entry["files"]
        )
        sources[source_id] = Source(
            id=source_id,
            title=entry["title"],
            publisher=entry["publisher"],
            version=str(entry["version"]),
            citation=entry["citation"],
            files=files,
        )
    for file in (f for s in sources.values() for f in s.files):
        if file.by_hand and not (file.filename and file.mirror_path):
            raise ValueError(
                f"source registry: {file.name} is fetched by hand, so it needs filename and mirror_path"
            )
    for file in (f for s in sources.values() for f in s.files):
        if file.format == "rdata" and file.r_object is None and not file.url.endswith(".rds"):
            raise ValueError(
                f"source registry: {file.name} is an R data file (.rda): name the object to read (object)"
            )
    names = [f.name for s in sources.values() for f in s.files]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ValueError(f"source registry: file names must be unique, repeated: {duplicated}")
    return sources


def load_registry(path: Path | None = None) -> dict[str, Source]:
    """Read the registry: the packaged sources.toml, or another file (tests use their own)."""
    where = resources.files("dpeace.fetch").joinpath("sources.toml") if path is None else Path(path)
    try:
        return _parse(tomllib.loads(where.read_text("utf-8")))
    except tomllib.TOMLDecodeError as error:
        problem = f"it is not valid TOML ({error})"
    except KeyError as error:
        problem = f"an entry lacks the key {error}"
    except (TypeError, ValueError, AttributeError, IndexError) as error:
        problem = str(error)
    raise FetchError(
        f"the source registry {where} cannot be read: {problem}; fix the file "
        "(or restore it: git checkout pipeline/fetch/sources.toml)"
    )


def all_files(sources: dict[str, Source]) -> list[SourceFile]:
    return [f for s in sources.values() for f in s.files]

"""Fetch the registry's files into the cache, verified, and record their provenance.

Each file is taken in the first of its published forms that exists (the official URL,
then the registry's alternatives), read from the web or from a mirror, checked (not an
HTML page, a sound zip holding the member, the pinned sha256, the header, a plausible
number of rows) in a scratch folder beside the cache, and only then renamed into
`data/raw/<source_id>/<basename>`. A failure leaves the cache as it was.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
import tomllib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from dpeace.atomic_files import replaced_on_success
from dpeace.errors import FetchError
from dpeace.fetch.failures import DeadlinePassed, NotFound, TimedOut, Unreachable
from dpeace.fetch.http import HttpClient
from dpeace.fetch.limits import FetchLimits, fetch_limits, file_deadline, run_deadline
from dpeace.fetch.mirror import copy_from_folder, is_remote, locate, mirror_root
from dpeace.fetch.provenance import known_records, write_provenance
from dpeace.fetch.registry import FileForm, Source, SourceFile, all_files, load_registry
from dpeace.fetch.verify import (
    ChecksumMismatch,
    check_columns,
    check_not_html,
    check_rows,
    checksum,
    file_shape,
    sha256_of,
)
from dpeace.fetch.zipped import extract_member
from dpeace.leftovers import remove_leftovers, scratch_prefix
from dpeace.paths import data_dir, ensure_writable_folder, provenance_path, raw_dir

log = logging.getLogger(__name__)

HAND_PLACED = "hand-placed"


def fetch(
    names: list[str] | None = None,
    *,
    mirror: str | None = None,
    force: bool = False,
    registry_path: Path | None = None,
    take_unpinned: bool = False,
    limits: FetchLimits | None = None,
) -> dict[str, dict]:
    """Fetch the named datasets (source ids or file names; None: all) unless cached.

    Returns the provenance record of every file asked for, fetched or found cached, and
    merges them into the provenance file. `mirror` None means DPEACE_MIRROR, if set.
    take_unpinned: the user asks for the forms in registry order (the official one first),
    even one with no pinned checksum, replacing a verified pinned copy. `limits` None means
    the limits from the environment and the defaults (dpeace.fetch.limits).
    """
    sources = _load(registry_path)
    files = select_files(sources, names)
    if limits is None:
        limits = fetch_limits()
    if mirror is None:
        mirror = os.environ.get("DPEACE_MIRROR") or None
    if mirror:
        mirror_root(mirror)  # a mistyped mirror fails before anything is downloaded
    # Only a forced fetch of every file may start a damaged provenance afresh: one of some
    # files would keep only their records.
    records = known_records(damaged_ok=force and not names)
    known_before = dict(records)
    chosen: dict[str, dict] = {}
    failures: list[str] = []
    with _Run(mirror, limits) as run:
        for file in files:
            source = sources[file.source_id]
            earlier = records.get(file.name)
            record = None if force else cached_record(file, source, earlier)
            if record is None:
                keep = None if take_unpinned else _verified_pinned_copy(file, earlier)
                try:
                    record = run.fetch_file(
                        file, source, unpinned_allowed=keep is None, registry_order=take_unpinned
                    )
                except FetchError as error:
                    # The other files are still fetched, so that one run names every failure.
                    failures.append(str(error))
                    continue
                if record is None:
                    log.warning(
                        "%s: no form with a pinned checksum could be fetched; the verified copy at %s "
                        "is kept (a form with no pinned checksum never replaces a pinned one)",
                        file.name,
                        raw_dir() / keep["path"],
                    )
                    record = keep
                _remove_replaced(earlier, record, asked=take_unpinned)
            chosen[file.name] = record
            if record != earlier:
                records[file.name] = record
                # Written per file so that a later failure keeps the files already verified.
                write_provenance(records)
    if len(failures) == 1:
        raise FetchError(failures[0])
    if failures:
        listed = "\n  ".join(failures)
        others = " (the others are cached and verified)" if len(failures) < len(files) else ""
        raise FetchError(f"{len(failures)} of {len(files)} files could not be fetched{others}:\n  {listed}")
    # Written only when a record changed: a fetch that found every file cached and verified
    # leaves every file as it was, bytes and mtime, so nothing after it looks stale to make.
    if records != known_before or not provenance_path().exists():
        write_provenance(records)
    return chosen


def select_files(sources: dict[str, Source], names: list[str] | None) -> list[SourceFile]:
    """The files meant by `names` (source ids or file names), in registry order for each."""
    every = all_files(sources)
    if not names:
        return every
    chosen: list[SourceFile] = []
    unknown = []
    for name in names:
        matches = list(sources[name].files) if name in sources else [f for f in every if f.name == name]
        if not matches:
            unknown.append(name)
        chosen.extend(f for f in matches if f not in chosen)
    if unknown:
        raise FetchError(
            f"unknown dataset {', '.join(unknown)}: give a source id "
            f"({', '.join(sources)}) or a file name ({', '.join(f.name for f in every)})"
        )
    return chosen


def cache_path(file: SourceFile, form: FileForm) -> Path:
    """data/raw/<source_id>/<basename>: a zip member's basename, a by-hand file's name, else the URL's."""
    if file.filename:
        basename = file.filename
    elif file.member:
        basename = PurePosixPath(file.member).name
    else:
        basename = PurePosixPath(unquote(urlsplit(form.url).path)).name
    return raw_dir() / file.source_id / basename


def cached_record(file: SourceFile, source: Source, earlier: dict | None) -> dict | None:
    """The record of a sound cached copy of `file`, or None when it must be fetched.

    A copy is sound when its sha256 is the one recorded and the registry's pin (if any).
    A copy with no record is one someone put there by hand: it is taken when it matches
    the pin, or, for a form with no pin, when its header and row count pass.
    """
    forms = {cache_path(file, form): form for form in file.forms}
    if earlier is not None:
        path = raw_dir() / earlier["path"]
        form = forms.get(path)
        if form is not None and path.is_file():
            actual = sha256_of(path)
            if actual == earlier["sha256"] and form.sha256 in ("", actual):
                log.debug("%s: cached at %s", file.name, path)
                # What was fetched, from where and when stays; what the registry says of
                # the dataset (title, version, citation, official URL) follows the registry.
                return {**earlier, **_registry_fields(file, source)}
    for path, form in forms.items():
        # An unpinned file that no longer has its recorded sum was changed: fetch it again.
        altered = earlier is not None and raw_dir() / earlier["path"] == path and not form.sha256
        if path.is_file() and not altered:
            record = _hand_placed(file, source, form, path)
            if record is not None:
                return record
    return None


def _hand_placed(file: SourceFile, source: Source, form: FileForm, path: Path) -> dict | None:
    actual = sha256_of(path)
    if form.sha256 and actual != form.sha256:
        if file.by_hand:
            # Nothing to fetch it again from: say what is wrong with the user's copy.
            raise FetchError(
                f"{_label(file, source)}: the file at {path} has sha256 {actual}, not the "
                f"registry's {form.sha256}: it is not {file.filename} as the registry pins it. "
                f"{_by_hand(file)}"
            )
        log.warning(
            "%s: %s has sha256 %s, not the registry's %s; fetching it again",
            file.name,
            path,
            actual,
            form.sha256,
        )
        return None
    try:
        rows = _check_shape(path, file, form)
    except FetchError as error:
        raise FetchError(f"{_label(file, source)}: the file at {path}: {error}") from None
    log.info("%s: using the file found at %s", file.name, path)
    return _record(file, source, form, path, HAND_PLACED, actual, rows)


class _Run:
    """One fetch run: its scratch folder, its HTTP client, the zips it downloaded, its deadline
    and the hosts it gave up on."""

    def __init__(self, mirror: str | None, limits: FetchLimits | None = None) -> None:
        self.mirror = mirror
        self.limits = limits or fetch_limits()
        self._deadline = run_deadline(self.limits)
        self._client: HttpClient | None = None
        self._archives: dict[str, Path] = {}
        self._scratch_count = 0
        # host -> what its first timeout said: a host that hung once is not asked again.
        self._timed_out: dict[str, str] = {}

    def __enter__(self) -> _Run:
        ensure_writable_folder(data_dir())
        remove_leftovers(data_dir(), ".fetch-*")
        # Beside the cache so that a verified file is renamed in, never copied half-way.
        self._scratch = tempfile.TemporaryDirectory(prefix=scratch_prefix(), dir=data_dir())
        return self

    def __exit__(self, *exc) -> None:
        self._scratch.cleanup()
        if self._client is not None:
            self._client.close()

    def fetch_file(
        self, file: SourceFile, source: Source, unpinned_allowed: bool = True, registry_order: bool = False
    ) -> dict | None:
        """The record of `file` fetched in its first available form, pinned forms first
        (registry_order: as the registry lists them, when the user asked for that).

        A form with no pinned checksum is only a last resort, taken with a warning, and
        not at all when unpinned_allowed is false (None is returned then).
        """
        label = _label(file, source)
        if file.by_hand and not self.mirror:
            raise FetchError(
                f"{label}: {file.url} is a landing page, not a file to download. {_by_hand(file)}"
            )
        missing = []
        forms = list(file.forms) if registry_order else forms_to_try(file)
        for position, form in enumerate(forms):
            if not form.sha256 and not unpinned_allowed:
                return None
            location = _location(file, form, self.mirror)
            try:
                record = self._fetch_form(file, source, form, location)
            except NotFound as error:
                more = "; trying its next published form" if position + 1 < len(forms) else ""
                log.info("%s: note: %s%s", file.name, error, more)
                missing.append(str(error))
                continue

            except Unreachable as error:
                raise FetchError(f"{label}: {error}. {_by_hand(file)}") from None
            except DeadlinePassed as error:
                raise FetchError(f"{label}: not fetched: {error}") from None
            except ChecksumMismatch as error:
                raise FetchError(
                    f"{label}: checksum mismatch for {location}{_member(file)}: expected "
                    f"sha256 {error.expected}, got {error.actual}. If the publisher has "
                    "released a new version, check its release notes, then update sha256 "
                    f'for file "{file.name}" in pipeline/fetch/sources.toml and run '
                    f"`dpeace fetch {file.name} --force`"
                ) from None
            except FetchError as error:
                where = "" if location in str(error) else f"{location}{_member(file)}: "
                raise FetchError(f"{label}: {where}{error}") from None
            except OSError as error:
                # A full disk, a read-only cache: the file it was writing, not just the reason.
                raise FetchError(
                    f"{label}: cannot fetch {location}{_member(file)} into {cache_path(file, form)}: "
                    f"{error.strerror or error}; free some space or make the data folder writable, "
                    f"then run `dpeace fetch {file.name}` again"
                ) from None
            if not form.sha256:
                log.warning(
                    "%s: WARNING: took %s, a form with no pinned checksum (only its header and row "
                    'count were checked); the report marks it "not pinned"',
                    file.name,
                    location,
                )
            return record
        raise FetchError(f"{label}: not found at any of its URLs: {'; '.join(missing)}. {_by_hand(file)}")

    def _fetch_form(self, file: SourceFile, source: Source, form: FileForm, location: str) -> dict:
        zipped = bool(file.member) and not form.unzipped
        downloaded = self._retrieve(location, file, zipped)
        check_not_html(downloaded, "a zip archive" if zipped else _expected_kind(form))
        if zipped:
            candidate = self._scratch_file(PurePosixPath(file.member).name)
            extract_member(downloaded, file.member, candidate)
        else:
            candidate = downloaded
        actual = checksum(candidate, form.sha256)
        rows = _check_shape(candidate, file, form)
        final = cache_path(file, form)
        final.parent.mkdir(parents=True, exist_ok=True)
        _move_into_place(candidate, final)
        log.info("%s: fetched %s (%d rows)", file.name, final, rows)
        return _record(file, source, form, final, location, actual, rows)

    def _retrieve(self, location: str, file: SourceFile, zipped: bool) -> Path:
        """Download or copy `location` to the scratch folder; a zip only once per run."""
        if zipped and location in self._archives:
            return self._archives[location]
        if self._deadline is not None and self._deadline.passed():
            raise DeadlinePassed(f"{self._deadline.said} passed before its turn")
        target = self._scratch_file(PurePosixPath(unquote(urlsplit(location).path)).name)
        if is_remote(location):
            self._download(location, target, file)
        else:
            copy_from_folder(location, target)
        if zipped:
            self._archives[location] = target
        return target

    def _download(self, location: str, target: Path, file: SourceFile) -> None:
        host = urlsplit(location).netloc
        if host in self._timed_out:
            raise FetchError(
                f"{location} was not asked for: its host {host} timed out earlier in this run "
                f"({self._timed_out[host]}), so the run gave up on it"
            )
        log.info("%s: downloading %s", file.name, location)
        deadline = file_deadline(self.limits, self._deadline)
        try:
            self._http().download(location, target, label=file.name, deadline=deadline)
        except TimedOut as error:
            self._timed_out[host] = f"{file.name}: {error}"
            raise

    def _scratch_file(self, basename: str) -> Path:
        # A folder per file keeps the publisher's name, whose suffix tells calamine the format.
        self._scratch_count += 1
        folder = Path(self._scratch.name) / str(self._scratch_count)
        folder.mkdir()
        return folder / basename

    def _http(self) -> HttpClient:
        if self._client is None:
            self._client = HttpClient(self.limits)
        return self._client


def _move_into_place(candidate: Path, final: Path) -> None:
    """Rename the verified file into the cache; when the cache is on another file system (a
    symlinked data/raw), copy it to a temporary file beside its destination and rename that,
    so the replace never crosses file systems and never leaves half a file."""
    try:
        os.replace(candidate, final)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        with replaced_on_success(final) as temporary:
            shutil.copyfile(candidate, temporary)
        candidate.unlink()


def _location(file: SourceFile, form: FileForm, mirror: str | None) -> str:
    """Where to read a form from: its URL, its place in the mirror, or a by-hand file's mirror path."""
    if not file.by_hand:
        return locate(form.url, mirror)
    root = mirror_root(mirror)
    if is_remote(root):
        return f"{root}/{file.mirror_path}"
    return str(Path(root, *file.mirror_path.split("/")))


def _expected_kind(form: FileForm) -> str:
    if form.format == "rdata":
        return "an R data file (.rda/.rds)"
    return f"a {form.format.upper()} file"


def _check_shape(path: Path, file: SourceFile, form: FileForm) -> int:
    header, rows = file_shape(path, form.format, file.columns, file.encoding, file.r_object)
    check_columns(header, file.columns)
    check_rows(rows, file.rows)
    return rows


def _registry_fields(file: SourceFile, source: Source) -> dict:
    return {
        "name": file.name,
        "source_id": file.source_id,
        "title": source.title,
        "publisher": source.publisher,
        "version": source.version,
        "citation": source.citation,
        "official_url": file.url,
    }


def _record(
    file: SourceFile,
    source: Source,
    form: FileForm,
    path: Path,
    fetched_from: str,
    sha256: str,
    rows: int,
) -> dict:
    return {
        **_registry_fields(file, source),
        # The form actually taken; official_url differs when an alternative was used
        # (Polity5 as a CSV export of the official Excel file).
        "url": form.url,
        "fetched_from": fetched_from,
        "path": path.relative_to(raw_dir()).as_posix(),
        "format": form.format,
        "member": file.member,
        "sha256": sha256,
        "bytes": path.stat().st_size,
        "rows": rows,
        "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sha256_pinned": bool(form.sha256),
        # A header-less file's column names and encoding, which the loader cannot read from it.
        **({"columns": list(file.columns), "encoding": file.encoding} if form.format == "tsv" else {}),
        # The R object the loader reads from an .rda (an .rds holds only one).
        **({"object": file.r_object} if form.format == "rdata" else {}),
    }


def forms_to_try(file: SourceFile) -> list[FileForm]:
    """The file's forms with a pinned checksum first (in registry order), then the others.

    A form whose bytes nobody pinned (Polity's official .xls) is taken only when no pinned
    form is to be had, so that it can never stand in for a verified one unnoticed.
    """
    return sorted(file.forms, key=lambda form: not form.sha256)


def _verified_pinned_copy(file: SourceFile, earlier: dict | None) -> dict | None:
    """The earlier record when it is of a pinned form whose cached bytes still match it."""
    if not earlier or not earlier.get("sha256_pinned") or not earlier.get("path"):
        return None
    path = raw_dir() / earlier["path"]
    pinned = {form.sha256 for form in file.forms if form.sha256}
    if path.is_file() and earlier.get("sha256") in pinned and sha256_of(path) == earlier["sha256"]:
        return earlier
    return None


def _remove_replaced(earlier: dict | None, record: dict, asked: bool = False) -> None:
    """Drop the old cached form of a file now cached, verified against a pin, in another.

    A copy whose form is pinned is never dropped unless the user asked for another form
    (`dpeace fetch --take-unpinned`): otherwise only an unpinned one gives way, and only to
    a pinned one (Polity: a hand-placed .xls -> the pinned .csv).
    """
    if (
        earlier
        and earlier.get("path")
        and earlier["path"] != record["path"]
        and (asked or (record.get("sha256_pinned") and not earlier.get("sha256_pinned")))
    ):
        (raw_dir() / earlier["path"]).unlink(missing_ok=True)


def _load(registry_path: Path | None) -> dict[str, Source]:
    try:
        return load_registry(registry_path)
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as error:
        where = registry_path or "pipeline/fetch/sources.toml"
        raise FetchError(f"cannot read the source registry {where}: {error!r}") from None


def _label(file: SourceFile, source: Source) -> str:
    return f"{file.name} ({source.title} {source.version})"


def _member(file: SourceFile) -> str:
    return f" (member {file.member!r})" if file.member else ""


def _by_hand(file: SourceFile) -> str:
    official, *alternatives = file.forms
    target = cache_path(file, official).resolve()
    if file.by_hand:
        return (
            f"Download {file.filename} by hand from its landing page {file.url} and put it at "
            f"{target} (it is then verified against its pinned sha256), or set DPEACE_MIRROR "
            f"(or --mirror) to a mirror folder or URL holding it at {file.mirror_path}"
        )
    if file.member:
        advice = f"To fetch it by hand, download {official.url}, take its member {file.member!r} and put it at {target}"
    else:
        advice = f"To fetch it by hand, download {official.url} and put it at {target}"
    for form in alternatives:
        advice += f" (or {form.url} at {cache_path(file, form).resolve()})"
    return advice + ", or set DPEACE_MIRROR (or --mirror) to a mirror folder or URL"

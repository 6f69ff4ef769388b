"""Case 8 of issue 18, the fetch faults: a full disk names the file, a raw cache on another
file system is filled without crossing it, a malformed registry is one plain message."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dpeace.errors import FetchError
from dpeace.fetch.registry import all_files, load_registry
from tests.reliability.conftest import sums

OTHER_FILE_SYSTEM = Path("/dev/shm")


def test_a_full_disk_names_the_file_it_was_fetching(data_dir, mirror_dir, dpeace, monkeypatch):
    def disk_full(location, destination):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("dpeace.fetch.fetcher.copy_from_folder", disk_full)
    before = sums(data_dir)

    code, _, err = dpeace("fetch", "states", "--mirror", str(mirror_dir))

    assert code == 1
    assert "states2016.csv" in err
    assert f"into {data_dir / 'raw' / 'cow_states' / 'states2016.csv'}" in err
    assert "No space left on device" in err
    assert "`dpeace fetch states` again" in err
    assert sums(data_dir) == before


@pytest.fixture()
def raw_cache_elsewhere(data_dir):
    """data/raw a symlink to a folder on another file system (tmpfs)."""
    if not OTHER_FILE_SYSTEM.is_dir() or os.stat(OTHER_FILE_SYSTEM).st_dev == os.stat(data_dir).st_dev:
        pytest.skip(f"{OTHER_FILE_SYSTEM} is not another file system here")
    elsewhere = Path(tempfile.mkdtemp(prefix="dpeace-raw-", dir=OTHER_FILE_SYSTEM))
    (data_dir / "raw").symlink_to(elsewhere, target_is_directory=True)
    yield elsewhere
    shutil.rmtree(elsewhere)


def test_a_raw_cache_on_another_file_system_is_filled_in_place(
    data_dir, raw_cache_elsewhere, mirror_dir, dpeace
):
    code, _, err = dpeace("fetch", "states", "--mirror", str(mirror_dir))

    assert code == 0, err
    fetched = raw_cache_elsewhere / "cow_states" / "states2016.csv"
    pinned = next(file for file in all_files(load_registry()) if file.name == "states").sha256
    assert hashlib.sha256(fetched.read_bytes()).hexdigest() == pinned
    assert [path.name for path in fetched.parent.iterdir()] == ["states2016.csv"]  # no temporary left
    assert not list(data_dir.glob(".fetch-*"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[sources.cow_states\ntitle = 'x'\n", "it is not valid TOML"),
        ("[sources.cow_states]\ntitle = 'x'\n", "an entry lacks the key 'files'"),
        ("[sources.cow_states]\nfiles = 3\n", "cannot be read"),
    ],
    ids=["not-toml", "missing-key", "wrong-type"],
)
def test_a_malformed_registry_is_one_plain_message(tmp_path, text, problem):
    registry = tmp_path / "sources.toml"
    registry.write_text(text)

    with pytest.raises(FetchError) as failure:
        load_registry(registry)

    assert f"the source registry {registry} cannot be read" in str(failure.value)
    assert problem in str(failure.value)
    assert "git checkout pipeline/fetch/sources.toml" in str(failure.value)


def test_a_forced_fetch_of_some_files_never_rewrites_a_damaged_provenance(data_dir, mirror_dir, dpeace):
    """It would keep only those files' records; the whole fetch rewrites it."""
    provenance = data_dir / "raw" / "provenance.json"
    provenance.parent.mkdir()
    provenance.write_text('{"files": {"states": ')
    before = sums(data_dir)

    code, _, err = dpeace("fetch", "--force", "states", "--mirror", str(mirror_dir))

    assert code == 1
    assert f"the provenance file {provenance} is not valid JSON" in err
    assert "run `dpeace fetch --force` to write it again" in err
    assert sums(data_dir) == before

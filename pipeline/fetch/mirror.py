"""Where a file is read from when a mirror stands in for the publishers' sites.

A mirror keeps each file at its official URL's host and path: with mirror `/m`,
`https://correlatesofwar.org/wp-content/uploads/x.csv` is read from
`/m/correlatesofwar.org/wp-content/uploads/x.csv`; with `http://host:8000/base`, from
`http://host:8000/base/correlatesofwar.org/wp-content/uploads/x.csv`. A mirror is a
folder, a file:// URL, or an http(s):// base URL.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from dpeace.errors import FetchError
from dpeace.fetch.failures import NotFound


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def mirror_root(mirror: str) -> str:
    """The mirror as an http(s) base URL or a folder path; a missing folder is an error."""
    if is_remote(mirror):
        return mirror.rstrip("/")
    folder = Path(url2pathname(urlsplit(mirror).path)) if mirror.startswith("file://") else Path(mirror)
    if not folder.is_dir():
        raise FetchError(
            f"the mirror {mirror} is not a folder (give DPEACE_MIRROR or --mirror as a "
            "folder, a file:// URL or an http(s):// base URL)"
        )
    return str(folder)


def locate(url: str, mirror: str | None) -> str:
    """Where to read `url` from: the URL itself, or its place in the mirror."""
    if not mirror:
        return url
    parts = urlsplit(url)
    root = mirror_root(mirror)
    if is_remote(root):
        query = f"?{parts.query}" if parts.query else ""
        return f"{root}/{parts.netloc}{parts.path}{query}"
    return str(Path(root, parts.netloc, *unquote(parts.path).strip("/").split("/")))


def copy_from_folder(location: str, destination: Path) -> None:
    source = Path(location)
    if not source.is_file():
        raise NotFound(f"the mirror has no file at {source}")
    try:
        shutil.copyfile(source, destination)
    except OSError as error:
        raise FetchError(f"cannot copy {source} from the mirror: {error}") from None

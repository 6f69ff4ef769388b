"""The fetch failures the fetcher acts on, beyond reporting them.

A download either fails for good (FetchError), or fails in a way the fetcher answers:
NotFound moves on to the file's next published form; Unreachable adds where to put a
hand-downloaded copy, since the usual cause is a machine without network.
"""

from dpeace.errors import FetchError


class NotFound(FetchError):
    """The URL or mirror path has no such file (HTTP 404/410, or absent from a mirror folder)."""


class Unreachable(FetchError):
    """The server could not be reached or did not answer in time, after every retry."""

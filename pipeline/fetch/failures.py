"""The fetch failures the fetcher acts on, beyond reporting them.

A download either fails for good (FetchError), or fails in a way the fetcher answers:
NotFound moves on to the file's next published form; Unreachable adds where to put a
hand-downloaded copy, since the usual cause is a machine without network; TimedOut (a host
that hung or trickled) also makes the run give up on that host; DeadlinePassed is the
whole run's deadline, no fault of the host's.
"""

from dpeace.errors import FetchError


class NotFound(FetchError):
    """The URL or mirror path has no such file (HTTP 404/410, or absent from a mirror folder)."""


class Unreachable(FetchError):
    """The server could not be reached or did not answer in time, after every retry."""


class TimedOut(Unreachable):
    """The server was silent past the timeout, or too slow for the file's deadline or the minimum rate."""


class DeadlinePassed(FetchError):
    """The whole fetch's deadline (--deadline) passed before or during this file."""

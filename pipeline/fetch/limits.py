"""How long a fetch may wait: per request, per file, for the whole run.

A server that hangs or trickles must cost a bounded time. The read timeout alone cannot
promise that (it restarts with every byte), so a download also has a wall-clock deadline
and a minimum average rate, and the run an optional overall deadline. Each limit comes
from its `dpeace fetch` option, else its environment variable, else the default here.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from dpeace.errors import FetchError

# Seconds a request may wait to connect and then for each next byte.
DEFAULT_TIMEOUT = 30.0
# Seconds one file's download may take in all, retries included.
DEFAULT_FILE_DEADLINE = 600.0
# Bytes per second a download must average once it has run for its timeout.
DEFAULT_MIN_RATE = 1024.0

# option -> (environment variable, default; None: no limit)
SETTINGS = {
    "timeout": ("DPEACE_FETCH_TIMEOUT", DEFAULT_TIMEOUT),
    "file_deadline": ("DPEACE_FETCH_FILE_DEADLINE", DEFAULT_FILE_DEADLINE),
    "min_rate": ("DPEACE_FETCH_MIN_RATE", DEFAULT_MIN_RATE),
    "deadline": ("DPEACE_FETCH_DEADLINE", None),
}


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = DEFAULT_TIMEOUT
    file_deadline: float = DEFAULT_FILE_DEADLINE
    min_rate: float = DEFAULT_MIN_RATE
    deadline: float | None = None  # the whole run's seconds; None: no limit


def fetch_limits(**given: float | None) -> FetchLimits:
    """The limits from the values given (None: not given), the environment and the defaults."""
    values = {}
    for name, (variable, default) in SETTINGS.items():
        value = given.get(name)
        if value is None:
            value = _from_environment(variable, name)
        if value is None:
            value = default
        if value is not None:
            _check_positive(value, f"--{name.replace('_', '-')}")
        values[name] = value
    return FetchLimits(**values)


def _from_environment(variable: str, name: str) -> float | None:
    text = os.environ.get(variable, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FetchError(f"{variable}={text!r} is not a number of {_unit(name)}") from None
    _check_positive(value, variable)
    return value


def _check_positive(value: float, where: str) -> None:
    if not value > 0:
        raise FetchError(f"{where} must be a positive number, not {value:g}")


def _unit(name: str) -> str:
    return "bytes per second" if name == "min_rate" else "seconds"


@dataclass(frozen=True)
class Deadline:
    """A moment (time.monotonic()) a download must be done by, and how to say which limit it is."""

    at: float
    said: str  # e.g. "the 600 s a file may take (--file-deadline)"
    overall: bool = False  # the whole run's deadline, not the host's fault

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return time.monotonic() >= self.at


def file_deadline(limits: FetchLimits, run_deadline: Deadline | None) -> Deadline:
    """The earlier of the file's own deadline, starting now, and the run's."""
    own = Deadline(
        time.monotonic() + limits.file_deadline,
        f"the {limits.file_deadline:g} s a file may take (--file-deadline)",
    )
    if run_deadline is not None and run_deadline.at < own.at:
        return run_deadline
    return own


def run_deadline(limits: FetchLimits) -> Deadline | None:
    if limits.deadline is None:
        return None
    return Deadline(
        time.monotonic() + limits.deadline,
        f"the whole fetch's deadline of {limits.deadline:g} s (--deadline)",
        overall=True,
    )

"""Downloading one URL to a local file: retries, timeouts, deadlines, a progress bar, plain errors.

Retrying is urllib3's Retry (connection errors, read timeouts and 5xx, with backoff), cut
short when the file's deadline passes; this module only turns what finally came back into a
message a user can act on. The body is read as it arrives (read1, not whole 64 KiB chunks),
so that the deadline and the minimum rate are checked between bytes: a server that sends
one byte every few seconds never trips the read timeout, which restarts with each byte.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from dpeace import __version__
from dpeace.errors import FetchError
from dpeace.fetch.failures import DeadlinePassed, NotFound, TimedOut, Unreachable
from dpeace.fetch.limits import Deadline, FetchLimits, file_deadline
from dpeace.fetch.verify import html_title

USER_AGENT = f"dpeace/{__version__} (+democratic peace research pipeline)"

# Read when a client is made, so tests can shorten them with monkeypatch.
CONNECT_TIMEOUT = 10.0  # seconds at most; a shorter --timeout shortens it too
RETRIES = 3
# A server silent for a whole timeout twice is hanging, not busy: one retry, not RETRIES.
READ_RETRIES = 1
BACKOFF = 0.5  # seconds; urllib3 waits 0, then backoff * 2**(retry - 1) between attempts

RETRY_STATUSES = (500, 502, 503, 504)
CHUNK_BYTES = 1 << 16
# Below this size a download is over before a bar could tell the user anything.
PROGRESS_MIN_BYTES = 1 << 20


class _RetryUntil(Retry):
    """urllib3's Retry that is exhausted, too, once the file's deadline has passed."""

    deadline: Deadline | None = None

    def new(self, **changes) -> _RetryUntil:
        retry = super().new(**changes)
        retry.deadline = self.deadline
        return retry

    def is_exhausted(self) -> bool:
        return super().is_exhausted() or (self.deadline is not None and self.deadline.passed())


class HttpClient:
    """A requests session set up for polite, retried, time-bounded downloads of data files."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.timeout = (min(CONNECT_TIMEOUT, self.limits.timeout), self.limits.timeout)
        self.read_attempts = min(RETRIES, READ_RETRIES) + 1
        self.attempts = RETRIES + 1
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.adapter = HTTPAdapter()
        self.session.mount("http://", self.adapter)
        self.session.mount("https://", self.adapter)

    def close(self) -> None:
        self.session.close()

    def download(
        self, url: str, destination: Path, *, label: str = "", deadline: Deadline | None = None
    ) -> None:
        """Stream `url` into `destination` by `deadline` (default: the file deadline from now);
        raise NotFound, Unreachable, TimedOut, DeadlinePassed or FetchError, leaving no
        `destination` behind on failure."""
        if deadline is None:
            deadline = file_deadline(self.limits, None)
        try:
            self._download(url, destination, label, deadline)
        except BaseException:
            destination.unlink(missing_ok=True)
            raise

    def _download(self, url: str, destination: Path, label: str, deadline: Deadline) -> None:
        if deadline.passed():
            raise _late(deadline, f"{url} was not asked for: {deadline.said} had passed")
        self.adapter.max_retries = self._retry(deadline)
        connect, read = self.timeout
        timeout = (min(connect, deadline.remaining()), min(read, deadline.remaining()))
        try:
            response = self.session.get(url, stream=True, timeout=timeout)
        except requests.exceptions.RequestException as error:
            raise self._unreachable(url, error, deadline) from None
        with response:
            self._check_response(url, response, deadline)
            self._stream(url, response, destination, label, deadline)

    def _retry(self, deadline: Deadline) -> Retry:
        retry = _RetryUntil(
            total=RETRIES,
            connect=RETRIES,
            read=self.read_attempts - 1,
            status=RETRIES,
            backoff_factor=BACKOFF,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            # Hand back the last 5xx response so the message can name its status.
            raise_on_status=False,
        )
        retry.deadline = deadline
        return retry

    def _unreachable(self, url: str, error: Exception, deadline: Deadline) -> FetchError:
        timed_out = _is_read_timeout(error) or isinstance(error, requests.exceptions.ConnectTimeout)
        if timed_out and deadline.passed():
            return _late(deadline, f"{url} had not answered when {deadline.said} passed")
        if _is_read_timeout(error):
            return TimedOut(
                f"{url} did not answer within {self.timeout[1]:g} s ({self.read_attempts} attempts)"
            )
        if isinstance(error, requests.exceptions.ConnectTimeout):
            return TimedOut(
                f"could not connect to {url} within {self.timeout[0]:g} s ({self.attempts} attempts)"
            )
        if isinstance(error, requests.exceptions.ConnectionError):
            return Unreachable(f"could not connect to {url} ({self.attempts} attempts): {_root_cause(error)}")
        return FetchError(f"could not download {url}: {error}")

    def _check_response(self, url: str, response: requests.Response, deadline: Deadline) -> None:
        status = response.status_code
        if status in (404, 410):
            raise NotFound(f"{url} answered HTTP {status} {response.reason} (no such file)")
        if status in RETRY_STATUSES:
            raise FetchError(
                f"{url} answered HTTP {status} {response.reason} after {self.attempts} "
                "attempts (the server is failing; try again later or use a mirror)"
            )
        if status >= 400:
            raise FetchError(f"{url} answered HTTP {status} {response.reason}")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "text/html":
            head = b"".join(self._body(url, response, deadline, limit=CHUNK_BYTES))
            title = html_title(head)
            titled = f" titled {title!r}" if title else ""
            raise FetchError(
                f"{url} sent an HTML page{titled} (Content-Type {content_type}) where a "
                "data file was expected; publishers' sites answer automated downloads "
                "this way when they block them"
            )

    def _stream(
        self, url: str, response: requests.Response, destination: Path, label: str, deadline: Deadline
    ) -> None:
        total = int(response.headers.get("Content-Length") or 0) or None
        show = sys.stderr.isatty() and (total is None or total >= PROGRESS_MIN_BYTES)
        with (
            open(destination, "wb") as out,
            tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                desc=label or url.rsplit("/", 1)[-1],
                file=sys.stderr,
                disable=not show,
                leave=False,
            ) as bar,
        ):
            for chunk in self._body(url, response, deadline, total=total):
                out.write(chunk)
                bar.update(len(chunk))

    def _body(
        self,
        url: str,
        response: requests.Response,
        deadline: Deadline,
        total: int | None = None,
        limit: int | None = None,
    ):
        """The body's bytes as they arrive, until its end (or `limit` bytes), within the
        deadline and the minimum rate."""
        started = time.monotonic()
        received = 0
        expected = f" of {total}" if total else ""
        while limit is None or received < limit:
            elapsed = time.monotonic() - started
            if deadline.passed():
                raise _late(
                    deadline,
                    f"{url} was not done by {deadline.said}: {received}{expected} bytes in {elapsed:.1f} s",
                )
            # Judged once the download has had a whole timeout to get going.
            if elapsed >= self.limits.timeout and received < self.limits.min_rate * elapsed:
                raise TimedOut(
                    f"{url} is too slow: {received}{expected} bytes in {elapsed:.1f} s, under the "
                    f"{self.limits.min_rate:g} bytes/s a download must average (--min-rate)"
                )
            try:
                chunk = response.raw.read1(CHUNK_BYTES, decode_content=True)
            except ReadTimeoutError:
                raise TimedOut(
                    f"{url} sent nothing for {self.timeout[1]:g} s after {received}{expected} bytes"
                ) from None
            except (urllib3.exceptions.HTTPError, requests.exceptions.RequestException, OSError) as error:
                raise FetchError(
                    f"the download of {url} broke off after {received}{expected} bytes: {_root_cause(error)}"
                ) from None
            if not chunk:
                return
            received += len(chunk)
            yield chunk


def _late(deadline: Deadline, message: str) -> FetchError:
    """The whole run's deadline is no fault of the host's; a file's own deadline is."""
    return DeadlinePassed(message) if deadline.overall else TimedOut(message)


def _is_read_timeout(error: BaseException) -> bool:
    """requests reports a read timeout that exhausted the retries as a ConnectionError."""
    if isinstance(error, requests.exceptions.ReadTimeout):
        return True
    cause = error.args[0] if error.args else None
    return isinstance(getattr(cause, "reason", None), ReadTimeoutError)


def _root_cause(error: BaseException) -> str:
    cause = error.args[0] if error.args else error
    reason = getattr(cause, "reason", None)
    return str(reason or cause)

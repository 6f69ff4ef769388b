"""Downloading one URL to a local file: retries, timeouts, a progress bar, plain errors.

Retrying is urllib3's Retry (connection errors, read timeouts and 5xx, with backoff);
this module only turns what finally came back into a message a user can act on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from dpeace import __version__
from dpeace.errors import FetchError
from dpeace.fetch.failures import NotFound, Unreachable
from dpeace.fetch.verify import html_title

USER_AGENT = f"dpeace/{__version__} (+democratic peace research pipeline)"

# Read when a client is made, so tests can shorten them with monkeypatch.
TIMEOUT = (10.0, 60.0)  # (connect, read) seconds
RETRIES = 3
BACKOFF = 0.5  # seconds; urllib3 waits 0, then backoff * 2**(retry - 1) between attempts

RETRY_STATUSES = (500, 502, 503, 504)
CHUNK_BYTES = 1 << 16
# Below this size a download is over before a bar could tell the user anything.
PROGRESS_MIN_BYTES = 1 << 20


class HttpClient:
    """A requests session set up for polite, retried downloads of data files."""

    def __init__(self) -> None:
        self.timeout = TIMEOUT
        self.attempts = RETRIES + 1
        retry = Retry(
            total=RETRIES,
            connect=RETRIES,
            read=RETRIES,
            status=RETRIES,
            backoff_factor=BACKOFF,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            # Hand back the last 5xx response so the message can name its status.
            raise_on_status=False,
        )
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def download(self, url: str, destination: Path, *, label: str = "") -> None:
        """Stream `url` into `destination`; raise NotFound, Unreachable or FetchError."""
        try:
            response = self.session.get(url, stream=True, timeout=self.timeout)
        except requests.exceptions.RequestException as error:
            raise self._unreachable(url, error) from None
        with response:
            self._check_response(url, response)
            self._stream(url, response, destination, label)

    def _unreachable(self, url: str, error: Exception) -> FetchError:
        if _is_read_timeout(error):
            return Unreachable(
                f"{url} did not answer within {self.timeout[1]:g} s ({self.attempts} attempts)"
            )
        if isinstance(error, requests.exceptions.ConnectTimeout):
            return Unreachable(
                f"could not connect to {url} within {self.timeout[0]:g} s ({self.attempts} attempts)"
            )
        if isinstance(error, requests.exceptions.ConnectionError):
            return Unreachable(f"could not connect to {url} ({self.attempts} attempts): {_root_cause(error)}")
        return FetchError(f"could not download {url}: {error}")

    def _check_response(self, url: str, response: requests.Response) -> None:
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
            head = response.raw.read(CHUNK_BYTES, decode_content=True) or b""
            title = html_title(head)
            titled = f" titled {title!r}" if title else ""
            raise FetchError(
                f"{url} sent an HTML page{titled} (Content-Type {content_type}) where a "
                "data file was expected; publishers' sites answer automated downloads "
                "this way when they block them"
            )

    def _stream(self, url: str, response: requests.Response, destination: Path, label: str) -> None:
        total = int(response.headers.get("Content-Length") or 0) or None
        show = sys.stderr.isatty() and (total is None or total >= PROGRESS_MIN_BYTES)
        received = 0
        try:
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
                for chunk in response.iter_content(CHUNK_BYTES):
                    out.write(chunk)
                    received += len(chunk)
                    bar.update(len(chunk))
        except requests.exceptions.RequestException as error:
            expected = f" of {total}" if total else ""
            raise FetchError(
                f"the download of {url} broke off after {received}{expected} bytes: {_root_cause(error)}"
            ) from None


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

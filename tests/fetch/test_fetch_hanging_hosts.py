"""`dpeace fetch` against hosts that hang or trickle (issue 18, case 8): real loopback HTTP
servers (http.server in a thread on a free port), time limits set through the command's own
options, a mirror given as a base URL where one host serves every file."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from dpeace.cli import main
from dpeace.fetch import fetcher
from dpeace.fetch.registry import load_registry

from fetch_fixtures import STATES_CSV, states_entry, write_registry

# How long a hanging handler waits at most before the test's end releases it.
HANG_SECONDS = 30


class LoopbackServer:
    """An HTTP server on 127.0.0.1 in a thread; each path answers as `routes` says
    (path -> behaviour(handler)); every request's path is kept in `requests`."""

    def __init__(self, routes: dict[str, Callable]) -> None:
        self.routes = routes
        self.requests: list[str] = []
        self.release = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                behaviour = server.routes.get(self.path)
                if behaviour is None:
                    self.send_error(404)
                    return
                try:
                    behaviour(self, server.release)
                except OSError:
                    pass  # the client gave up and closed the connection

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _headers(handler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/csv")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.flush()


def serves(body: bytes) -> Callable:
    def behaviour(handler, release) -> None:
        _headers(handler, body)
        handler.wfile.write(body)

    return behaviour


def hangs_after_headers(body: bytes) -> Callable:
    def behaviour(handler, release) -> None:
        _headers(handler, body)
        release.wait(HANG_SECONDS)

    return behaviour


def never_answers(handler, release) -> None:
    release.wait(HANG_SECONDS)


def trickles(body: bytes, every: float) -> Callable:
    def behaviour(handler, release) -> None:
        _headers(handler, body)
        for byte in body:
            if release.wait(every):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    return behaviour


@pytest.fixture()
def servers():
    """servers(routes) -> a running LoopbackServer; all are stopped after the test."""
    started: list[LoopbackServer] = []

    def start(routes: dict[str, Callable]) -> LoopbackServer:
        server = LoopbackServer(routes)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture()
def use_registry(tmp_path, monkeypatch):
    """use_registry(entries): `dpeace fetch` reads a registry of these files, not the project's."""

    def use(entries: list[dict]) -> None:
        path = write_registry(tmp_path / "sources.toml", entries)
        monkeypatch.setattr(fetcher, "load_registry", lambda _=None: load_registry(path))

    return use


@pytest.fixture()
def dpeace(capsys, monkeypatch):
    """dpeace(*argv) -> (exit code, stderr, seconds taken), run in this process."""
    for variable in ("DPEACE_FETCH_TIMEOUT", "DPEACE_FETCH_FILE_DEADLINE", "DPEACE_FETCH_MIN_RATE"):
        monkeypatch.delenv(variable, raising=False)

    def run(*argv: str) -> tuple[int, str, float]:
        started = time.monotonic()
        code = main(list(argv))
        taken = time.monotonic() - started
        return code, capsys.readouterr().err, taken

    return run


def csv_of(name: str) -> bytes:
    """A states file of its own for each name (its own sha256, the same columns)."""
    return STATES_CSV + f"{900 + len(name)},{name[:3].upper()},1816\n".encode()


def entry(name: str, url: str) -> dict:
    return states_entry(url, name=name, sha256=hashlib.sha256(csv_of(name)).hexdigest())


def sums(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".dpeace.lock")
    }


def recorded(data_dir: Path) -> list[str]:
    provenance = data_dir / "raw" / "provenance.json"
    return sorted(json.loads(provenance.read_text())["files"]) if provenance.exists() else []


def no_scratch_left(data_dir: Path) -> bool:
    return not list(data_dir.glob(".fetch-*"))


OFFICIAL = "https://publisher.example/uploads/states.csv"
MIRRORED = "/publisher.example/uploads/states.csv"


@pytest.fixture()
def cached_states(data_dir, servers, use_registry, dpeace, monkeypatch):
    """The states file fetched once, sound, through a loopback mirror; then DPEACE_MIRROR names
    that mirror, whose route the test turns bad before `dpeace fetch --force`."""
    server = servers({MIRRORED: serves(csv_of("states"))})
    monkeypatch.setenv("DPEACE_MIRROR", server.base)
    use_registry([entry("states", OFFICIAL)])
    code, err, _ = dpeace("fetch")
    assert code == 0, err
    assert recorded(data_dir) == ["states"]
    server.requests.clear()
    return server


def test_a_server_that_hangs_after_its_headers_times_out_and_changes_nothing(data_dir, cached_states, dpeace):
    cached_states.routes[MIRRORED] = hangs_after_headers(csv_of("states"))
    before = sums(data_dir)

    code, err, _ = dpeace("fetch", "--force", "--timeout", "0.5")

    assert code == 1
    location = f"{cached_states.base}{MIRRORED}"
    assert (
        f"states (Demo Data 1.0): {location} sent nothing for 0.5 s after 0 of {len(csv_of('states'))} bytes"
        in err
    )
    assert cached_states.requests == [MIRRORED]  # a stalled body is not asked for again
    assert sums(data_dir) == before
    assert no_scratch_left(data_dir)


def test_a_trickle_cannot_outlast_the_file_deadline(data_dir, cached_states, dpeace):
    # A byte every 0.5 s never trips the 2 s read timeout, which restarts with each byte.
    cached_states.routes[MIRRORED] = trickles(csv_of("states"), every=0.5)
    before = sums(data_dir)

    code, err, taken = dpeace(
        "fetch", "--force", "--timeout", "2", "--file-deadline", "1.5", "--min-rate", "0.1"
    )

    assert code == 1
    location = f"{cached_states.base}{MIRRORED}"
    assert (
        f"states (Demo Data 1.0): {location} was not done by the 1.5 s a file may take (--file-deadline)"
        in err
    )
    assert "sent nothing" not in err
    assert taken < 15  # not the 30 s the whole trickle would take
    assert sums(data_dir) == before
    assert no_scratch_left(data_dir)


def test_a_trickle_under_the_minimum_rate_is_given_up(data_dir, cached_states, dpeace):
    cached_states.routes[MIRRORED] = trickles(csv_of("states"), every=0.5)
    before = sums(data_dir)

    code, err, _ = dpeace("fetch", "--force", "--timeout", "1", "--min-rate", "100")

    assert code == 1
    assert f"{cached_states.base}{MIRRORED} is too slow: " in err
    assert "under the 100 bytes/s a download must average (--min-rate)" in err
    assert sums(data_dir) == before
    assert no_scratch_left(data_dir)


def test_after_a_timeout_the_run_gives_up_on_that_host_only(data_dir, servers, use_registry, dpeace):
    hanging = servers({f"/{name}.csv": never_answers for name in ("a1", "a2", "a3")})
    serving = servers({f"/{name}.csv": serves(csv_of(name)) for name in ("b1", "b2")})
    order = ["a1", "b1", "a2", "b2", "a3"]
    use_registry(
        [entry(name, f"{(hanging if name[0] == 'a' else serving).base}/{name}.csv") for name in order]
    )

    code, err, _ = dpeace("fetch", "--timeout", "0.5")

    assert code == 1
    assert "3 of 5 files could not be fetched (the others are cached and verified):" in err
    first = f"{hanging.base}/a1.csv did not answer within 0.5 s (2 attempts)"
    assert f"a1 (Demo Data 1.0): {first}" in err
    host = f"127.0.0.1:{hanging.port}"
    for name in ("a2", "a3"):
        assert (
            f"{name} (Demo Data 1.0): {hanging.base}/{name}.csv was not asked for: its host {host} "
            f"timed out earlier in this run (a1: {first}), so the run gave up on it"
        ) in err
    # The first file's two attempts, and nothing more: not a wait per remaining file.
    assert hanging.requests == ["/a1.csv", "/a1.csv"]
    assert serving.requests == ["/b1.csv", "/b2.csv"]
    assert recorded(data_dir) == ["b1", "b2"]
    assert sorted(path.name for path in (data_dir / "raw" / "demo").iterdir()) == ["b1.csv", "b2.csv"]
    assert no_scratch_left(data_dir)


def test_the_overall_deadline_names_every_file_not_fetched(
    data_dir, servers, use_registry, dpeace, monkeypatch
):
    names = ["first", "second", "third", "fourth"]
    routes = {f"/publisher.example/{name}.csv": never_answers for name in names}
    routes["/publisher.example/first.csv"] = serves(csv_of("first"))
    server = servers(routes)
    monkeypatch.setenv("DPEACE_MIRROR", server.base)
    use_registry([entry(name, f"https://publisher.example/{name}.csv") for name in names])

    # The read timeout (30 s) is not what stops the second file: the whole run's 1 s is.
    code, err, taken = dpeace("fetch", "--timeout", "30", "--deadline", "1")

    assert code == 1
    assert "3 of 4 files could not be fetched" in err
    second = f"{server.base}/publisher.example/second.csv"
    assert (
        f"second (Demo Data 1.0): not fetched: {second} had not answered when the whole fetch's "
        "deadline of 1 s (--deadline) passed"
    ) in err
    for name in ("third", "fourth"):
        assert (
            f"{name} (Demo Data 1.0): not fetched: the whole fetch's deadline of 1 s (--deadline) "
            "passed before its turn"
        ) in err
    assert taken < 15
    assert server.requests == ["/publisher.example/first.csv", "/publisher.example/second.csv"]
    assert recorded(data_dir) == ["first"]
    assert no_scratch_left(data_dir)


@pytest.mark.parametrize(
    ("argv", "variable", "message"),
    [
        (["--timeout", "0"], None, "--timeout must be a positive number, not 0"),
        (["--deadline", "-5"], None, "--deadline must be a positive number, not -5"),
        (
            [],
            ("DPEACE_FETCH_FILE_DEADLINE", "soon"),
            "DPEACE_FETCH_FILE_DEADLINE='soon' is not a number of seconds",
        ),
    ],
    ids=["zero-timeout", "negative-deadline", "environment-not-a-number"],
)
def test_a_limit_that_is_not_a_positive_number_is_refused(
    data_dir, dpeace, monkeypatch, argv, variable, message
):
    if variable:
        monkeypatch.setenv(*variable)
    code, err, _ = dpeace("fetch", *argv)
    assert code == 1
    assert message in err
    assert list(data_dir.iterdir()) == []


def test_the_environment_sets_a_limit_the_option_overrides(data_dir, cached_states, dpeace, monkeypatch):
    cached_states.routes[MIRRORED] = hangs_after_headers(csv_of("states"))
    monkeypatch.setenv("DPEACE_FETCH_TIMEOUT", "0.4")
    assert "sent nothing for 0.4 s" in dpeace("fetch", "--force")[1]
    assert "sent nothing for 0.6 s" in dpeace("fetch", "--force", "--timeout", "0.6")[1]

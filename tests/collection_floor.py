"""A floor under the number of tests pytest collects, so that tests cannot quietly stop running.

A folder that pytest skips by default (one named `build`, say) or a test file that stops
being collected lowers the count without failing anything; `make test` passes the floor kept
in tests/collected_floor.txt and the run then fails when fewer tests were collected. Raise the
floor when you add tests; lower it only when you remove tests on purpose.
"""

from __future__ import annotations

import pytest

FLOOR_OPTION = "--collected-floor"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        FLOOR_OPTION,
        type=int,
        default=None,
        metavar="N",
        help="fail the run when fewer than N tests are collected (make test passes tests/collected_floor.txt)",
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    floor = session.config.getoption(FLOOR_OPTION)
    if floor is None:
        return
    collected = session.testscollected
    if collected < floor:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = (
            f"collected {collected} tests, fewer than the floor of {floor} (tests/collected_floor.txt): "
            "a test file or folder is no longer collected"
        )
        if reporter:
            reporter.write_line(message, red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

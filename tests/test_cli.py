"""The command line's shared flags."""

from __future__ import annotations

import pytest

from dpeace.cli import build_parser


@pytest.mark.parametrize(
    ("argv", "verbose"),
    [
        (["describe"], False),
        (["-v", "describe"], True),
        (["describe", "-v"], True),
        (["describe", "dyad_years", "--verbose"], True),
        (["--verbose", "model", "--only", "bivariate"], True),
    ],
)
def test_verbose_is_accepted_before_and_after_the_verb(argv, verbose):
    assert build_parser().parse_args(argv).verbose is verbose

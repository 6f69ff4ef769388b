"""`make lint` reads every SQL file: sqlfluff silently skips a file over its byte limit
(20,000 by default, with only a warning), so the limit must be off or above the largest model."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_sql_file_is_over_sqlfluffs_skip_limit():
    config = configparser.ConfigParser()
    config.read(ROOT / ".sqlfluff", encoding="utf-8")
    limit = config.getint("sqlfluff", "large_file_skip_byte_limit", fallback=20_000)
    too_large = [
        (path.relative_to(ROOT).as_posix(), path.stat().st_size)
        for path in (ROOT / "sql").rglob("*.sql")
        if limit and path.stat().st_size > limit
    ]
    assert not too_large, f"sqlfluff would skip these (limit {limit} bytes): {too_large}"

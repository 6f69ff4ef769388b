"""A community world: the tiny world of tests/transform/world.py built with hand-made EC/EU and
NATO membership seeds in place of the real ones (a copy of sql/ with the two seed files
replaced; DPEACE_SQL points the build at it).

The world (1900-1905): AAA (2) and BBB (20) members throughout, CCC (255) 1900-1901 and
1904-1905, DDD (345) from 1903. Disputes: #1 AAA v BBB in 1901, hostility 4, no deaths;
#2 BBB v DDD in 1903, hostility 2; MID coverage ends in 1903. The fixture memberships:

    community  state     from         until        what it tests
    ec_eu      AAA 2     1900-01-01   (still)      a member throughout
    ec_eu      BBB 20    1902-07-01   (still)      joined mid-year: 1902 counts
    ec_eu      CCC 255   1900-01-01   1901-03-31   left: a member in 1900 and 1901 only
    nato       AAA 2     1900-01-01   (still)
    nato       BBB 20    1901-06-01   (still)      joined after CCC left, in the same year
    nato       CCC 255   1900-01-01   1901-03-31
    nato       DDD 345   1905-12-31   (still)      joined on the year's last day
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from dpeace import paths
from dpeace.transform.runner import build_database
from tests.transform.world import write_world

HEADER = ["ccode", "state", "member_from", "member_until", "instrument", "note"]
EC_EU = [
    (2, "Aland", "1900-01-01", "", "fixture treaty", ""),
    (20, "Bland", "1902-07-01", "", "fixture accession", "joined mid-year"),
    (255, "Cland", "1900-01-01", "1901-03-31", "fixture treaty", "left"),
]
NATO = [
    (2, "Aland", "1900-01-01", "", "fixture treaty", ""),
    (20, "Bland", "1901-06-01", "", "fixture protocol", "joined after Cland left"),
    (255, "Cland", "1900-01-01", "1901-03-31", "fixture treaty", "left"),
    (345, "Dland", "1905-12-31", "", "fixture protocol", "joined on the last day of the year"),
]


def write_seed(path, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)


def build_community_world(folder: Path) -> Path:
    """Build the community world under folder; return the database's path."""
    sql = folder / "sql"
    shutil.copytree(paths.sql_dir(), sql)
    write_seed(sql / "seeds" / "ec_eu_membership.csv", EC_EU)
    write_seed(sql / "seeds" / "nato_membership.csv", NATO)
    write_world(folder / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DPEACE_DATA", str(folder / "data"))
        patch.setenv("DPEACE_SQL", str(sql))
        build_database()
    return folder / "data" / "peace.duckdb"

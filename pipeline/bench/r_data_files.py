"""Writing a table as an R data file, the way the registry's R data sources are published.

The synthetic world and the tests' hand-made worlds write their R data files through this
one function. Numeric columns are written as R doubles (R stores codes and counts as
doubles in the published files), others as character; None is R's NA. The file is
uncompressed, so the same table gives the same bytes.
"""

from __future__ import annotations

from numbers import Number
from pathlib import Path

import numpy as np
import pandas as pd


def r_ready(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with each all-numeric column as float64 (None -> NA) and the rest as text."""
    ready = {}
    for name in table.columns:
        column = table[name]
        numeric = column.dtype.kind in "iuf" or all(
            isinstance(value, Number) and not isinstance(value, bool | np.bool_) for value in column.dropna()
        )
        if numeric and column.dtype.kind != "b":
            ready[name] = pd.to_numeric(column, errors="raise").astype("float64")
        else:
            ready[name] = column.astype(object).where(column.notna(), None)
    return pd.DataFrame(ready, columns=list(table.columns))


def write_r_data(path: Path, table: pd.DataFrame, r_object: str | None) -> None:
    """An .rda holding `table` as the object `r_object`, or an .rds (r_object None)."""
    import pyreadr

    frame = r_ready(table)
    if r_object is None:
        pyreadr.write_rds(str(path), frame)
    else:
        pyreadr.write_rdata(str(path), frame, df_name=r_object)

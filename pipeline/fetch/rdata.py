"""Reading one data frame out of an R data file with pyreadr.

An `.rda` file is R's save() format and may hold several named objects; the registry names
the one to take (`object`). An `.rds` file (saveRDS()) holds one unnamed object. R's `NA`
comes out as NaN or None, R dates as Python dates.
"""

from __future__ import annotations

from pathlib import Path

from dpeace.errors import FetchError


def read_r_frame(path: Path, object_name: str | None = None):
    """The data frame `object_name` of an R data file (or its only object when None).

    Raises FetchError saying what is wrong: not R data (truncated, damaged, another kind
    of file), no object of that name, or no single object to take.
    """
    # pyreadr (and pandas behind it) take a while to import; only R data files need them.
    import pyreadr
    from pyreadr.custom_errors import LibrdataError, PyreadrError

    try:
        objects = pyreadr.read_r(str(path))
    except (LibrdataError, PyreadrError) as error:
        raise FetchError(
            f"cannot read it as an R data file (.rda/.rds): {error} (a truncated or damaged "
            "download, or not R data at all)"
        ) from None
    names = [name for name in objects if name is not None]
    if object_name is None:
        if len(objects) != 1:
            raise FetchError(
                f"it holds {len(objects)} R objects ({', '.join(map(str, names))}): the registry "
                "must name the one to read (`object`)"
            )
        (frame,) = objects.values()
    elif object_name in objects:
        frame = objects[object_name]
    else:
        held = ", ".join(names) if names else "one unnamed object (an .rds file)"
        raise FetchError(f"it holds no R object named {object_name!r}, only {held}")
    # R's row names are no column of the data.
    return frame.reset_index(drop=True)


def rdata_shape(path: Path, object_name: str | None) -> tuple[list[str], int]:
    """The column names and the number of rows of the data frame the registry names."""
    frame = read_r_frame(path, object_name)
    return [str(name) for name in frame.columns], len(frame)

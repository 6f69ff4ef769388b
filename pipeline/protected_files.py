"""The files the pipeline writes and reads back, and the one check every writing verb makes
on a path the user gave it: never over one of them, but for the verb's own output.

`dpeace report -o data/peace.duckdb` once replaced the database with the report, and
`dpeace build --output data/raw/provenance.json` the cache's record with a database. The
path is compared after resolving symlinks, so a link to a pipeline file counts as the file.
"""

from __future__ import annotations

from pathlib import Path

from dpeace import paths
from dpeace.errors import PipelineError


def pipeline_files() -> dict[str, Path]:
    """What each pipeline file is, by its path (wherever DPEACE_DATA/DPEACE_REPORTS put them)."""
    return {
        "the database": paths.database_path(),
        "the fetch provenance": paths.provenance_path(),
        "the build log": paths.build_log_path(),
        "the model results": paths.model_results_path(),
        "the specification curve": paths.specification_curve_path(),
        "the report": paths.report_path(),
    }


def pipeline_file_at(path: Path, own: Path | None = None) -> str | None:
    """What pipeline file `path` is (after symlinks), or None; a raw file counts, `own` does not."""
    target = Path(path).resolve()
    if own is not None and target == Path(own).resolve():
        return None
    for what, location in pipeline_files().items():
        if target == location.resolve():
            return what
    if target.is_relative_to(paths.raw_dir().resolve()):
        return "a file of the raw cache"
    return None


def refuse_pipeline_file(
    path: Path, *, option: str, own: Path | None = None, also: dict[str, Path] | None = None
) -> None:
    """Raise a plain error when `path` (the value of `option`) is a folder or a pipeline file
    other than `own`, the verb's own output; `also` names more files to protect (the database
    a reader was given, say)."""
    path = Path(path)
    if path.is_dir():
        raise PipelineError(f"{option} {path} is a folder: give a file name")
    what = pipeline_file_at(path, own)
    if what is None:
        what = next(
            (name for name, file in (also or {}).items() if Path(file).resolve() == path.resolve()), None
        )
    if what is not None:
        resolved = path.resolve()
        shown = f"{path}" if resolved == path.absolute() else f"{path} (that is {resolved})"
        raise PipelineError(
            f"will not write to {shown}: it is {what}, a pipeline file that only its own "
            f"stage writes; give {option} another path"
        )

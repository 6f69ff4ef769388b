"""One BLAS thread per process for the curve's many small products.

The curve forms X'WX block by block (a few thousand rows at a time). OpenBLAS splits even
those products over threads, and on a busy two-core machine the threads of two worker
processes then wait on each other: measured here, a pass over 730,000 rows took 0.1-0.8 s
with threads and 0.035 s without. One thread per process also fixes the order of
floating-point sums, which keeps the output identical from run to run.
"""

from __future__ import annotations

import ctypes
import os
import sys

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
# The setter each OpenBLAS build exports: numpy's wheels ship scipy-openblas with a prefix.
SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads")


def limit_blas_threads() -> None:
    """Before numpy is imported the environment suffices; after, ask the loaded library."""
    if "numpy" not in sys.modules:
        for variable in THREAD_VARIABLES:
            os.environ[variable] = "1"
        return
    for library in _loaded_openblas_libraries():
        try:
            handle = ctypes.CDLL(library)
        except OSError:
            continue
        for name in SETTERS:
            setter = getattr(handle, name, None)
            if setter is not None:
                setter(1)
                break


def _loaded_openblas_libraries() -> list[str]:
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:  # not Linux: leave the library's own choice
        return []
    return sorted(path for path in paths if path.endswith(".so") or ".so." in path)

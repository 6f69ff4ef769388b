"""Child processes that never outlive the stage that forked them.

A worker forked by `dpeace curve` and left running after its parent was killed would
block forever on a pipe and keep fitting for nobody (it never holds the data folder's lock:
see dpeace.data_lock); the kernel's parent-death signal ends it with its parent instead,
however the parent ends.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent ends (Linux), or exit now if the
    parent `parent` has already ended (the signal is only armed for the parent of the moment)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os._exit(1)

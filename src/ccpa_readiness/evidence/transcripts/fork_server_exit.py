"""The fork server's quick exit. Imported by the process a local cluster's workers are forked from
(one of `partitions.WORKER_MODULES`), it lets that process leave without the interpreter's
teardown once it is told to stop: tearing down its modules, Dask's among them, took 0.12-0.16 s
that the scan waited for at its end. Imported anywhere else it does nothing, and the workers the
fork server forks never run it (a fork server's child always leaves by `os._exit`)."""

from __future__ import annotations

import atexit
import os
import sys
from multiprocessing import forkserver
from types import FrameType


def _imported_by_the_fork_server() -> bool:
    """Whether this import runs in the fork server's preloading (its `main` on the stack)."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back
    return False


def _leave_at_once() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if _imported_by_the_fork_server():
    atexit.register(_leave_at_once)

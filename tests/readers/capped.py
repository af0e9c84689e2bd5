"""Run Python code in a child process with a memory and a CPU-time cap, as a hostile input would
be read by a user: the code prints its outcome; a crash or a cap reached shows in the result."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MEMORY_CAP_BYTES = 1_500_000_000
CPU_SECONDS = 60
WALL_SECONDS = 180  # the machine is shared: CPU time is the real cap


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def run_capped(
    code: str, memory: int = MEMORY_CAP_BYTES, cpu: int = CPU_SECONDS
) -> subprocess.CompletedProcess[str]:
    """`python -c code` under the caps; never raises on the child's failure (the test asserts)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
        # the address-space cap counts what is reserved, not used: pyarrow's allocator (mimalloc)
        # reserves 1 GiB at its first allocation unless told less, which left a reader that
        # imports nothing else (no pandas) 170 MB under the cap for everything after
        "MIMALLOC_ARENA_RESERVE": "64MiB",
    }
    try:
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=WALL_SECONDS,
            env=env,
            preexec_fn=lambda: _limit(memory, cpu),
        )
    except subprocess.TimeoutExpired as expired:
        return subprocess.CompletedProcess(expired.cmd, -9, str(expired.stdout or ""), "timed out")

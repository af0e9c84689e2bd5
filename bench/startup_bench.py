"""Time `ccpa --help` as whole processes: as it starts now (command modules imported when a command
runs) and, side by side in the same run, with every command module imported up front as before.

Run: .venv/bin/python bench/startup_bench.py [--runs 9]
Prints the median wall-clock and CPU seconds of each; the issue's target is under 0.3 s. The machine
may be loaded: CPU time (user + system of the child process) is the steadier figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CCPA = Path(sys.executable).with_name("ccpa")
EAGER = (
    "from ccpa_readiness.cli import app\n"
    "from ccpa_readiness.cli.lazy import load_all_commands\n"
    "load_all_commands()\n"
    "app(['--help'])\n"
)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    commands = {
        "ccpa --help (lazy)": [str(CCPA), "--help"],
        "every module up front": [sys.executable, "-c", EAGER],
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    timed(commands["ccpa --help (lazy)"])  # warm the file cache and the bytecode
    for _ in range(args.runs):  # interleaved, so that a change in load hits both alike
        for name, command in commands.items():
            samples[name].append(timed(command))
    print(f"median of {args.runs} whole-process runs (the machine may be loaded)")
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:24s} wall {wall:.3f} s, CPU {cpu:.3f} s")
    lazy, eager = (statistics.median(c for _, c in runs) for runs in samples.values())
    print(f"start-up CPU: {eager / lazy:.1f}x less than importing every command module (target < 0.3 s)")


if __name__ == "__main__":
    main()

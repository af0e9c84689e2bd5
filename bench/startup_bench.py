"""Time `ccpa --help` as whole processes: as it starts now (command modules imported when a command
runs) and, side by side in the same run, with every command module imported up front as before;
and the start-up of the scan commands: a one-document `ccpa scan transcripts --mode patterns` and a
one-table `ccpa scan datastore` of a small SQLite file, whose CPU is almost all start-up.

Run: .venv/bin/python bench/startup_bench.py [--runs 9]
Prints the median wall-clock and CPU seconds of each; the issue's target for `--help` is under
0.3 s. The machine may be loaded: CPU time (user + system of the child process) is the steadier
figure. The children load the project's byte code as an installed package does
(`child_processes.py`); the first run of each fills the cache and is not counted.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_processes import child_environment

CCPA = Path(sys.executable).with_name("ccpa")
DIALOGUES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pii-bench" / "sgd_pii.jsonl"
EAGER = (
    "from ccpa_readiness.cli import app\n"
    "from ccpa_readiness.cli.lazy import load_all_commands\n"
    "load_all_commands()\n"
    "app(['--help'])\n"
)


def timed(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def scan_inputs(work: Path) -> tuple[Path, Path]:
    """One dialogue (the corpus's first line) and a SQLite file with one 200-row table."""
    document = work / "one.jsonl"
    with DIALOGUES.open(encoding="utf-8") as corpus:
        document.write_text(corpus.readline(), encoding="utf-8")
    store = work / "small.sqlite"
    with sqlite3.connect(store) as connection:
        connection.execute("create table customers (id integer, name text, email text, phone text)")
        rows = [(i, f"Name {i}", f"user{i}@example.com", f"415-555-{i:04d}") for i in range(200)]
        connection.executemany("insert into customers values (?, ?, ?, ?)", rows)
    connection.close()
    return document, store


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        environment = {**child_environment(work), "COLUMNS": "100"}
        document, store = scan_inputs(work)
        commands = {
            "ccpa --help (lazy)": [str(CCPA), "--help"],
            "every module up front": [sys.executable, "-c", EAGER],
            "scan transcripts, 1 document": [
                *(str(CCPA), "scan", "transcripts", str(document), "--mode", "patterns"),
                *("--format", "spans", "--out", str(work / "spans.jsonl")),
            ],
            "scan datastore, 1 table": [
                *(str(CCPA), "scan", "datastore", str(store)),
                *("--format", "json", "--out", str(work / "datastores.json")),
            ],
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command in commands.values():  # fills the byte-code cache and the file cache
            timed(command, environment)
        for _ in range(args.runs):  # interleaved, so that a change in load hits all alike
            for name, command in commands.items():
                samples[name].append(timed(command, environment))
    print(f"median of {args.runs} whole-process runs (the machine may be loaded)")
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:30s} wall {wall:.3f} s, CPU {cpu:.3f} s")
    lazy, eager = (statistics.median(c for _, c in samples[name]) for name in list(commands)[:2])
    print(f"start-up CPU: {eager / lazy:.1f}x less than importing every command module (target < 0.3 s)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Data-store scan: rows per second and peak memory, reading every row of a generated table.

Generates a CRM-like SQLite table (email, phone, free-text notes with a card number in one row
in twenty, a timestamp) of each size asked, then scans it (every row, or `--sample N`) in a
child process of its own, so each peak resident size (ru_maxrss) is that scan's alone. Memory
should stay flat as rows grow: rows are streamed in batches and each column keeps counters only.
Rates are per CPU second (the wall time is shown too: on a shared machine it says little).

usage: python bench/datastore_bench.py [--rows 250000 1000000] [--sample N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from stdnum import luhn

CHUNK = 50_000
NOTES = (
    "Asked about the late fee; explained and closed.",
    "Wants a technician visit next week, confirmed the slot.",
    "Billing question about the last statement, resolved on the call.",
)


def card(rng: random.Random) -> str:
    body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
    return body + luhn.calc_check_digit(body)


def rows(count: int) -> Iterator[tuple[int, str, str, str, str]]:
    rng = random.Random(11)
    for i in range(count):
        note = f"Customer read card {card(rng)} to pay the balance" if i % 20 == 0 else rng.choice(NOTES)
        phone = f"({rng.choice((415, 510, 650, 212))}) {rng.randint(200, 989)}-{rng.randint(0, 9999):04d}"
        created = f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:00:00"
        yield i, f"customer{i}@example.com", phone, note, created


def generate(path: Path, count: int) -> None:
    if path.exists():
        return
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE contacts "
            "(id INTEGER PRIMARY KEY, email TEXT, phone TEXT, notes TEXT, created_at TIMESTAMP)"
        )
        batch: list[tuple[int, str, str, str, str]] = []
        for row in rows(count):
            batch.append(row)
            if len(batch) == CHUNK:
                connection.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?)", batch)
                batch = []
        connection.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?)", batch)


def scan_one(path: Path, sample: int | None) -> None:
    """In the child: scan, print rows, seconds, peak memory and what was found as JSON."""
    from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores

    start, cpu_start = time.perf_counter(), time.process_time()
    result = scan_datastores([StoreTarget(url=str(path))], sample=sample)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    [table] = [o for o in result.observations if o.kind == "DATASTORE-TABLE"]
    found = sorted(
        f"{o.location}={o.subject}:{o.attributes['rows']}"
        for o in result.observations
        if o.kind == "DATASTORE-COLUMN"
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"rows": table.attributes["sampled"], "seconds": seconds, "cpu": cpu, "peak_mib": peak_mib}
    print(json.dumps({**figures, "found": found}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "ccpa-datastore-bench")
    parser.add_argument(
        "--sample", type=int, default=0, help="rows sampled per table; 0 (default): every row"
    )
    parser.add_argument("--scan", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scan is not None:
        scan_one(args.scan, args.sample or None)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"{'rows':>10} {'wall s':>7} {'CPU s':>7} {'rows/CPU s':>10} {'peak MiB':>9}  found")
    for count in args.rows:
        path = args.dir / f"contacts_{count}.sqlite"
        generate(path, count)
        child = subprocess.run(
            [sys.executable, __file__, "--scan", str(path), "--sample", str(args.sample)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout)
        rate = figures["rows"] / figures["cpu"]
        print(
            f"{figures['rows']:>10,} {figures['seconds']:>7.1f} {figures['cpu']:>7.1f} {rate:>10,.0f} "
            f"{figures['peak_mib']:>9.1f}  " + ", ".join(figures["found"]),
            flush=True,
        )


if __name__ == "__main__":
    main()

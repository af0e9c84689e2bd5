#!/usr/bin/env python3
"""Data-store scan: rows per CPU second beside plain sqlite3, DuckDB and psycopg on the same rows,
and what a default (sampled) scan costs beside its sampling query alone, all in the same run.

Generates a CRM-like SQLite table (email, phone, free-text notes with a card number in one row
in twenty, a timestamp) of each size asked and the same rows as Parquet (and, with `--postgres
URL`, as a PostgreSQL table: start one with `CCPA_TEST_POSTGRES_PORT=N scripts/postgres.sh
start`). Each of our scans runs in a child process of its own, so its peak resident size
(VmHWM) is that scan's alone; the child scans twice: its CPU time up to the end of the first scan
is the whole process (the interpreter, every import, the first scan; the child imports nothing the
scan would not, and loads its modules from byte code as an installed package does:
`child_processes.py`; a first, uncounted child per store fills that cache), and the second
("warm") run is the scan without the one-off cost of imports and of loading the validators'
data. The peers read the same
rows into Python tuples: `sqlite3` `fetchall`, DuckDB `read_parquet(...).fetchall()` (when
`duckdb` is installed: the `bench` extra), psycopg `fetchall`; and the ADBC drivers our whole-table
scans read SQLite and PostgreSQL with fetch the same rows as Arrow batches (what the scan costs
beyond its checks). The sampling queries alone are the
ones our scan sends: SQLite seeded rowids (`rowid IN (...)`), Parquet the row groups holding the
seeded rows, PostgreSQL `TABLESAMPLE BERNOULLI ... REPEATABLE ... LIMIT`.
Rates are per CPU second (wall time is shown too: on a shared machine it says little).

usage: python bench/datastore_bench.py [--rows 100000 1000000] [--sample 2000] [--postgres URL]
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ccpa_readiness.evidence.datastores.sources.base import SAMPLE_SEED  # the scan imports it too
from child_processes import child_environment

CHUNK = 50_000
NOTES = (
    "Asked about the late fee; explained and closed.",
    "Wants a technician visit next week, confirmed the slot.",
    "Billing question about the last statement, resolved on the call.",
)


def card(rng: random.Random) -> str:
    from stdnum import luhn

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


def scan_one(url: str, sample: int | None) -> None:
    """In the child: scan, print rows, seconds, peak memory and what was found as JSON."""
    from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores

    start = time.perf_counter()
    result = scan_datastores([StoreTarget(url=url)], sample=sample)
    # the whole process so far: the interpreter, every import and the first scan
    seconds, cpu = time.perf_counter() - start, time.process_time()
    warm_start = time.process_time()
    scan_datastores([StoreTarget(url=url)], sample=sample)
    warm = time.process_time() - warm_start
    [table] = [o for o in result.observations if o.kind == "DATASTORE-TABLE"]
    found = sorted(
        f"{o.location}={o.subject}:{o.attributes['rows']}"
        for o in result.observations
        if o.kind == "DATASTORE-COLUMN"
    )
    peak_mib = peak_resident_mib()
    figures = {
        "rows": table.attributes["sampled"],
        "seconds": seconds,
        "cpu": cpu,
        "warm_cpu": warm,
        "peak_mib": peak_mib,
    }
    print(json.dumps({**figures, "found": found}))


def peak_resident_mib() -> float:
    """This process's peak resident size: `VmHWM`, which starts afresh at exec (`ru_maxrss`
    keeps the parent's peak across fork and exec, here the parent's rows being generated)."""
    for entry in Path("/proc/self/status").read_text().splitlines():
        if entry.startswith("VmHWM:"):
            return int(entry.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ours(url: str, sample: int, environment: dict[str, str]) -> dict[str, Any]:
    child = subprocess.run(
        [sys.executable, __file__, "--scan", url, "--sample", str(sample)],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    )
    figures: dict[str, Any] = json.loads(child.stdout)
    return figures


def timed(read: Callable[..., int | None], *args: Any) -> tuple[int, float]:
    """(rows, CPU seconds) of one read by a peer, in this process."""
    start = time.process_time()
    count = read(*args) or 0
    return count, time.process_time() - start


def sqlite_rows(path: Path, query: str = "SELECT * FROM contacts") -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return len(connection.execute(query).fetchall())


def sqlite_sampled_rows(path: Path, size: int) -> int:
    """Our SQLite sampling query alone: the lowest and highest rowid, then seeded rowids."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        low, high = connection.execute(
            "SELECT (SELECT min(rowid) FROM contacts), (SELECT max(rowid) FROM contacts)"
        ).fetchone()
        wanted = random.Random(SAMPLE_SEED).sample(range(low, high + 1), size)
        marks = ",".join(map(str, sorted(wanted)))
        return len(connection.execute(f"SELECT * FROM contacts WHERE rowid IN ({marks})").fetchall())


def parquet_sampled_rows(parquet: Path, size: int) -> int:
    """Our Parquet sampling alone: the seeded rows, taken from the row groups that hold them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(parquet)
    wanted = sorted(random.Random(SAMPLE_SEED).sample(range(source.metadata.num_rows), size))
    read, first = 0, 0
    for group in range(source.metadata.num_row_groups):
        rows = source.metadata.row_group(group).num_rows
        inside = [i - first for i in wanted if first <= i < first + rows]
        if inside:
            read += len(source.read_row_group(group).take(pa.array(inside)).to_pylist())
        first += rows
    return read


def postgres_rows(url: str, query: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection, connection.cursor(name="bench") as cursor:
        cursor.execute(query)
        return len(cursor.fetchall())


def adbc_rows(connect: Callable[[str], Any], uri: str, query: str = "SELECT * FROM contacts") -> int:
    """Rows fetched as Arrow batches by an ADBC driver (no Python object per value)."""
    with connect(uri) as connection, connection.cursor() as cursor:
        cursor.execute(query)
        return sum(batch.num_rows for batch in cursor.fetch_record_batch())


def duckdb_rows(parquet: Path) -> int | None:
    try:
        import duckdb
    except ImportError:
        return None
    return len(duckdb.sql(f"SELECT * FROM read_parquet('{parquet}')").fetchall())


def to_parquet(path: Path, parquet: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if parquet.exists():
        return

    with sqlite3.connect(path) as connection:
        cursor = connection.execute("SELECT * FROM contacts")
        names = [d[0] for d in cursor.description]
        columns = list(zip(*cursor.fetchall(), strict=True))
    pq.write_table(pa.table(dict(zip(names, columns, strict=True))), parquet, row_group_size=100_000)


def to_postgres(path: Path, url: str) -> str:
    """The same rows as table `contacts` (the only table) in the database at `url`; returns the
    scan URL."""
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    table = "contacts"
    with psycopg.connect(plain) as connection, sqlite3.connect(path) as source:
        for (other,) in connection.execute(
            "SELECT tablename FROM pg_tables WHERE tablename LIKE 'contacts%'"
        ):
            connection.execute(f"DROP TABLE {other}")
        connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.execute(
            f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, notes TEXT, "
            "created_at TIMESTAMP)"
        )
        with connection.cursor().copy(f"COPY {table} FROM STDIN") as copy:
            for row in source.execute("SELECT * FROM contacts"):
                copy.write_row(row)
        connection.execute(f"ANALYZE {table}")
    return plain


def line(name: str, rows: int, cpu: float, wall: float | None = None, peak: float | None = None) -> str:
    rate = rows / cpu if cpu else float("inf")
    extra = "" if wall is None else f" {wall:>7.1f}"
    memory = "" if peak is None else f" {peak:>9.1f}"
    return f"  {name:<44} {rows:>10,} {cpu:>7.2f}{extra} {rate:>12,.0f}{memory}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "ccpa-datastore-bench")
    parser.add_argument("--sample", type=int, default=2000, help="rows of the sampled scan (the default)")
    parser.add_argument("--postgres", help="a PostgreSQL URL to load the same rows into and scan")
    parser.add_argument("--scan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scan is not None:
        scan_one(args.scan, args.sample or None)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    environment = child_environment(args.dir)
    warm: set[str] = set()  # stores of which a child has run once (filling the byte-code cache), not counted
    for count in args.rows:
        path = args.dir / f"contacts_{count}.sqlite"
        parquet = path.with_suffix(".parquet")
        generate(path, count)
        to_parquet(path, parquet)
        print(f"\n## {count:,} rows (CPU s; rows per CPU s)\n")
        print(f"  {'':<44} {'rows':>10} {'CPU s':>7} {'wall s':>7} {'rows/CPU s':>12} {'peak MiB':>9}")
        stores = {"SQLite": str(path), "Parquet": str(parquet)}
        if args.postgres:
            stores["PostgreSQL"] = to_postgres(path, args.postgres)
        for name, url in stores.items():
            if name not in warm:
                warm.add(name)
                ours(url, args.sample, environment)
            whole = ours(url, 0, environment)
            print(line(f"ours, {name}, whole table", whole["rows"], whole["cpu"], whole["seconds"],
                       whole["peak_mib"]))  # fmt: skip
            print(line(f"ours, {name}, whole table, warm", whole["rows"], whole["warm_cpu"]))
            sampled = ours(url, args.sample, environment)
            print(line(f"ours, {name}, sample {args.sample:,}", sampled["rows"], sampled["cpu"],
                       sampled["seconds"], sampled["peak_mib"]))  # fmt: skip
            print(line(f"ours, {name}, sample {args.sample:,}, warm", sampled["rows"], sampled["warm_cpu"]))
            print(f"    found (whole): {', '.join(whole['found'])}")
            print(f"    found (sample): {', '.join(sampled['found'])}")
        rows, cpu = timed(sqlite_rows, path)
        print(line("plain sqlite3 fetchall, same rows", rows, cpu))
        import adbc_driver_postgresql.dbapi
        import adbc_driver_sqlite.dbapi

        rows, cpu = timed(adbc_rows, adbc_driver_sqlite.dbapi.connect, f"{path.resolve().as_uri()}?mode=ro")
        print(line("ADBC SQLite Arrow batches, same rows", rows, cpu))
        rows, cpu = timed(sqlite_sampled_rows, path, args.sample)
        print(line(f"plain sqlite3, our sampling query ({args.sample:,} rowids)", rows, cpu))
        _, cpu = timed(sqlite_rows, path, "SELECT count(*) FROM contacts")
        print(f"  {'plain sqlite3 count(*) (a scan reports the rows)':<44} {'':>10} {cpu:>7.2f}")
        found = duckdb_rows(parquet)
        if found is None:
            print("  DuckDB: not installed (pip install '.[bench]'), not measured")
        else:
            rows, cpu = timed(duckdb_rows, parquet)
            print(line("DuckDB read_parquet fetchall, same rows", rows, cpu))
        rows, cpu = timed(parquet_sampled_rows, parquet, args.sample)
        print(line(f"pyarrow, our Parquet sampling ({args.sample:,} rows)", rows, cpu))
        if args.postgres:
            table = "contacts"
            rows, cpu = timed(postgres_rows, stores["PostgreSQL"], f"SELECT * FROM {table}")
            print(line("psycopg fetchall (server-side cursor), same rows", rows, cpu))
            rows, cpu = timed(adbc_rows, adbc_driver_postgresql.dbapi.connect, stores["PostgreSQL"])
            print(line("ADBC PostgreSQL Arrow batches, same rows", rows, cpu))
            percent = min(100.0, 150.0 * args.sample / count)
            query = (
                f"SELECT * FROM {table} TABLESAMPLE BERNOULLI({percent}) REPEATABLE({SAMPLE_SEED}) "
                f"LIMIT {args.sample}"
            )
            rows, cpu = timed(postgres_rows, stores["PostgreSQL"], query)
            print(line(f"psycopg, our sampling query ({args.sample:,} rows)", rows, cpu))


if __name__ == "__main__":
    main()

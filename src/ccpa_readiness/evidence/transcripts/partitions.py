"""Partitions by bytes, and where they run: in this process, on a local Dask cluster (`workers`) or
on an existing one (`scheduler`).

The coordinator only plans (file sizes, and a few seeks to cut a large JSONL file at line breaks)
and merges compact partition results; the workers read their inputs themselves. Results come back
in input order and at most a few partitions are in flight, so no process's memory grows with the
corpus. A local cluster is closed when the scan ends, however it ends.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.transcripts.readers import expand, format_of
from ccpa_readiness.evidence.transcripts.readers.parts import GZIP_MAGIC, is_gzip, split
from ccpa_readiness.evidence.transcripts.work import Partition, PartitionResult, Piece, Work, scan_partition

PARTITION_BYTES = 8_000_000
MIN_PARTITION_BYTES = 1_000_000
PARTITIONS_PER_WORKER = 4  # by default, on a cluster: the input in about this many partitions a worker
GZIP_TRAILER = 18  # a gzip file's shortest: header and trailer
# partitions in flight per worker: enough that a worker never waits while an earlier partition
# holds up the merge, few enough that the results waiting on the workers stay small
IN_FLIGHT_PER_WORKER = 4
# a local cluster's event loops poll less often than Dask's defaults (a 20 ms tick, a 100 ms memory
# monitor, work stealing every 100 ms): idle, its processes took 4% of a core, now about 1%; a
# partition takes seconds, so nothing is scheduled later for it. Dask's statistical profiler (a
# thread sampling the task's stack every 10 ms) cost a worker 11% of its task CPU, now 2% is spent
# beside the task (measured on 18 MB, patterns mode); docs/transcripts.md, "Running on a cluster",
# says how to turn it off on a cluster of your own.
QUIET_CLUSTER = {
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.profile.enabled": False,
}

Planned = Partition | Problem
Execute = Callable[[Iterable[Planned], Work], Iterator[PartitionResult | Problem]]


def plan(paths: Sequence[Path | str], target: int = PARTITION_BYTES) -> Iterator[Planned]:
    """The inputs as partitions of about `target` bytes of text: small files grouped whole, a larger
    JSONL file cut into byte ranges at line breaks, any other file of `target` or more alone (other
    formats and gzip are read whole; a gzip file weighs what it expands to)."""
    group: list[Piece] = []
    grouped = weighed = 0
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        size = _size(item)
        weight = _expanded(item, size)
        piece = Piece(str(item), str(item.absolute()))
        if weight < target:
            group.append(piece)
            grouped, weighed = grouped + size, weighed + weight
            if weighed >= target:
                yield Partition(tuple(group), grouped, weighed)
                group, grouped, weighed = [], 0, 0
            continue
        if group:
            yield Partition(tuple(group), grouped, weighed)
            group, grouped, weighed = [], 0, 0
        if not _splittable(item):
            yield Partition((piece,), size, weight, priority=weight // (2 * target))
            continue
        for part in split(item, size, target):
            length = (part.end or size) - part.start
            yield Partition((Piece(piece.source, piece.path, part),), length, length)
    if group:
        yield Partition(tuple(group), grouped, weighed)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # its reader names the problem


def _expanded(path: Path, size: int) -> int:
    """The bytes of text in the file: a gzip file's trailer says how many it expands to (modulo
    4 GiB, of its last member only: an estimate, for balance)."""
    if size < GZIP_TRAILER or format_of(path) is None:
        return size
    try:
        with path.open("rb") as handle:
            if handle.read(2) != GZIP_MAGIC:
                return size
            handle.seek(size - 4)
            return max(size, int.from_bytes(handle.read(4), "little"))
    except OSError:
        return size


def _splittable(path: Path) -> bool:
    try:
        return format_of(path) == "jsonl" and path.is_file() and not is_gzip(path)
    except OSError:
        return False


def in_process(partitions: Iterable[Planned], work: Work) -> Iterator[PartitionResult | Problem]:
    for partition in partitions:
        yield partition if isinstance(partition, Problem) else scan_partition(partition, work)


def on_dask(client: Any, partitions: Iterable[Planned], work: Work) -> Iterator[PartitionResult | Problem]:
    """Partitions submitted a window ahead of the one collected, so every worker stays busy and the
    results waiting stay few; a partition of higher priority runs before those waiting."""
    window = IN_FLIGHT_PER_WORKER * _workers(client) + 1

    in_flight: deque[Any] = deque()
    for partition in partitions:
        pending = (
            partition
            if isinstance(partition, Problem)
            else client.submit(scan_partition, partition, work, pure=False, priority=partition.priority)
        )
        in_flight.append(pending)
        if len(in_flight) >= window:
            yield _resolved(in_flight.popleft())
    while in_flight:
        yield _resolved(in_flight.popleft())


def _resolved(pending: Any) -> PartitionResult | Problem:
    return pending if isinstance(pending, Problem) else pending.result()


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


@dataclass(frozen=True)
class Executor:
    """How partitions run (`run`), and on how many processes at once."""

    run: Execute
    workers: int = 1

    def target(self, paths: Sequence[Path | str], partition_bytes: int | None) -> int:
        """The partition size: `partition_bytes` if given, else about a quarter of a worker's share
        of the input (so that no worker idles long at the end), between 1 MB and 8 MB."""
        if partition_bytes is not None:
            return partition_bytes
        if self.workers <= 1:
            return PARTITION_BYTES
        total = sum(_expanded(p, _size(p)) for p in expand(paths) if isinstance(p, Path))
        share = total // (PARTITIONS_PER_WORKER * self.workers)
        return max(MIN_PARTITION_BYTES, min(PARTITION_BYTES, share))


@contextmanager
def executor(workers: int = 0, scheduler: str | None = None) -> Iterator[Executor]:
    """How partitions run; a local cluster lives as long as the `with` block, error or not."""
    if not workers and scheduler is None:
        yield Executor(in_process)
        return
    with _client(workers, scheduler) as client:
        yield Executor(partial(on_dask, client), _workers(client))


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Any]:
    import dask
    import distributed

    client_class: Any = distributed.Client
    if scheduler is not None:
        try:  # waits as long as Dask's `distributed.comm.timeouts.connect` says
            client = client_class(scheduler, set_as_default=False)
        except (OSError, ValueError, TypeError) as error:
            raise InputError.single(scheduler, f"cannot reach the Dask scheduler: {error}") from None
        with client:
            yield client
        return
    cluster_class: Any = distributed.LocalCluster
    options = {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": None,
        # a task's error reaches this process as a named problem; what the workers would log is the
        # noise of shutting down (a heartbeat to a scheduler that has just closed)
        "silence_logs": logging.CRITICAL,
    }
    with dask.config.set(QUIET_CLUSTER):
        with _interrupt_ignored():
            cluster = cluster_class(**options)
        with cluster, client_class(cluster, set_as_default=False) as client:
            yield client


@contextmanager
def _interrupt_ignored() -> Iterator[None]:
    """SIGINT ignored while a local cluster starts: its worker processes inherit that, so a Ctrl-C
    at a terminal reaches this process only, which closes the cluster (workers killed mid-start
    would leave it half made). A Ctrl-C in these seconds is lost; any later one ends the scan."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)

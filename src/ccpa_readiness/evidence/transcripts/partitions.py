"""Partitions by bytes, and where they run: in this process, on a local Dask cluster (`workers`) or
on an existing one (`scheduler`).

The coordinator only plans (file sizes, and a few seeks to cut a large JSONL file at line breaks)
and merges compact partition results; the workers read their inputs themselves. Results come back
in input order and at most a few partitions are in flight, so no process's memory grows with the
corpus. A local cluster is closed when the scan ends, however it ends.
"""

from __future__ import annotations

import logging
import multiprocessing
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
from ccpa_readiness.evidence.transcripts.readers.parts import GZIP_MAGIC, split
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

# what a local cluster's workers import before their first partition (`__main__`: the command's
# script, which a worker process imports as its parent's main module)
WORKER_MODULES = ("__main__", "distributed", "ccpa_readiness.evidence.transcripts.work")

Planned = Partition | Problem
Execute = Callable[[Iterable[Planned], Work], Iterator[PartitionResult | Problem]]


@dataclass(frozen=True, slots=True)
class Found:
    """An input file as planned: its bytes on disk (`size`) and of text (`weight`: a gzip file's
    expanded), and whether it can be cut into byte ranges (`splittable`: JSONL, not gzip)."""

    path: Path
    size: int
    weight: int
    splittable: bool


Listed = Found | Problem


def inputs(paths: Sequence[Path | str]) -> list[Listed]:
    """The input files, walked once for the scan (the partition size and the plan both read this
    list), each opened once (its gzip magic and trailer)."""
    return [item if isinstance(item, Problem) else _found(item) for item in expand(paths)]


def plan(found: Iterable[Listed], target: int = PARTITION_BYTES) -> Iterator[Planned]:
    """The inputs as partitions of about `target` bytes of text: files under `target` grouped whole
    in input order (a group up to `target`), a larger JSONL file cut into byte ranges at line
    breaks, any other file of `target` or more alone (other formats and gzip are read whole; a gzip
    file weighs what it expands to)."""
    group: list[Piece] = []
    grouped = weighed = 0
    for item in found:
        if isinstance(item, Problem):
            yield item
            continue
        piece = Piece(str(item.path), str(item.path.absolute()))
        if item.weight < target:
            if weighed + item.weight > target:  # a group holds at most `target`, so all are alike
                yield Partition(tuple(group), grouped, weighed)
                group, grouped, weighed = [], 0, 0
            group.append(piece)
            grouped, weighed = grouped + item.size, weighed + item.weight
            continue
        if group:
            yield Partition(tuple(group), grouped, weighed)
            group, grouped, weighed = [], 0, 0
        if not item.splittable:
            yield Partition((piece,), item.size, item.weight, priority=item.weight // target)
            continue
        for part in split(item.path, item.size, target):
            length = (part.end or item.size) - part.start
            yield Partition((Piece(piece.source, piece.path, part),), length, length)
    if group:
        yield Partition(tuple(group), grouped, weighed)


def _found(path: Path) -> Found:
    """A gzip file's trailer says how many bytes it expands to (modulo 4 GiB, of its last member
    only: an estimate, for balance). A file that cannot be read, or whose format is unknown, is
    planned as it is: its reader names the problem."""
    try:
        size = path.stat().st_size
    except OSError:
        return Found(path, 0, 0, False)
    fmt = format_of(path)
    if fmt is None:
        return Found(path, size, size, False)
    try:
        with path.open("rb") as handle:
            if handle.read(2) != GZIP_MAGIC:
                return Found(path, size, size, fmt == "jsonl")
            if size < GZIP_TRAILER:
                return Found(path, size, size, False)
            handle.seek(size - 4)
            return Found(path, size, max(size, int.from_bytes(handle.read(4), "little")), False)
    except OSError:
        return Found(path, size, size, False)


def in_process(partitions: Iterable[Planned], work: Work) -> Iterator[PartitionResult | Problem]:
    for partition in partitions:
        yield partition if isinstance(partition, Problem) else scan_partition(partition, work)


def on_dask(client: Any, partitions: Iterable[Planned], work: Work) -> Iterator[PartitionResult | Problem]:
    """Partitions submitted a window ahead of the one collected, so every worker stays busy and the
    results waiting stay few. A file read whole of a partition size or more (`priority` above 0)
    is submitted at the start, wherever it is in the input, largest first: the workers begin with
    these long partitions and end on short ones, none of them alone at the end."""
    planned = list(partitions)
    window = IN_FLIGHT_PER_WORKER * _workers(client) + 1

    def submitted(partition: Partition) -> Any:
        return client.submit(scan_partition, partition, work, pure=False, priority=partition.priority)

    long = [(i, p) for i, p in enumerate(planned) if isinstance(p, Partition) and p.priority > 0]
    early = {i: submitted(p) for i, p in sorted(long, key=lambda item: -item[1].weight)}
    in_flight: deque[Any] = deque()
    for index, partition in enumerate(planned):
        if index in early:
            in_flight.append(early.pop(index))
        else:
            in_flight.append(partition if isinstance(partition, Problem) else submitted(partition))
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

    def target(self, found: Sequence[Listed], partition_bytes: int | None) -> int:
        """The partition size: `partition_bytes` if given, else about a quarter of a worker's share
        of the input (so that no worker idles long at the end), between 1 MB and 8 MB."""
        if partition_bytes is not None:
            return partition_bytes
        if self.workers <= 1:
            return PARTITION_BYTES
        total = sum(item.weight for item in found if isinstance(item, Found))
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
    if scheduler is not None:
        with _remote_client(scheduler) as client:
            yield client
        return
    with _fork_server() as forked, _local_client(workers, forked) as client:
        yield client


@contextmanager
def _remote_client(scheduler: str) -> Iterator[Any]:
    import distributed

    client_class: Any = distributed.Client
    try:  # waits as long as Dask's `distributed.comm.timeouts.connect` says
        client = client_class(scheduler, set_as_default=False)
    except (OSError, ValueError, TypeError) as error:
        raise InputError.single(scheduler, f"cannot reach the Dask scheduler: {error}") from None
    with client:
        yield client


@contextmanager
def _local_client(workers: int, forked: bool) -> Iterator[Any]:
    import dask
    import distributed

    client_class: Any = distributed.Client
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
    settings = dict(QUIET_CLUSTER)
    if forked:
        settings["distributed.worker.multiprocessing-method"] = "forkserver"
        # from the fork server already running, with its modules, not Dask's own list (which Dask
        # would import here first: numpy, pandas)
        distributed.utils._forkserver_preload_set = True
    with dask.config.set(settings):
        with _interrupt_ignored():
            cluster = cluster_class(**options)
        with cluster, client_class(cluster, set_as_default=False) as client:
            yield client


@contextmanager
def _fork_server() -> Iterator[bool]:
    """The process a local cluster's workers are forked from, started first: it imports what a
    worker runs (`WORKER_MODULES`) while this process imports Dask and starts the scheduler, so
    each worker starts with them imported (a Dask worker process is otherwise a fresh interpreter
    that imports them itself). Stopped after the cluster, so no process outlives the scan; SIGINT
    is ignored in it and in the workers it forks, as in `_interrupt_ignored`. Where there is no
    fork server (Windows), False: the workers start as Dask starts them."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield False
        return
    from multiprocessing import forkserver

    with _interrupt_ignored():
        forkserver.set_forkserver_preload(list(WORKER_MODULES))
        forkserver.ensure_running()
    try:
        yield True
    finally:
        server: Any = forkserver._forkserver
        server._stop()  # the standard library's own (private) way: waits for it to end


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

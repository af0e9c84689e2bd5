"""Partitions by bytes, and where they run: in this process, on a local Dask cluster (`workers`) or
on an existing one (`scheduler`).

The coordinator only plans (file sizes, and a few seeks to cut a large JSONL file at line breaks)
and merges compact partition results; the workers read their inputs themselves. Results come back
in input order and at most a few partitions are in flight, so no process's memory grows with the
corpus. A local cluster starts while the coordinator plans, and is closed when the scan ends,
however it ends.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.transcripts.readers import expand, format_of
from ccpa_readiness.evidence.transcripts.readers.parts import GZIP_MAGIC, FilePart, split
from ccpa_readiness.evidence.transcripts.work import Partition, PartitionResult, Piece, Work, scan_partition

PARTITION_BYTES = 8_000_000
MIN_PARTITION_BYTES = 1_000_000
PARTITIONS_PER_WORKER = 4  # by default, on a cluster: the input in about this many partitions a worker
# on a cluster, a partition is at most 1/(TAPER x workers) of the text left to plan: smaller towards
# the end of the input, so that the workers end together
TAPER = 2
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

# what the fork server of a local cluster imports: what its workers run before their first partition
# (`__main__`: the command's script, which a worker process imports as its parent's main module),
# and its own quick exit
WORKER_MODULES = (
    "__main__",
    "distributed",
    "ccpa_readiness.evidence.transcripts.work",
    "ccpa_readiness.evidence.transcripts.fork_server_exit",
)

Planned = Partition | Problem
Execute = Callable[[Iterable[Planned], Work], Iterator[PartitionResult | Problem]]
Connect = Future[Any]  # the Dask client, once its cluster is up
# a partition as plain tuples (its pieces' source, path and byte range; its size and weight)
Packed = tuple[tuple[tuple[str, str, FilePart | None], ...], int, int]


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


@dataclass(frozen=True)
class PartitionSizes:
    """How large the partitions are: `largest`, and on a cluster of several `workers` smaller
    towards the end of the input, each at most 1/(TAPER x workers) of the text left to plan, not
    under `smallest`, so that the workers end together (on 263 MB, the last 8 MB partition ran
    alone for 1.7 s while the other worker idled)."""

    largest: int
    workers: int = 1
    smallest: int = MIN_PARTITION_BYTES

    def at(self, left: int) -> int:
        """The size of a partition planned with `left` bytes of text still to plan."""
        if self.workers <= 1:
            return self.largest
        return max(self.grain, min(self.largest, left // (TAPER * self.workers)))

    @property
    def grain(self) -> int:
        """What a large JSONL file is cut into first, the cuts then joined up to `at`."""
        return self.largest if self.workers <= 1 else min(self.smallest, self.largest)

    def read_first(self, item: Found) -> bool:
        """A file read whole (not JSONL, or gzip) of the largest size or more: a partition of its own
        that runs first, wherever it is in the input."""
        return not item.splittable and item.weight >= self.largest


def plan(found: Sequence[Listed], sizes: PartitionSizes | int = PARTITION_BYTES) -> Iterator[Planned]:
    """The inputs as partitions of about `sizes.at` bytes of text: files under that size grouped
    whole in input order (a group up to it), a larger JSONL file cut into byte ranges at line
    breaks, any other file of that size or more alone, with a `priority` so that it runs first
    (other formats and gzip are read whole; a gzip file weighs what it expands to): a file read
    whole of the largest size or more, wherever it is, and in the last partitions one larger than
    the size there (a 1.9 MB CSV last in the input ran alone for 1.9 s at the end)."""
    if isinstance(sizes, int):
        sizes = PartitionSizes(sizes)
    left = sum(i.weight for i in found if isinstance(i, Found) and not sizes.read_first(i))
    group: list[Piece] = []
    grouped = weighed = 0
    for item in found:
        if isinstance(item, Problem):
            yield item
            continue
        piece = Piece(str(item.path), str(item.path.absolute()))
        target = sizes.at(left + weighed)
        if item.weight < target and not sizes.read_first(item):
            if weighed + item.weight > target:  # a group holds at most `target`, so all are alike
                yield Partition(tuple(group), grouped, weighed)
                group, grouped, weighed = [], 0, 0
            group.append(piece)
            grouped, weighed, left = grouped + item.size, weighed + item.weight, left - item.weight
            continue
        if group:
            yield Partition(tuple(group), grouped, weighed)
            group, grouped, weighed = [], 0, 0
        if not item.splittable:
            left -= 0 if sizes.read_first(item) else item.weight
            yield Partition((piece,), item.size, item.weight, priority=max(1, item.weight // sizes.largest))
            continue
        yield from _ranges(item, piece, sizes, left)
        left -= item.weight
    if group:
        yield Partition(tuple(group), grouped, weighed)


def _ranges(item: Found, piece: Piece, sizes: PartitionSizes, left: int) -> Iterator[Partition]:
    """A JSONL file's byte ranges, each up to the size where it begins (`left`: the text still to
    plan, this file's included): the file cut at `sizes.grain`, consecutive cuts then joined."""
    joined: list[FilePart] = []
    index = 0
    for cut in split(item.path, item.size, sizes.grain):
        joined.append(cut)
        length = (cut.end or item.size) - joined[0].start
        if length >= sizes.at(left) or cut.final:
            part = FilePart(joined[0].start, cut.end, index, cut.final, joined[0].before)
            yield Partition((Piece(piece.source, piece.path, part),), length, length)
            index, left, joined = index + 1, left - length, []


def _found(path: Path) -> Found:
    """A file's size, and what it weighs: a gzip file's trailer says how many bytes it expands to
    (modulo 4 GiB, of its last member only: an estimate, for balance). A file is opened only where
    that can change the plan: a name ending `.gz` (its trailer), or JSONL (cut into byte ranges
    unless it is gzip, whatever its name); a file of another format whose name does not say gzip
    weighs its size. A file that cannot be read, or whose format is unknown, is planned as it is:
    its reader names the problem."""
    name = str(path)
    try:
        size = os.stat(name).st_size
    except OSError:
        return Found(path, 0, 0, False)
    fmt = format_of(path)
    if fmt is None or (fmt != "jsonl" and not name.lower().endswith(".gz")):
        return Found(path, size, size, False)
    try:
        with open(name, "rb", buffering=0) as handle:  # unbuffered: two small reads
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


def on_dask(
    connect: Connect, partitions: Iterable[Planned], work: Work
) -> Iterator[PartitionResult | Problem]:
    """Partitions submitted a window ahead of the one collected, so every worker stays busy and the
    results waiting stay few. A partition with a `priority` (a file read whole, long) is submitted
    early, once it is within a horizon of the next one in input order (`window` partitions of the
    largest size), largest first: the workers begin with these long partitions and end on short
    ones, none of them alone at the end; the results that wait for their turn stay within the
    horizon, however many such files there are. The partitions are planned while the client is
    waited for (a local cluster starts meanwhile), then as far ahead as the horizon needs: the
    first are submitted once the cluster is up, however long the rest takes to plan (a large JSONL
    file is read through to be cut at line breaks: 0.12 s for 190 MB)."""
    ahead = _Plan(partitions)
    while not connect.done() and ahead.one_more():
        pass
    client = connect.result()
    window = IN_FLIGHT_PER_WORKER * _workers(client) + 1
    horizon = window * PARTITION_BYTES
    early: dict[int, Any] = {}

    def submitted(partition: Partition) -> Any:
        return client.submit(scan_packed, packed(partition), work, pure=False, priority=partition.priority)

    in_flight: deque[Any] = deque()
    index = 0
    while ahead.through(index, horizon):
        partition = ahead.planned[index]
        for long in ahead.due(index, horizon):
            early[long] = submitted(cast(Partition, ahead.planned[long]))
        if index in early:
            in_flight.append(early.pop(index))
        else:
            in_flight.append(partition if isinstance(partition, Problem) else submitted(partition))
        if len(in_flight) >= window:
            yield _resolved(in_flight.popleft())
        index += 1
    while in_flight:
        yield _resolved(in_flight.popleft())


class _Plan:
    """The partitions planned so far, in input order (`planned`), where each begins (`starts`: the
    bytes of text before it; the last, all planned), and the long ones not yet submitted
    (`waiting`: those with a `priority`)."""

    def __init__(self, partitions: Iterable[Planned]) -> None:
        self._left = iter(partitions)
        self.planned: list[Planned] = []
        self.starts = [0]
        self.waiting: deque[int] = deque()

    def one_more(self) -> bool:
        """The next partition planned; False when all were."""
        item = next(self._left, None)
        if item is None:
            return False
        if isinstance(item, Partition) and item.priority > 0:
            self.waiting.append(len(self.planned))
        self.planned.append(item)
        self.starts.append(self.starts[-1] + (item.weight if isinstance(item, Partition) else 0))
        return True

    def through(self, index: int, horizon: int) -> bool:
        """Partition `index` planned, and those that begin within `horizon` bytes of text after it;
        False when the input has no partition `index`."""
        while (
            len(self.planned) <= index or self.starts[-1] <= self.starts[index] + horizon
        ) and self.one_more():
            pass
        return index < len(self.planned)

    def due(self, index: int, horizon: int) -> list[int]:
        """The long partitions not yet submitted that begin within `horizon` bytes of text after
        partition `index`, largest first; from now on they are submitted."""
        due = []
        while self.waiting and self.starts[self.waiting[0]] <= self.starts[index] + horizon:
            due.append(self.waiting.popleft())
        return sorted(due, key=lambda i: self.starts[i] - self.starts[i + 1])


def packed(partition: Partition) -> Packed:
    """The partition as plain tuples, which pickle in C: a frozen dataclass of slots pickles in
    Python, and a partition of small files holds thousands of pieces, pickled by the client,
    unpickled and pickled again by the scheduler (0.13 s each way for 6 partitions of 3,000 files,
    0.02 s as tuples)."""
    return tuple((p.source, p.path, p.part) for p in partition.pieces), partition.size, partition.weight


def scan_packed(partition: Packed, work: Work) -> PartitionResult:
    """`scan_partition` of a partition `packed`, where it is scanned."""
    pieces, size, weight = partition
    return scan_partition(Partition(tuple(Piece(*piece) for piece in pieces), size, weight), work)


def _resolved(pending: Any) -> PartitionResult | Problem:
    return pending if isinstance(pending, Problem) else pending.result()


def connected(client: Any) -> Connect:
    """A client already connected, as `on_dask` waits for one."""
    ready: Connect = Future()
    ready.set_result(client)
    return ready


def _workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


@dataclass(frozen=True)
class Executor:
    """How partitions run (`run`), and on how many processes at once."""

    run: Execute
    workers: int = 1

    def target(self, found: Sequence[Listed], partition_bytes: int | None) -> PartitionSizes:
        """The partition sizes: `partition_bytes` if given; else in process 8 MB, on a cluster at
        most about a quarter of a worker's share of the input, between 1 MB and 8 MB, and smaller
        towards the end of the input (so that no worker idles long at the end)."""
        if partition_bytes is not None:
            return PartitionSizes(partition_bytes)
        if self.workers <= 1:
            return PartitionSizes(PARTITION_BYTES)
        total = sum(item.weight for item in found if isinstance(item, Found))
        share = total // (PARTITIONS_PER_WORKER * self.workers)
        return PartitionSizes(max(MIN_PARTITION_BYTES, min(PARTITION_BYTES, share)), self.workers)


@contextmanager
def executor(workers: int = 0, scheduler: str | None = None) -> Iterator[Executor]:
    """How partitions run; a local cluster lives as long as the `with` block, error or not."""
    if not workers and scheduler is None:
        yield Executor(in_process)
        return
    if scheduler is not None:
        with _remote_client(scheduler) as client:
            yield Executor(partial(on_dask, connected(client)), _workers(client))
        return
    with _fork_server() as forked, _local_client(workers, forked) as connect:
        yield Executor(partial(on_dask, connect), workers)


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
def _local_client(workers: int, forked: bool) -> Iterator[Connect]:
    """A local cluster and its client. With a fork server the cluster starts in a thread while
    this one lists and plans the inputs (20,000 files: 0.3 s to list, which the workers would
    spend waiting); its workers ignore SIGINT, as the fork server they are forked from does. Without one
    it starts here, SIGINT ignored meanwhile (`_interrupt_ignored`). Either way it is closed,
    once started, however the scan ends, and then its scratch folder is removed (unless Dask's
    `temporary-directory` is set: that folder is the user's)."""
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
    with ExitStack() as opened:
        if dask.config.get("temporary-directory", None) is None:
            # the workers' scratch space (Dask's `dask-scratch-space`, whose lock files it leaves in
            # the temporary folder), removed once the cluster is closed
            scratch = tempfile.TemporaryDirectory(prefix="ccpa-dask-")
            settings["temporary-directory"] = opened.enter_context(scratch)
        opened.enter_context(dask.config.set(settings))

        def started() -> Any:
            cluster = opened.enter_context(cluster_class(**options))
            return opened.enter_context(client_class(cluster, set_as_default=False))

        if not forked:
            with _interrupt_ignored():
                client = started()
            yield connected(client)
            return
        with ThreadPoolExecutor(1, thread_name_prefix="ccpa-cluster-start") as starting:
            yield starting.submit(started)  # left first: the start is waited for, then closed


@contextmanager
def _fork_server() -> Iterator[bool]:
    """The process a local cluster's workers are forked from, started first: it imports what a
    worker runs (`WORKER_MODULES`) while this process imports Dask and starts the scheduler, so
    each worker starts with them imported (a Dask worker process is otherwise a fresh interpreter
    that imports them itself). Stopped after the cluster, so no process outlives the scan (it then
    leaves at once: `fork_server_exit`); SIGINT is ignored in it and in the workers it forks, as
    in `_interrupt_ignored`. Where there is no fork server (Windows), or it cannot start (its socket
    lives in the temporary folder, whose path may be too long for one), False: the workers start
    as Dask starts them."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield False
        return
    from multiprocessing import forkserver

    with _interrupt_ignored():
        forkserver.set_forkserver_preload(list(WORKER_MODULES))
        try:
            forkserver.ensure_running()
            started = True
        except OSError:  # "AF_UNIX path too long"
            started = False
    if not started:  # the scan runs outside `_interrupt_ignored`: a Ctrl-C ends it
        yield False
        return
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

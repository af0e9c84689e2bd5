"""Run the per-document function over partitions: in-process, on a local Dask cluster
(`workers`), or on an existing one (`scheduler`). Results come back in input order; at most a few
partitions are in flight, so memory does not grow with the corpus."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from ccpa_readiness.evidence.transcripts.analysis import DocResult, WorkItem, analyze_batch
from ccpa_readiness.evidence.transcripts.disclosure import DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document

PARTITION_SIZE = 256


def work_item(doc: Document) -> WorkItem:
    return WorkItem(doc.id, doc.text, tuple(doc.turns))


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def run(
    documents: Iterable[Document],
    mode: str,
    matcher: DisclosureMatcher,
    workers: int = 0,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
) -> Iterator[tuple[Document, DocResult]]:
    """Each document with its result, in input order."""
    partitions = _partitions(documents, partition_size)
    if not workers and scheduler is None:
        for batch in partitions:
            yield from zip(batch, analyze_batch([work_item(d) for d in batch], mode, matcher), strict=True)
        return
    with _client(workers, scheduler) as client:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1
        in_flight: deque[tuple[list[Document], Any]] = deque()
        for batch in partitions:
            items = [work_item(d) for d in batch]
            in_flight.append((batch, client.submit(analyze_batch, items, mode, matcher, pure=False)))
            if len(in_flight) >= window:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _collect(batch: list[Document], future: Any) -> Iterator[tuple[Document, DocResult]]:
    yield from zip(batch, future.result(), strict=True)


@contextmanager
def _client(workers: int, scheduler: str | None) -> Iterator[Any]:
    import distributed

    client_class: Any = distributed.Client
    if scheduler is not None:
        with client_class(scheduler) as client:
            yield client
        return
    cluster_class: Any = distributed.LocalCluster
    options = {"threads_per_worker": 1, "processes": True, "dashboard_address": None, "silence_logs": 40}
    with cluster_class(n_workers=workers, **options) as cluster, client_class(cluster) as client:
        yield client

"""The scan, one code path for the command and the assessment: read, analyze (in-process or on
Dask), fold into the aggregate and hand each result to the output sinks."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.pii import labels_for_mode
from ccpa_readiness.evidence.transcripts.aggregate import Aggregate
from ccpa_readiness.evidence.transcripts.analysis import DocResult
from ccpa_readiness.evidence.transcripts.disclosure import Approved, DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.partitions import run
from ccpa_readiness.evidence.transcripts.readers import read_paths


class Sink(Protocol):
    def add(self, doc: Document, result: DocResult) -> None: ...

    def close(self, aggregate: Aggregate) -> None: ...


@dataclass(frozen=True)
class ScanOptions:
    mode: str = "full"
    disclosures: Sequence[Approved] = ()
    text_column: str = "text"
    workers: int = 0
    scheduler: str | None = None


def scan(
    paths: Sequence[Path | str],
    options: ScanOptions,
    sinks: Sequence[Sink] = (),
    on_document: Callable[[], None] | None = None,
) -> tuple[Aggregate, list[Problem]]:
    """Scan every document under `paths`; return the aggregate and the inputs skipped."""
    labels_for_mode(options.mode)  # an unknown mode fails before any reading
    problems: list[Problem] = []

    def documents() -> Iterator[Document]:
        for item in read_paths(paths, options.text_column):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item

    matcher = DisclosureMatcher.from_texts(options.disclosures)
    aggregate = Aggregate()
    results = run(documents(), options.mode, matcher, options.workers, options.scheduler)
    for doc, result in results:
        aggregate.add(doc, result)
        for sink in sinks:
            sink.add(doc, result)
        if on_document is not None:
            on_document()
    for sink in sinks:
        sink.close(aggregate)
    return aggregate, problems

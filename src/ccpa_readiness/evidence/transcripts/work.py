"""A partition's work, done where the partition is read (a Dask worker or this process): read its
files or its byte range, analyse each document, fold the results into an aggregate, render the
output entries and write the redacted copies. What it returns is compact: counts, masked
examples, rendered entries and problems; never the documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.aggregate import Aggregate
from ccpa_readiness.evidence.transcripts.analysis import DocResult, analyze
from ccpa_readiness.evidence.transcripts.disclosure import DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import read_file
from ccpa_readiness.evidence.transcripts.readers.parts import START, FilePart
from ccpa_readiness.evidence.transcripts.redact import CopyPart, RedactedCopies

Render = Callable[[Document, DocResult], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Piece:
    """An input file, whole or one byte range `part`: opened at `path` (absolute, so a worker with
    another working folder finds it), named `source` in outputs as the user gave it."""

    source: str
    path: str
    part: FilePart | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """Whole files up to about the partition size together, or one byte range of a larger file;
    `size`: its bytes on disk, `weight`: its bytes of text (a gzip file's expanded); `priority`:
    above 0 for a file read whole of a partition size or more (a large CSV or gzip file), which runs
    before the ordinary partitions waiting, so that it does not end the scan alone."""

    pieces: tuple[Piece, ...]
    size: int
    weight: int
    priority: int = 0

    @property
    def part(self) -> FilePart | None:
        """The byte range, when the partition is one."""
        return self.pieces[0].part if len(self.pieces) == 1 else None


@dataclass(frozen=True, slots=True)
class Work:
    """What every partition is scanned with."""

    mode: str
    matcher: DisclosureMatcher
    text_column: str = "text"
    render: Render | None = None
    redact: str | None = None
    verdicts: bool = True  # conversations assessed (False: their verdicts are shown nowhere)


@dataclass(slots=True)
class PartitionResult:
    aggregate: Aggregate
    input_bytes: int = 0  # the partition's size, for progress
    problems: list[Problem] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    copy_parts: list[CopyPart] = field(default_factory=list)


def scan_partition(partition: Partition, work: Work) -> PartitionResult:
    """The partition's result (a byte range numbered after the lines and records before it)."""
    result = PartitionResult(Aggregate(), partition.size)
    copies = RedactedCopies(Path(work.redact)) if work.redact is not None else None
    for piece in partition.pieces:
        if copies is not None:
            copies.start(piece.source, piece.part)
        path = Path(piece.path)
        before = START if piece.part is None else piece.part.before
        for item in read_file(path, work.text_column, source=piece.source, part=piece.part, before=before):
            if isinstance(item, Problem):
                result.problems.append(item)
                continue
            found = analyze(item, work.mode, work.matcher, work.verdicts)
            result.aggregate.add(item, found)
            if work.render is not None:
                result.entries.extend(work.render(item, found))
            if copies is not None:
                copies.add(item, found)
    if copies is not None:
        result.copy_parts = copies.close()
    return result

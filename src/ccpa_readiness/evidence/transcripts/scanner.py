"""The scan, one code path for the command and the assessment: plan partitions by bytes, scan each
where it runs (this process or Dask workers), and merge the compact results in input order into
the aggregate, the output and the redacted copies, the same way wherever they were scanned."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.pii import labels_for_mode
from ccpa_readiness.evidence.transcripts.aggregate import Aggregate
from ccpa_readiness.evidence.transcripts.disclosure import Approved, DisclosureMatcher
from ccpa_readiness.evidence.transcripts.partitions import executor, inputs, plan
from ccpa_readiness.evidence.transcripts.redact import append_parts
from ccpa_readiness.evidence.transcripts.work import Render, Work


class Output(Protocol):
    """An output format: `render` makes a document's entries where it is scanned, `write` puts a
    partition's entries in the output here, `close` ends it with the aggregate; `verdicts`:
    whether it shows the conversations' disclosure verdicts (or what the aggregate counts of them)."""

    @property
    def render(self) -> Render: ...

    @property
    def verdicts(self) -> bool: ...

    def write(self, entries: Sequence[str]) -> None: ...

    def close(self, aggregate: Aggregate) -> None: ...


@dataclass(frozen=True)
class ScanOptions:
    mode: str = "full"
    disclosures: Sequence[Approved] = ()
    text_column: str = "text"
    workers: int = 0
    scheduler: str | None = None
    redact: Path | None = None
    partition_bytes: int | None = None  # None: chosen by the number of workers


def scan(
    paths: Sequence[Path | str],
    options: ScanOptions,
    output: Output | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[Aggregate, list[Problem]]:
    """Scan every document under `paths`; return the aggregate and the inputs skipped.
    `on_progress` is told how many documents and input bytes each partition held, as it is merged.
    With an `output` that shows no verdicts, conversations are not assessed: the aggregate then
    counts the documents and the personal information found, and no conversation."""
    labels_for_mode(options.mode)  # an unknown mode fails before any reading
    redact = None if options.redact is None else str(options.redact.absolute())
    work = Work(
        options.mode,
        DisclosureMatcher.from_texts(options.disclosures),
        options.text_column,
        None if output is None else output.render,
        redact,
        output is None or output.verdicts,
    )
    aggregate = Aggregate()
    problems: list[Problem] = []
    with executor(options.workers, options.scheduler) as where:
        found = inputs(paths)
        for result in where.run(plan(found, where.target(found, options.partition_bytes)), work):
            if isinstance(result, Problem):
                problems.append(result)
                continue
            aggregate.merge(result.aggregate)
            problems.extend(result.problems)
            if output is not None:
                output.write(result.entries)
            append_parts(result.copy_parts)
            if on_progress is not None:
                on_progress(result.aggregate.documents, result.input_bytes)
    if output is not None:
        output.close(aggregate)
    return aggregate, problems

"""The progress bar of `ccpa scan transcripts`: documents, documents per second and bytes read, with
an ETA (imported only when stderr shows it: Rich's progress module costs 0.02 s of imports)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ccpa_readiness.cli.app import err_console
from ccpa_readiness.evidence.transcripts.readers import expand


class DocumentsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.fields["documents"] / task.elapsed if task.elapsed else None
        return Text(f"{speed:,.0f} documents/s" if speed else "- documents/s", style="progress.data.speed")


class BytesRead:
    """Advances the progress bar by each partition's bytes as it is merged: the total (bytes of
    every input file) is known before the scan, so the bar shows an ETA."""

    def __init__(self, paths: list[str], progress: Progress) -> None:
        self.progress = progress
        self.total = sum(p.stat().st_size for p in expand(paths) if isinstance(p, Path))
        self.task = progress.add_task("scanning", total=self.total, documents=0)
        self.documents = 0

    def advance(self, documents: int, input_bytes: int) -> None:
        self.documents += documents
        self.progress.update(self.task, advance=input_bytes, documents=self.documents)


@contextmanager
def progress_bar(paths: list[str]) -> Iterator[Callable[[int, int], None]]:
    """The bar on stderr while the scan runs; yields what the scan tells each partition's size."""
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.fields[documents]:,} documents"), DocumentsPerSecond(),
        BarColumn(), DownloadColumn(), TimeRemainingColumn(), console=err_console, transient=True,
    )  # fmt: skip
    with progress:
        yield BytesRead(paths, progress).advance

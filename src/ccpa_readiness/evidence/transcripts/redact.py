"""Masking: snippets for evidence, and redacted copies of the inputs in their own format."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.evidence.pii.masking import mask_label
from ccpa_readiness.evidence.transcripts.analysis import DocResult, Span
from ccpa_readiness.evidence.transcripts.models import Document, Path_
from ccpa_readiness.evidence.transcripts.readers import WRITERS, open_text


def _get(raw: Any, path: Path_) -> Any:
    for key in path:
        raw = raw[key]
    return raw


def _set(raw: Any, path: Path_, value: str) -> None:
    _get(raw, path[:-1])[path[-1]] = value


def redact_raw(doc: Document, spans: Iterable[Span]) -> Any:
    """The document's raw record with every detected span masked in the field it came from."""
    spans = list(spans)
    for segment in doc.segments:
        value = _get(doc.raw, segment.path)
        for start, end, label, _ in spans:
            lo, hi = max(start, segment.start), min(end, segment.end)
            if lo >= hi:
                continue
            at = segment.raw_start + lo - segment.start
            until = segment.raw_start + hi - segment.start
            value = value[:at] + mask_label(value[at:until], label) + value[until:]
        _set(doc.raw, segment.path, value)
    return doc.raw


class RedactedCopies:
    """Writes each input file's redacted copy under `folder`, mirroring its path, gzip kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._source: str | None = None
        self._handle: IO[str] | None = None
        self._first = True
        self.written: list[Path] = []

    def add(self, doc: Document, result: DocResult) -> None:
        if doc.source != self._source:
            self._finish()
            self._open(doc.source)
        assert self._handle is not None
        WRITERS[doc.fmt](self._handle, redact_raw(doc, result.spans), self._first)
        self._first = False

    def _open(self, source: str) -> None:
        relative = Path(source)
        relative = relative.relative_to(relative.anchor) if relative.is_absolute() else relative
        target = self.folder / Path(*[p for p in relative.parts if p != ".."])
        target.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open_text(target, "w")
        self._source, self._first = source, True
        self.written.append(target)

    def close(self, aggregate: object = None) -> None:
        self._finish()

    def _finish(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle, self._source = None, None

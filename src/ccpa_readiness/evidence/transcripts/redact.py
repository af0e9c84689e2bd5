"""Masking: snippets for evidence, and redacted copies of the inputs in their own format."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.evidence.pii.masking import mask_label
from ccpa_readiness.evidence.transcripts.analysis import DocResult, Span
from ccpa_readiness.evidence.transcripts.models import Document, Path_
from ccpa_readiness.evidence.transcripts.readers import WRITERS, open_text
from ccpa_readiness.evidence.transcripts.readers.parts import FilePart


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


@dataclass(frozen=True, slots=True)
class CopyPart:
    """A later part of a split file's redacted copy, written beside it; `append_parts` adds it to
    the copy in input order."""

    path: str
    copy: str


class RedactedCopies:
    """Writes the redacted copy of each input file read (or of its first part) under `folder`,
    mirroring its path, gzip kept; a later part of a split file goes to a `CopyPart`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._target: tuple[Path, Path | None] | None = None
        self._handle: IO[str] | None = None
        self._first = True
        self.parts: list[CopyPart] = []

    def start(self, source: str, part: FilePart | None) -> None:
        """The documents added next come from `source` (its byte range `part`, if one)."""
        self._finish()
        copy = self._copy_of(source)
        later = None if part is None or part.index == 0 else copy.with_name(f".{copy.name}.part{part.index}")
        self._target = (copy, later)

    def add(self, doc: Document, result: DocResult) -> None:
        if self._handle is None:
            self._open()
        assert self._handle is not None
        WRITERS[doc.fmt](self._handle, redact_raw(doc, result.spans), self._first)
        self._first = False

    def _copy_of(self, source: str) -> Path:
        relative = Path(source)
        relative = relative.relative_to(relative.anchor) if relative.is_absolute() else relative
        return self.folder / Path(*[p for p in relative.parts if p != ".."])

    def _open(self) -> None:
        assert self._target is not None
        copy, later = self._target
        copy.parent.mkdir(parents=True, exist_ok=True)
        self._handle = open_text(later or copy, "w")
        self._first = later is None
        if later is not None:
            self.parts.append(CopyPart(str(later), str(copy)))

    def close(self) -> list[CopyPart]:
        """Close the last copy; the parts written, for `append_parts`."""
        self._finish()
        return self.parts

    def _finish(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle, self._target = None, None


def append_parts(parts: Iterable[CopyPart]) -> None:
    """Append each later part to its copy (bytes as written; gzip members follow one another)."""
    for part in parts:
        with open(part.copy, "ab") as copy, open(part.path, "rb") as piece:
            shutil.copyfileobj(piece, copy, 1 << 20)
        Path(part.path).unlink()

"""Plain text: one conversation a file, `SPEAKER: text` a line (lines without a speaker continue
the previous turn's speaker as a new turn)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document, TurnBuilder
from ccpa_readiness.evidence.transcripts.readers.speakers import SPEAKER_LINE


def read(lines: Iterable[str], source: str) -> Iterator[Document | Problem]:
    raw = [line.rstrip("\n") for line in lines]
    builder = TurnBuilder()
    speaker = "UNKNOWN"
    for index, line in enumerate(raw):
        if not line.strip():
            continue
        match = SPEAKER_LINE.match(line)
        if match is not None:
            speaker = match.group(1).strip()
            builder.add(speaker, match.group(2), (index,), match.start(2))
        else:
            builder.add(speaker, line, (index,))
    yield builder.document(source, source, 1, "text", raw)


def write(handle: IO[str], lines: Any, first: bool) -> None:
    handle.write("\n".join(lines) + "\n")

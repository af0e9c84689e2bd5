"""`SPEAKER: text` lines: the plain-text transcript convention, also inside canonical `text`."""

from __future__ import annotations

import re
from typing import Any

from ccpa_readiness.evidence.transcripts.models import Document, Path_, Segment, Turn

SPEAKER_LINE = re.compile(r"^[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*:[ \t]?(.*)$")


def turns_from_text(text: str) -> list[Turn]:
    """The turns of a text whose every non-empty line is `SPEAKER: words`; otherwise none."""
    turns: list[Turn] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            match = SPEAKER_LINE.match(line)
            if match is None:
                return []
            turns.append(Turn(match.group(1).strip(), offset + match.start(2), offset + match.end(2)))
        offset += len(line) + 1
    return turns


def text_document(
    doc_id: str, source: str, line: int, fmt: str, text: str, path: Path_, raw: Any
) -> Document:
    """A document whose text is one field of its record (canonical `text`, a CSV column)."""
    return Document(
        doc_id, source, line, fmt, text, turns_from_text(text), [Segment(0, len(text), path)], raw
    )

"""`SPEAKER: text` lines: the plain-text transcript convention, also inside canonical `text`."""

from __future__ import annotations

import re
from typing import Any

from ccpa_readiness.evidence.transcripts.models import Document, Path_, Segment, Turn

SPEAKER_LINE = re.compile(r"^[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*:[ \t]?(.*)$")
_SPEAKER_LINES = re.compile(SPEAKER_LINE.pattern, re.MULTILINE)
_NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)  # what `line.strip()` leaves non-empty


def turns_from_text(text: str) -> list[Turn]:
    """The turns of a text whose every non-empty line is `SPEAKER: words`; otherwise none.
    One pass of each regex over the whole text: as many speaker lines as non-blank lines."""
    found = [
        Turn(match.group(1).strip(), match.start(2), match.end(2)) for match in _SPEAKER_LINES.finditer(text)
    ]
    return found if len(found) == len(_NON_BLANK_LINE.findall(text)) else []


def text_document(
    doc_id: str, source: str, line: int, fmt: str, text: str, path: Path_, raw: Any
) -> Document:
    """A document whose text is one field of its record (canonical `text`, a CSV column)."""
    return Document(
        doc_id, source, line, fmt, text, turns_from_text(text), [Segment(0, len(text), path)], raw
    )

"""`SPEAKER: text` lines: the plain-text transcript convention, also inside canonical `text`."""

from __future__ import annotations

from typing import Any

from ccpa_readiness.evidence.transcripts.models import Document, Path_, Segment
from ccpa_readiness.evidence.transcripts.turns import SPEAKER_LINE as SPEAKER_LINE


def text_document(
    doc_id: str, source: str, line: int, fmt: str, text: str, path: Path_, raw: Any
) -> Document:
    """A document whose text is one field of its record (canonical `text`, a CSV column); its
    turns are the text's own `SPEAKER: words` lines, split out when asked for."""
    return Document(doc_id, source, line, fmt, text, None, [Segment(0, len(text), path)], raw)

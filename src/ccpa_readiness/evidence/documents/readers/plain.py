"""Plain text (and text extracted from PDF): paragraphs split on blank lines, heading-like lines."""

from __future__ import annotations

import re

from ccpa_readiness.evidence.documents.model import Block

_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\S")
_MAX_HEADING_WORDS = 12


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation, in title or upper case or numbered."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or line[-1] in ".,;" or not line[0].isalnum():
        return False
    if _NUMBERED.match(line) or line.isupper():
        return True
    capitalised = [w for w in words if w[0].isupper()]
    return (len(words) <= 3 and words[0][0].isupper()) or len(capitalised) * 2 > len(words)


def read_plain(text: str) -> list[Block]:
    """Blank lines separate paragraphs; a heading-like line opens a section (level 2)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            if looks_like_heading(line) and (not lines or lines[-1][-1:] in ".:;!?"):
                if lines:
                    blocks.append(Block(text=" ".join(lines)))
                    lines = []
                blocks.append(Block(text=line, heading_level=2))
            else:
                lines.append(line)
        if lines:
            blocks.append(Block(text=" ".join(lines)))
    return blocks

"""Plain text (and text extracted from PDF): paragraphs split on blank lines, heading-like lines."""

from __future__ import annotations

import re

from ccpa_readiness.evidence.documents.model import Block

_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\S")
_MAX_HEADING_WORDS = 12
# "Agent: ..." or "IVR: ...": each line of a script is a paragraph of its own.
_SPEAKER = re.compile(r"^[A-Z][\w ]{0,20}:\s")


def _heading_shape(line: str) -> str | None:
    """'strong' for a short upper-case or numbered line, 'weak' for a short title-case one."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or line[-1] in ".,;" or not line[0].isalnum():
        return None
    if _NUMBERED.match(line) or (line.isupper() and len(words) > 1):
        return "strong"
    capitalised = [w for w in words if w[0].isupper()]
    if (len(words) <= 3 and words[0][0].isupper()) or len(capitalised) * 2 > len(words):
        return "weak"
    return None


def read_plain(text: str) -> list[Block]:
    """Blank lines separate paragraphs; a heading-like line opens a section (level 2).

    An upper-case or numbered short line is always a heading; a title-case one only after a line
    that ends a sentence, so a wrapped sentence is not cut. A "Speaker: ..." line starts a paragraph.
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines: list[str] = []
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            shape = _heading_shape(line)
            if shape == "strong" or (shape == "weak" and (not lines or lines[-1][-1:] in ".:;!?")):
                if lines:
                    blocks.append(Block(text=" ".join(lines)))
                    lines = []
                blocks.append(Block(text=line, heading_level=2))
            else:
                if lines and _SPEAKER.match(line):
                    blocks.append(Block(text=" ".join(lines)))
                    lines = []
                lines.append(line)
        if lines:
            blocks.append(Block(text=" ".join(lines)))
    return blocks

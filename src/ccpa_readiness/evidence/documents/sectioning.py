"""Group a reader's blocks into sections: each heading opens one, paragraphs fill the open one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ccpa_readiness.evidence.documents.model import Block, Section

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\"“])")


def normalize_space(text: str) -> str:
    return " ".join(text.split())


def sentences(paragraphs: list[str]) -> list[str]:
    """The sentences of the paragraphs, split after closing punctuation before a capital."""
    return [s for paragraph in paragraphs for s in _SENTENCE_END.split(paragraph) if s]


def build_sections(blocks: Iterable[Block]) -> list[Section]:
    """Sections in reading order; text before the first heading goes to an untitled section."""
    sections: list[Section] = []
    open_headings: list[tuple[int, str]] = []
    current = Section(index=0, heading="", level=0)
    for block in blocks:
        text = normalize_space(block.text)
        if not text:
            continue
        if block.heading_level is None:
            current.paragraphs.append(text)
            continue
        if current.heading or current.paragraphs:
            sections.append(current)
        level = block.heading_level
        open_headings = [(lvl, head) for lvl, head in open_headings if lvl < level]
        current = Section(
            index=len(sections), heading=text, level=level, trail=[head for _, head in open_headings]
        )
        open_headings.append((level, text))
    if current.heading or current.paragraphs:
        sections.append(current)
    return sections

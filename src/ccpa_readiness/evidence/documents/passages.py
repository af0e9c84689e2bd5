"""Walk a document's headings and paragraphs as passages that can be quoted as evidence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ccpa_readiness.evidence.documents.model import Evidence, ParsedDocument, Section
from ccpa_readiness.evidence.documents.snippets import excerpt


@dataclass(frozen=True)
class Passage:
    section: Section
    paragraph: int | None  # None: the section's heading
    text: str

    def evidence(self, start: int = 0, end: int | None = None) -> Evidence:
        return Evidence(
            section=self.section.label, paragraph=self.paragraph, excerpt=excerpt(self.text, start, end)
        )


def paragraphs(section: Section) -> Iterator[Passage]:
    for number, text in enumerate(section.paragraphs, start=1):
        yield Passage(section, number, text)


def passages(document: ParsedDocument, with_headings: bool = True) -> Iterator[Passage]:
    """Every heading (optionally) and paragraph, in reading order."""
    for section in document.sections:
        if with_headings and section.heading:
            yield Passage(section, None, section.heading)
        yield from paragraphs(section)

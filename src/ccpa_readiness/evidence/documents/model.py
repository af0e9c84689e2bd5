"""A document as the analyser sees it: sections of paragraphs, with positions for evidence."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class DocumentKind(StrEnum):
    PRIVACY_POLICY = "privacy_policy"
    NOTICE_AT_COLLECTION = "notice_at_collection"
    OPT_OUT_NOTICE = "opt_out_notice"
    FINANCIAL_INCENTIVE = "financial_incentive"
    SCRIPT = "script"


class Block(BaseModel):
    """One unit a reader emits in reading order: a heading (with its level) or a paragraph."""

    text: str
    heading_level: int | None = None


class Section(BaseModel):
    """A heading and the paragraphs under it, up to the next heading."""

    index: int = Field(description="position of the section in the document, from 0")
    heading: str = Field(description="the heading text; empty for text before the first heading")
    level: int
    trail: list[str] = Field(default_factory=list, description="the enclosing headings, outermost first")
    paragraphs: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return self.heading or "(untitled opening)"


class ParsedDocument(BaseModel):
    """What a reader made of one file."""

    path: str
    sections: list[Section]

    @property
    def title(self) -> str:
        return next((s.heading for s in self.sections if s.heading), "")

    def full_text(self) -> str:
        return "\n".join(part for s in self.sections for part in [s.heading, *s.paragraphs] if part)


class Evidence(BaseModel):
    """The passage that shows an element: its section, the paragraph's position in it, a short excerpt."""

    section: str
    paragraph: int | None = None
    excerpt: str


class ElementStatus(StrEnum):
    PRESENT = "present"
    PARTIAL = "partial"
    ABSENT = "absent"
    UNCLEAR = "unclear"


class ElementResult(BaseModel):
    id: str
    status: ElementStatus
    citation: str
    evidence: Evidence | None = None
    note: str = ""


class Mismatch(BaseModel):
    """A difference between what the workspace declares and what the document says."""

    subject: str = Field(description="category key, vendor role, retention:<category>, language, recording")
    declared: str
    document: str
    message: str


class SectionReadability(BaseModel):
    section: str
    reading_ease: float
    long_sentence_count: int = 0
    long_sentences: list[str] = Field(default_factory=list, description="the first few, shortened")
    jargon: list[str] = Field(default_factory=list)


class DocumentReport(BaseModel):
    path: str
    kind: DocumentKind
    language: str | None
    last_updated: str | None = Field(description="ISO date the document says it was last updated")
    reading_ease: float | None
    elements: list[ElementResult]
    mismatches: list[Mismatch] = Field(default_factory=list)
    plain_language: list[SectionReadability] = Field(default_factory=list)

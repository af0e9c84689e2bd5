"""Fold per-document results into a few observations: one per label found, one per disclosure
kind, one for what was scanned. Never one per conversation; examples are masked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ccpa_readiness.evidence.pii import label_table
from ccpa_readiness.evidence.pii.masking import mask_label
from ccpa_readiness.evidence.transcripts.analysis import GIVEN, LATE, MISSING, DocResult
from ccpa_readiness.evidence.transcripts.disclosure import KINDS
from ccpa_readiness.evidence.transcripts.models import Document

if TYPE_CHECKING:
    from ccpa_readiness.evidence.common.models import Observation

MAX_EXAMPLES = 5


@dataclass(slots=True)
class LabelStats:
    count: int = 0
    documents: int = 0
    source: str = ""
    location: str = ""
    snippet: str = ""


@dataclass(slots=True)
class DisclosureStats:
    verdicts: dict[str, int] = field(default_factory=lambda: {GIVEN: 0, LATE: 0, MISSING: 0})
    examples: list[str] = field(default_factory=list)


class Aggregate:
    def __init__(self) -> None:
        self.documents = 0
        self.conversations = 0
        self.chars = 0
        self.labels: dict[str, LabelStats] = {}
        self.disclosures = {kind: DisclosureStats() for kind in KINDS}

    def add(self, doc: Document, result: DocResult) -> None:
        self.documents += 1
        self.chars += len(doc.text)
        seen: set[str] = set()
        for start, end, label, _ in result.spans:
            stats = self.labels.setdefault(label, LabelStats())
            stats.count += 1
            if label not in seen:
                seen.add(label)
                stats.documents += 1
            if not stats.snippet:
                stats.source, stats.location = doc.source, doc.id
                stats.snippet = mask_label(doc.text[start:end], label)
        conversation = result.conversation
        if conversation is None:
            return
        self.conversations += 1
        for kind in KINDS:
            verdict = getattr(conversation, kind)
            stats_ = self.disclosures[kind]
            stats_.verdicts[verdict] += 1
            if verdict != GIVEN and len(stats_.examples) < MAX_EXAMPLES:
                stats_.examples.append(doc.id)

    def merge(self, other: Aggregate) -> None:
        """Fold in the aggregate of the documents that follow this one's (a later partition), as
        if each of them had been added here."""
        self.documents += other.documents
        self.conversations += other.conversations
        self.chars += other.chars
        for label, theirs in other.labels.items():
            mine = self.labels.setdefault(label, LabelStats())
            mine.count += theirs.count
            mine.documents += theirs.documents
            if not mine.snippet:
                mine.source, mine.location, mine.snippet = theirs.source, theirs.location, theirs.snippet
        for kind, disclosure in other.disclosures.items():
            stats = self.disclosures[kind]
            for verdict, count in disclosure.verdicts.items():
                stats.verdicts[verdict] += count
            stats.examples.extend(disclosure.examples[: MAX_EXAMPLES - len(stats.examples)])

    def detections(self) -> dict[str, int]:
        return {label: self.labels[label].count for label in label_table() if label in self.labels}

    def observations(self) -> list[Observation]:
        # imported here: a scan whose output is a file of its own (spans, json, sarif) needs none
        from ccpa_readiness.evidence.common.models import Observation

        table = label_table()
        out = [
            Observation(
                kind="TRANSCRIPT-SCANNED",
                source="transcripts",
                attributes={
                    "documents": self.documents,
                    "conversations": self.conversations,
                    "chars": self.chars,
                },
            )
        ]
        for label in (name for name in table if name in self.labels):
            stats, info = self.labels[label], table[label]
            out.append(
                Observation(
                    kind="TRANSCRIPT-PII",
                    subject=label,
                    source=stats.source,
                    location=stats.location,
                    snippet=stats.snippet,
                    attributes={
                        "label": label,
                        "category": info.category,
                        "sensitive_kind": info.sensitive_kind,
                        "count": stats.count,
                        "documents": stats.documents,
                    },
                )
            )
        if self.conversations:
            for kind, disclosure in self.disclosures.items():
                out.append(
                    Observation(
                        kind="TRANSCRIPT-DISCLOSURE",
                        source="transcripts",
                        subject=kind,
                        attributes={
                            **disclosure.verdicts,
                            "conversations": self.conversations,
                            "examples": list(disclosure.examples),
                        },
                    )
                )
        return out

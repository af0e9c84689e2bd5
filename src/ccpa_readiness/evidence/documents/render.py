"""The analysis as the JSON document `ccpa notices check --format json` writes, and as plain text."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ccpa_readiness.evidence.documents.analysis import Analysis
from ccpa_readiness.evidence.documents.definitions import plain_language_rules
from ccpa_readiness.evidence.documents.model import DocumentReport, ElementStatus

_TEXT_EXCERPT_CHARS = 110


def to_json(analysis: Analysis) -> dict[str, Any]:
    """`{"documents": [{"path", "kind", "elements": [...], "mismatches": [...], "reading_ease", ...}]}`."""
    return {
        "documents": [report.model_dump(mode="json") for report in analysis.documents],
        "problems": [asdict(problem) for problem in analysis.problems],
    }


def _document_text(report: DocumentReport) -> list[str]:
    rules = plain_language_rules()
    counts = {s: sum(e.status is s for e in report.elements) for s in ElementStatus}
    lines = [
        f"{report.path}: {report.kind.value} (language {report.language or 'unknown'}, "
        f"last updated {report.last_updated or 'not stated'}, reading ease {report.reading_ease})",
        "  elements: " + ", ".join(f"{counts[s]} {s.value}" for s in ElementStatus),
    ]
    for element in report.elements:
        where = ""
        if element.evidence is not None:
            quote = element.evidence.excerpt[:_TEXT_EXCERPT_CHARS]
            where = f"  [{element.evidence.section[:50]}] {quote}"
        note = f" ({element.note})" if element.note and element.status is not ElementStatus.PRESENT else ""
        lines.append(f"  {element.status.value:8} {element.id:28} {element.citation}{note}")
        if where:
            lines.append(f"  {'':8} {where}")
    for mismatch in report.mismatches:
        lines.append(
            f"  MISMATCH {mismatch.subject}: declared {mismatch.declared}; document {mismatch.document}"
        )
    hard = [s for s in report.plain_language if s.reading_ease < rules.hard_reading_ease]
    long_count = sum(s.long_sentence_count for s in report.plain_language)
    jargon = sorted({term for s in report.plain_language for term in s.jargon})
    lines.append(
        f"  plain language: {len(hard)} of {len(report.plain_language)} sections hard to read "
        f"(reading ease < {rules.hard_reading_ease:g}), {long_count} sentences over "
        f"{rules.long_sentence_words} words, jargon: {', '.join(jargon) or 'none'}"
    )
    return lines


def to_text(analysis: Analysis) -> str:
    lines: list[str] = []
    for report in analysis.documents:
        lines.extend([*_document_text(report), ""])
    return "\n".join(lines).rstrip("\n") + "\n"

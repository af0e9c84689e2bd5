"""The analysis as observations for the assessment: one per document, element and mismatch."""

from __future__ import annotations

from ccpa_readiness.evidence.common.models import Observation, ScanResult
from ccpa_readiness.evidence.documents.analysis import Analysis
from ccpa_readiness.evidence.documents.model import DocumentReport


def document_observations(report: DocumentReport) -> list[Observation]:
    observations = [
        Observation(
            kind="NOTICE-DOCUMENT",
            source=report.path,
            subject=report.kind.value,
            attributes={
                "kind": report.kind.value,
                "reading_ease": report.reading_ease,
                "last_updated": report.last_updated,
                "language": report.language,
            },
        )
    ]
    observations += [
        Observation(
            kind="NOTICE-ELEMENT",
            source=report.path,
            location=element.evidence.section if element.evidence else "",
            subject=element.id,
            snippet=element.evidence.excerpt if element.evidence else "",
            attributes={
                "document_kind": report.kind.value,
                "status": element.status.value,
                "citation": element.citation,
                "note": element.note,
            },
        )
        for element in report.elements
    ]
    observations += [
        Observation(
            kind="NOTICE-MISMATCH",
            source=report.path,
            subject=mismatch.subject,
            attributes={
                "declared": mismatch.declared,
                "document": mismatch.document,
                "message": mismatch.message,
            },
        )
        for mismatch in report.mismatches
    ]
    return observations


def to_scan_result(analysis: Analysis) -> ScanResult:
    return ScanResult(
        observations=[o for report in analysis.documents for o in document_observations(report)],
        problems=list(analysis.problems),
    )

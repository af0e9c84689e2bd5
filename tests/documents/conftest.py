"""Shared helpers of the document tests: the fixture folder and a fixed 'today'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ccpa_readiness.evidence.documents import DeclaredPractices, analyse
from ccpa_readiness.evidence.documents.model import DocumentReport

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 6, 1)


def report_for(name: str, declared: DeclaredPractices | None = None) -> DocumentReport:
    """The report of one fixture; `today` is TODAY unless `declared` says otherwise."""
    analysis = analyse([FIXTURES / name], declared or DeclaredPractices(today=TODAY))
    assert not analysis.problems, analysis.problems
    (report,) = analysis.documents
    return report


def statuses(report: DocumentReport) -> dict[str, str]:
    return {element.id: element.status.value for element in report.elements}

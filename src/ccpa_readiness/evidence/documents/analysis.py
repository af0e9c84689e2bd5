"""The one code path behind `scan_documents` and `ccpa notices check`: read, classify, check, compare."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import unexpected
from ccpa_readiness.evidence.documents.classify import classify
from ccpa_readiness.evidence.documents.consistency import practice_mismatches
from ccpa_readiness.evidence.documents.declared import DeclaredPractices
from ccpa_readiness.evidence.documents.definitions import AppliesWhen, ElementDefinition, element_catalog
from ccpa_readiness.evidence.documents.element_checks import CheckContext, check_element, find_last_updated
from ccpa_readiness.evidence.documents.language import detect_language
from ccpa_readiness.evidence.documents.model import DocumentReport, ElementResult, ElementStatus, Mismatch
from ccpa_readiness.evidence.documents.readability import (
    READABLE_LANGUAGE,
    reading_ease,
    section_readability,
)
from ccpa_readiness.evidence.documents.reader import read_document
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument


class Analysis(BaseModel):
    documents: list[DocumentReport] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the files under each directory (hidden ones skipped), sorted."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.add(path)
    return sorted(files)


def applies(element: ElementDefinition, declared: DeclaredPractices | None) -> bool:
    """Without declared practices every element is checked; with them, conditional ones only when due."""
    if declared is None or element.applies_when is AppliesWhen.ALWAYS:
        return True
    return bool(getattr(declared, element.applies_when.value))


def _not_checkable(element: ElementDefinition, language: str) -> ElementResult:
    note = f"written in '{language}'; the cues are in '{element_catalog().cue_language}' only: read it"
    return ElementResult(id=element.id, status=ElementStatus.UNCLEAR, citation=element.citation, note=note)


def analyse_document(path: Path, declared: DeclaredPractices | None) -> DocumentReport:
    """Raise `UnreadableDocument` for a file that cannot be read.

    A document in another language than the cues' gets every element `unclear` and no practice
    mismatches: absent would be a guess.
    """
    document = read_document(path)
    kind = classify(document)
    language = detect_language(document.full_text())
    checkable = language in (None, element_catalog().cue_language)
    today = declared.today if declared else date.today()
    context = CheckContext(document=document, today=today)
    due = [e for e in element_catalog().for_kind(kind) if applies(e, declared)]
    elements = [check_element(e, context) if checkable else _not_checkable(e, str(language)) for e in due]
    updated = find_last_updated(document)
    body = [p for s in document.sections for p in s.paragraphs]
    return DocumentReport(
        path=str(path),
        kind=kind,
        language=language,
        last_updated=updated[0].isoformat() if updated else None,
        reading_ease=reading_ease(body) if language == READABLE_LANGUAGE else None,
        elements=elements,
        mismatches=practice_mismatches(document, kind, declared) if declared and checkable else [],
        plain_language=section_readability(document) if language == READABLE_LANGUAGE else [],
    )


def language_mismatches(
    report: DocumentReport, reports: list[DocumentReport], declared: DeclaredPractices
) -> list[Mismatch]:
    """Each language callers are served in needs a document of this kind in that language (CCR §7003)."""
    available = {r.language for r in reports if r.kind is report.kind}
    kind = report.kind.value
    return [
        Mismatch(
            subject=f"language:{code}",
            declared=f"consumers are served in '{code}'",
            document=f"this {kind} is in '{report.language or 'unknown'}'; no {kind} in '{code}' was checked",
            message=f"the {kind} is not available in '{code}'",
        )
        for code in sorted(set(declared.languages))
        if code not in available
    ]


def analyse(paths: Iterable[Path], declared: DeclaredPractices | None = None) -> Analysis:
    """Every readable document's report; every unreadable file a problem. Sorted by path."""
    analysis = Analysis()
    for path in expand_paths(paths):
        try:
            analysis.documents.append(analyse_document(path, declared))
        except UnreadableDocument as error:
            analysis.problems.append(Problem(source=str(path), message=str(error)))
        except Exception as error:  # a parser's unforeseen failure costs this file only
            message = unexpected(error)
            analysis.problems.append(Problem(source=str(path), message=message))
    if declared is not None:
        for report in analysis.documents:
            report.mismatches.extend(language_mismatches(report, analysis.documents, declared))
    return analysis

"""Compare a document with the declared practices: categories, selling or sharing, recording, retention."""

from __future__ import annotations

from ccpa_readiness.evidence.documents.cues import CueSet
from ccpa_readiness.evidence.documents.declared import DeclaredPractices
from ccpa_readiness.evidence.documents.definitions import practice_vocabulary
from ccpa_readiness.evidence.documents.model import DocumentKind, Mismatch, ParsedDocument
from ccpa_readiness.evidence.documents.retention import category_cues, stated_periods
from ccpa_readiness.evidence.documents.snippets import excerpt

# The kinds that must describe the practices the inventory declares.
DESCRIBING_KINDS = frozenset({DocumentKind.PRIVACY_POLICY, DocumentKind.NOTICE_AT_COLLECTION})


def category_mismatches(text: str, declared: DeclaredPractices) -> list[Mismatch]:
    return [
        Mismatch(
            subject=key,
            declared="collected",
            document="not mentioned",
            message=f"the workspace shows '{key}' collected, but the document names no such category",
        )
        for key in sorted(set(declared.categories_collected))
        if not category_cues(key).any(text)
    ]


def sale_share_mismatches(text: str, declared: DeclaredPractices) -> list[Mismatch]:
    """Declared selling or sharing (or a vendor role that implies it) must be disclosed."""
    vocabulary = practice_vocabulary()
    roles = sorted({r for r in declared.vendor_roles if r in vocabulary.sale_share_vendor_roles})
    subjects = (["sells_or_shares"] if declared.sells_or_shares else []) + roles
    if not subjects or CueSet(vocabulary.sells_or_shares).any(text):
        return []
    denial = CueSet(vocabulary.denies_selling_or_sharing).first(text)
    document = f"says: {excerpt(text, *denial.span())}" if denial else "does not say it sells or shares"
    return [
        Mismatch(
            subject=subject,
            declared="sells or shares personal information"
            if subject == "sells_or_shares"
            else f"a vendor in the role '{subject}', which means selling or sharing",
            document=document,
            message="personal information is sold or shared, but the document does not disclose it",
        )
        for subject in subjects
    ]


def recording_mismatches(text: str, declared: DeclaredPractices) -> list[Mismatch]:
    if not declared.records_calls or CueSet(practice_vocabulary().recording).any(text):
        return []
    return [
        Mismatch(
            subject="recording",
            declared="calls are recorded",
            document="no mention of call recording",
            message="every recorded call collects audio, but the document never mentions call recording",
        )
    ]


def retention_mismatches(document: ParsedDocument, declared: DeclaredPractices) -> list[Mismatch]:
    """A period the document states for a category must match the declared one (within tolerance)."""
    tolerance = practice_vocabulary().retention_tolerance
    declared_days = declared.retention_days_by_category
    stated = stated_periods(document, sorted(declared_days))
    mismatches: list[Mismatch] = []
    for key, periods in sorted(stated.items()):
        days = declared_days[key]
        if any(abs(p.days - days) <= tolerance * days for p in periods):
            continue
        phrases = sorted({f"{p.phrase} ({p.days} days)" for p in periods})
        mismatches.append(
            Mismatch(
                subject=f"retention:{key}",
                declared=f"{days} days",
                document=", ".join(phrases),
                message=f"the document states a retention period for '{key}' other than the declared one",
            )
        )
    return mismatches


def practice_mismatches(
    document: ParsedDocument, kind: DocumentKind, declared: DeclaredPractices
) -> list[Mismatch]:
    """All mismatches of one document; only privacy policies and notices at collection describe practices."""
    if kind not in DESCRIBING_KINDS:
        return []
    text = document.full_text()
    return [
        *category_mismatches(text, declared),
        *sale_share_mismatches(text, declared),
        *recording_mismatches(text, declared),
        *retention_mismatches(document, declared),
    ]

"""Notice and script analyser: privacy policies, notices and agent/IVR scripts against the law and
against the declared practices. Scanners' contract: `scan_documents` returns observations."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.documents.analysis import Analysis, analyse
from ccpa_readiness.evidence.documents.declared import DeclaredPractices
from ccpa_readiness.evidence.documents.observations import to_scan_result

__all__ = ["Analysis", "DeclaredPractices", "analyse", "scan_documents"]


def scan_documents(paths: list[Path], declared: DeclaredPractices | None = None) -> ScanResult:
    """Per document a NOTICE-DOCUMENT, per element a NOTICE-ELEMENT, per mismatch a NOTICE-MISMATCH."""
    return to_scan_result(analyse(paths, declared))

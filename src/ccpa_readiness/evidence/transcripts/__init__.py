"""Transcript scanner: personal information and disclosures in call and chat transcripts.

`scan_transcripts` is what `ccpa assess` calls; `ccpa scan transcripts` runs the same `scan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ccpa_readiness.evidence.transcripts.disclosure import Approved
from ccpa_readiness.evidence.transcripts.scanner import ScanOptions, scan

if TYPE_CHECKING:
    from ccpa_readiness.evidence.common.models import ScanResult

__all__ = ["ScanOptions", "scan", "scan_transcripts"]


def scan_transcripts(
    paths: list[Path], disclosures: Sequence[Approved] = (), mode: str = "full"
) -> ScanResult:
    """Aggregated observations: one `TRANSCRIPT-PII` per label found, one `TRANSCRIPT-DISCLOSURE`
    per disclosure kind (when there are conversations), one `TRANSCRIPT-SCANNED`; plus the
    records skipped as problems."""
    from ccpa_readiness.evidence.common.models import ScanResult  # the command needs none

    aggregate, problems = scan(paths, ScanOptions(mode=mode, disclosures=disclosures))
    return ScanResult(observations=aggregate.observations(), problems=problems)

"""What the scanners make of one evidence file, in a few short lines for the intake's evidence list.

The scanner of the file's kind reads it as `ccpa assess` would (with the workspace's declared
notice prompts, approved wording and practices when the workspace loads). The lines hold counts,
ids and the scanners' own words, never a snippet; problem messages go through the one masker.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ccpa_readiness.errors import InputError
from ccpa_readiness.evidence.common.models import AttributeValue, ScanResult
from ccpa_readiness.workspace.loader import Workspace, load_workspace

MAX_PROBLEMS = 3


@dataclass(frozen=True)
class FileSummary:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def summarize(root: Path, kind: str, path: Path) -> FileSummary:
    """Scan `path` (an evidence file of `kind` inside the workspace `root`) and sum it up."""
    from ccpa_readiness.evidence.pii.masking import mask_text

    workspace = _workspace(root)
    try:
        result = _scan(workspace, kind, path)
    except InputError as error:
        result = ScanResult(problems=error.problems)
    if kind == "flows":
        lines = _flow_lines(result)
    elif kind == "transcripts":
        lines = _transcript_lines(result)
    else:
        lines = _document_lines(result)
    problems = [
        mask_text(f"{problem.location + ': ' if problem.location else ''}{problem.message}")
        for problem in result.problems[:MAX_PROBLEMS]
    ]
    if len(result.problems) > MAX_PROBLEMS:
        problems.append(f"and {len(result.problems) - MAX_PROBLEMS} more problems")
    return FileSummary(lines, problems)


def _workspace(root: Path) -> Workspace | None:
    """The workspace for the declared prompts and practices; None while it does not load."""
    try:
        return load_workspace(root)
    except InputError:
        return None


def _scan(workspace: Workspace | None, kind: str, path: Path) -> ScanResult:
    from ccpa_readiness.evidence_inputs import approved_disclosures, notice_prompts

    if kind == "flows":
        from ccpa_readiness.evidence.flows import scan_flows

        return scan_flows([path], notice_prompts(workspace) if workspace else [])
    if kind == "transcripts":
        from ccpa_readiness.evidence.transcripts import scan_transcripts

        return scan_transcripts([path], approved_disclosures(workspace) if workspace else [])
    from ccpa_readiness.catalog.loader import default_catalog
    from ccpa_readiness.evidence.documents import scan_documents
    from ccpa_readiness.evidence_inputs import declared_practices

    declared = declared_practices(workspace, default_catalog(), dt.date.today()) if workspace else None
    return scan_documents([path], declared)


def _flow_lines(result: ScanResult) -> list[str]:
    lines = []
    for flow in (o for o in result.observations if o.kind == "FLOW-ANALYSED"):
        attributes = flow.attributes
        lines.append(
            f"flow {flow.subject} parsed ({attributes.get('format')}, {attributes.get('nodes')} steps)"
        )
    rules = Counter(o.kind for o in result.observations if o.kind != "FLOW-ANALYSED")
    lines.extend(f"{rule}: {count}" for rule, count in sorted(rules.items()))
    if not lines:
        lines.append("no flow read")
    elif not rules:
        lines.append("no flow rule broken")
    return lines


def _transcript_lines(result: ScanResult) -> list[str]:
    scanned = [o for o in result.observations if o.kind == "TRANSCRIPT-SCANNED"]
    conversations = sum(_count(o.attributes.get("conversations")) for o in scanned)
    lines = [f"{conversations} conversations read"]
    pii: Counter[str] = Counter()
    disclosures: Counter[str] = Counter()
    for observation in result.observations:
        if observation.kind == "TRANSCRIPT-PII":
            pii[observation.subject] += _count(observation.attributes.get("count"))
        elif observation.kind == "TRANSCRIPT-DISCLOSURE":
            disclosures[observation.subject or "disclosure"] += 1
    if pii:
        lines.append(
            "personal information found: " + ", ".join(f"{label} {n}" for label, n in sorted(pii.items()))
        )
    else:
        lines.append("no personal information found")
    lines.extend(f"{kind}: {count}" for kind, count in sorted(disclosures.items()))
    return lines


def _count(value: AttributeValue) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _document_lines(result: ScanResult) -> list[str]:
    lines = []
    for document in (o for o in result.observations if o.kind == "NOTICE-DOCUMENT"):
        language = document.attributes.get("language") or "unknown language"
        lines.append(f"read as {str(document.subject).replace('_', ' ')} ({language})")
    statuses: dict[str, list[str]] = {}
    for element in (o for o in result.observations if o.kind == "NOTICE-ELEMENT"):
        statuses.setdefault(str(element.attributes.get("status")), []).append(element.subject)
    for status, elements in sorted(statuses.items()):
        shown = ", ".join(sorted(elements)[:8]) + (" ..." if len(elements) > 8 else "")
        lines.append(f"elements {status}: {len(elements)} ({shown})")
    return lines or ["no document read"]

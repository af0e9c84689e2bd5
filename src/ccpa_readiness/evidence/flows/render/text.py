"""Plain text: one line per result, grouped by file, then a summary a reviewer reads first."""

from __future__ import annotations

from collections import Counter

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.flows.scan import ANALYSED


def to_text(result: ScanResult) -> str:
    lines: list[str] = []
    current = ""
    for o in result.observations:
        if o.kind == ANALYSED:
            continue
        if o.source != current:
            current = o.source
            lines.append(f"\n{o.source}")
        where = f"{o.subject}:{o.location}" if o.location else o.subject
        lines.append(f"  {o.attributes['severity']:<7} {o.kind:<33} {where}")
        lines.append(f"          {o.attributes['message']}")
        path = o.attributes.get("path")
        if isinstance(path, list) and len(path) > 1:
            lines.append(f"          path: {' -> '.join(path)}")
    return "\n".join([*lines, "", summary(result)]).lstrip("\n") + "\n"


def summary(result: ScanResult) -> str:
    flows = [o for o in result.observations if o.kind == ANALYSED]
    results = [o for o in result.observations if o.kind != ANALYSED]
    levels = Counter(str(o.attributes["severity"]) for o in results)
    invalid = sum(o.kind == "FLOW-INVALID" for o in results)
    lacking = sum(o.attributes.get("notice_given") is False for o in flows)
    undetermined = sum(o.attributes.get("notice_given") is None for o in flows)
    return (
        f"{_count(len(flows), 'flow')} analysed, {_count(invalid, 'file')} invalid; "
        f"{_count(levels['error'], 'error')}, {_count(levels['warning'], 'warning')}, "
        f"{_count(levels['note'], 'note')}; flows collecting before a notice: {lacking}, "
        f"undecidable from the export: {undetermined}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

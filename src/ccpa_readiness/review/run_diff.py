"""What changed between two runs: findings new, closed, regressed, improved, unchanged-open.

- new: open now, and absent or not applicable before (a requirement that now applies);
- closed: open before, now met or not applicable (or no longer assessed);
- regressed: a worse outcome (met -> gap included), or the same outcome with a higher risk;
- improved: still open, with a better outcome or a lower risk.
Each item says which evidence or declaration changed: the references (basis, source, location,
masked-snippet digest) one run has and the other has not.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ccpa_readiness.review.history import is_open, scores_of, source_digests, tasks_of
from ccpa_readiness.review.tables import Run, RunFinding

# worse is higher; an outcome this module does not know counts as a gap
OUTCOME_RANK = {"met": 0, "not_applicable": 0, "upcoming": 1, "unknown": 2, "partial": 3, "gap": 4}
KINDS = ("new", "closed", "regressed", "improved")
EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()[:16]


def _rank(outcome: str) -> int:
    return OUTCOME_RANK.get(outcome, OUTCOME_RANK["gap"])


def _state(finding: RunFinding | None) -> dict[str, Any] | None:
    if finding is None:
        return None
    return {"outcome": finding.outcome, "risk_score": finding.risk_score}


def _refs(finding: RunFinding | None) -> set[str]:
    if finding is None:
        return set()
    return {
        f"{ref['basis']} {ref['source']}"
        + (f":{ref['location']}" if ref["location"] else "")
        + (f" #{ref['digest']}" if ref["basis"] == "observed" else "")
        for ref in json.loads(finding.evidence_json)
    }


def _sources(finding: RunFinding | None) -> set[str]:
    return set() if finding is None else {ref["source"] for ref in json.loads(finding.evidence_json)}


def _kind(before: RunFinding | None, after: RunFinding | None) -> str | None:
    """Which list a finding belongs to, or None for unchanged (open or closed)."""
    was_open = before is not None and is_open(before.outcome)
    now_open = after is not None and is_open(after.outcome)
    if now_open and not was_open:
        return "regressed" if before is not None and before.outcome == "met" else "new"
    if was_open and not now_open:
        return "closed"
    if not (was_open and now_open):
        return None
    assert before is not None and after is not None
    change = (_rank(after.outcome), after.risk_score)
    previous = (_rank(before.outcome), before.risk_score)
    if change == previous:
        return None
    return "regressed" if change > previous else "improved"


@dataclass
class RunDiff:
    older: Run
    newer: Run
    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unchanged_open: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "from": {"run": self.older.number, "as_of": self.older.as_of},
            "to": {"run": self.newer.number, "as_of": self.newer.as_of},
            **{kind: self.items[kind] for kind in KINDS},
            "unchanged_open": self.unchanged_open,
            "scores": {
                "from": scores_of(self.older).as_dict(),
                "to": scores_of(self.newer).as_dict(),
            },
        }

    def one_line(self) -> str:
        """`ccpa assess`'s line: counts and the change in readiness, coverage and open risk."""
        counts = ", ".join(f"{len(self.items[k])} {k}" for k in KINDS)
        before, after = scores_of(self.older), scores_of(self.newer)
        changes = [
            _change("readiness", before.readiness, after.readiness),
            _change("coverage", before.coverage, after.coverage),
            _change("open risk", before.open_risk, after.open_risk),
        ]
        return (
            f"Since run {self.older.number} ({self.older.as_of}): {counts}, "
            f"{self.unchanged_open} open unchanged; " + ", ".join(c for c in changes if c)
        )


def _change(label: str, before: float | None, after: float | None) -> str:
    if before is None and after is None:
        return ""
    delta = "" if before is None or after is None else f" ({after - before:+g})"
    return f"{label} {_shown(before)} -> {_shown(after)}{delta}"


def _shown(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def diff_runs(older: Run, newer: Run, statuses: dict[str, str] | None = None) -> RunDiff:
    """Compare two runs. `statuses` (task id -> status) notes findings closed before their task was done."""
    before = {f.requirement_id: f for f in older.findings}
    after = {f.requirement_id: f for f in newer.findings}
    tasks_before = tasks_of(older) or []
    files_before, files_after = source_digests(older), source_digests(newer)
    result = RunDiff(older, newer)
    for requirement_id in sorted(before.keys() | after.keys()):
        old, new = before.get(requirement_id), after.get(requirement_id)
        kind = _kind(old, new)
        if kind is None:
            result.unchanged_open += int(new is not None and is_open(new.outcome))
            continue
        shown = new if new is not None else old
        assert shown is not None
        refs_old, refs_new = _refs(old), _refs(new)
        item: dict[str, Any] = {
            "requirement_id": requirement_id,
            "title": shown.title,
            "from": _state(old),
            "to": _state(new),
            "reason": new.reason if new is not None else "no longer assessed in this run",
            "evidence_added": sorted(refs_new - refs_old),
            "evidence_removed": sorted(refs_old - refs_new),
            "sources_changed": sorted(
                source
                for source in _sources(old) | _sources(new)
                if files_before.get(source) != files_after.get(source)
            ),
        }
        if kind == "closed" and statuses is not None:
            note = _closed_without_task(requirement_id, tasks_before, statuses)
            if note:
                item["note"] = note
        result.items[kind].append(item)
    return result


def _closed_without_task(requirement_id: str, tasks: list[dict[str, Any]], statuses: dict[str, str]) -> str:
    """A note when none of the tasks that were to close the finding is marked done."""
    mine = [t["id"] for t in tasks if requirement_id in t["requirement_ids"]]
    if not mine or any(statuses.get(t) == "done" for t in mine):
        return ""
    listed = ", ".join(f"{t} ({statuses.get(t, 'todo')})" for t in mine)
    return f"closed without its task done: {listed}"

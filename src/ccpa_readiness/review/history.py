"""Assessment history: each `ccpa assess` recorded as a run in the workspace's store.

A run keeps what the assessment decided, not what it saw: per finding the outcome, risk, reason
and where the evidence lies (basis, source, location, and a digest of the masked snippet, never
its text), the scores, and the roadmap's tasks. It reads `findings.json` and `roadmap.json` as
documents, by field name, so newer fields (coverage, due dates) are picked up when present.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ccpa_readiness.assess.models import OPEN_OUTCOMES
from ccpa_readiness.review import audit
from ccpa_readiness.review.inputs import canonical_json, content_hash
from ccpa_readiness.review.tables import Run, RunFinding

OPEN_VALUES = frozenset(outcome.value for outcome in OPEN_OUTCOMES)
EXPOSED_OUTCOMES = ("gap", "partial")  # the outcomes that carry penalty exposure and open risk
SKIPPED_FOLDERS = frozenset({"out", ".ccpa"})  # written by the tool, never inputs
CHUNK = 1 << 20


def is_open(outcome: str) -> bool:
    """Open as the report and the app count it (`assess.models.OPEN_OUTCOMES`): gap, partial, unknown."""
    return outcome in OPEN_VALUES


def input_digests(root: Path) -> dict[str, str]:
    """sha256 of each of the workspace's input files, by path relative to it (`out/`, `.ccpa/` left out)."""
    digests = {}
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if not path.is_file() or _skipped(relative):
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        digests[relative.as_posix()] = digest.hexdigest()
    return dict(sorted(digests.items()))


def inputs_hash(digests: Mapping[str, str]) -> str:
    """The content hash of a workspace's inputs: sha256 of the canonical JSON of path -> sha256."""
    return hashlib.sha256(canonical_json(dict(digests)).encode()).hexdigest()


def _skipped(relative: Path) -> bool:
    return bool(relative.parts) and relative.parts[0] in SKIPPED_FOLDERS


@dataclass(frozen=True)
class RunScores:
    """What one run scored: readiness and coverage (0-100), open risk, penalty exposure in USD."""

    readiness: float | None
    coverage: float | None
    open_risk: int
    exposure_low_usd: float
    exposure_high_usd: float
    open_findings: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _number(value: Any) -> float | None:
    """A score given as a number, or as an object holding one (`{"score": ...}`)."""
    if isinstance(value, Mapping):
        value = value.get("score", value.get("overall"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def evidence_refs(evidence: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Where each piece of evidence lies; the masked snippet only as a digest."""
    refs = [
        {
            "basis": str(item.get("basis", "")),
            "source": str(item.get("source", "")),
            "location": str(item.get("location", "")),
            "digest": hashlib.sha256(str(item.get("snippet", "")).encode()).hexdigest()[:16],
        }
        for item in evidence
    ]
    return sorted(refs, key=lambda ref: (ref["source"], ref["location"], ref["basis"], ref["digest"]))


def roadmap_tasks(roadmap: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The roadmap's tasks as history keeps them; the due date is `due_date` if given, else `end`."""
    if roadmap is None:
        return []
    tasks = []
    for task in roadmap.get("tasks", []):
        tasks.append(
            {
                "id": str(task["id"]),
                "title": str(task.get("title", task["id"])),
                "department": str(task.get("department", "")),
                "start": task.get("start"),
                "due_date": task.get("due_date") or task.get("end"),
                "requirement_ids": sorted(str(r) for r in task.get("requirement_ids", [])),
            }
        )
    return sorted(tasks, key=lambda t: t["id"])


def record_run(
    session: Session,
    findings: Mapping[str, Any],
    roadmap: Mapping[str, Any] | None,
    digests: Mapping[str, str],
    actor: str,
) -> Run:
    """Store one assessment (the `findings.json` and `roadmap.json` documents) as the next run;
    `digests` are its input files' (`input_digests`): the run keeps those its evidence cites."""
    number = (session.execute(select(func.max(Run.number))).scalar_one() or 0) + 1
    scores = findings.get("scores", {})
    items = list(findings.get("findings", []))
    open_items = [f for f in items if f.get("outcome") in EXPOSED_OUTCOMES]
    exposures = [f.get("exposure") or {} for f in open_items]
    cited = {str(e.get("source", "")) for f in items for e in f.get("evidence", [])}
    inputs_digest = inputs_hash(digests)
    run = Run(
        number=number,
        as_of=str(findings["as_of"]),
        organization=str(findings.get("organization", "")),
        catalog_version=str(findings.get("catalog", {}).get("version", "")),
        law_as_of=str(findings.get("catalog", {}).get("law_as_of", "")),
        inputs_hash=inputs_digest,
        content_hash=content_hash(dict(findings), dict(roadmap or {})),
        readiness=_number(scores.get("overall")),
        coverage=_number(scores.get("coverage")),
        open_risk=sum(int(f.get("risk_score", 0)) for f in open_items),
        exposure_low_usd=round(sum(float(e.get("low_usd", 0)) for e in exposures), 2),
        exposure_high_usd=round(sum(float(e.get("high_usd", 0)) for e in exposures), 2),
        roadmap_json=None if roadmap is None else canonical_json(roadmap_tasks(roadmap)),
        sources_json=canonical_json({path: digests[path] for path in sorted(cited) if path in digests}),
    )
    session.add(run)
    session.flush()
    session.add_all(
        RunFinding(
            run_id=run.id,
            requirement_id=str(f["requirement_id"]),
            title=str(f.get("title", "")),
            outcome=str(f["outcome"]),
            severity=str(f.get("severity", "")),
            risk_score=int(f.get("risk_score", 0)),
            reason=str(f.get("reason", "")),
            evidence_json=canonical_json(evidence_refs(f.get("evidence", []))),
        )
        for f in items
    )
    session.flush()
    audit.append(
        session,
        actor,
        "run.record",
        f"run {number}",
        {"as_of": run.as_of, "inputs_hash": inputs_digest, "content_hash": run.content_hash},
    )
    return run


def scores_of(run: Run) -> RunScores:
    return RunScores(
        readiness=run.readiness,
        coverage=run.coverage,
        open_risk=run.open_risk,
        exposure_low_usd=run.exposure_low_usd,
        exposure_high_usd=run.exposure_high_usd,
        open_findings=sum(1 for f in run.findings if is_open(f.outcome)),
    )


def runs_newest_first(session: Session) -> list[Run]:
    return list(session.execute(select(Run).order_by(Run.number.desc())).scalars())


def run_numbered(session: Session, number: int) -> Run | None:
    return session.execute(select(Run).where(Run.number == number)).scalar_one_or_none()


def tasks_of(run: Run) -> list[dict[str, Any]] | None:
    """The run's roadmap tasks, or None when that assessment built no roadmap."""
    if run.roadmap_json is None:
        return None
    tasks: list[dict[str, Any]] = json.loads(run.roadmap_json)
    return tasks


def source_digests(run: Run) -> dict[str, str]:
    """sha256 of each input file the run's evidence cites (empty for a run recorded without)."""
    digests: dict[str, str] = json.loads(run.sources_json or "{}")
    return digests


def run_summary(run: Run) -> dict[str, Any]:
    """One line of `ccpa history`: the run, its dates and hashes, and its scores."""
    return {
        "run": run.number,
        "as_of": run.as_of,
        "recorded_at": run.recorded_at.isoformat(timespec="seconds"),
        "catalog_version": run.catalog_version,
        "inputs_hash": run.inputs_hash,
        "content_hash": run.content_hash,
        "findings": len(run.findings),
        "tasks": None if run.roadmap_json is None else len(tasks_of(run) or []),
        **scores_of(run).as_dict(),
    }

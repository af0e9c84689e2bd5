"""What the review app reads: `out/findings.json`, `out/roadmap.json` and the drafted proposals
`out/proposals/KEY.md` the roadmap names; and the content hash of the two documents.

These models are the app's own view of the two files: only the fields it shows, tolerant of the
rest, so a newer assessment or roadmap keeps importing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.common.guard import ReadError, read_json_file

MAX_PROPOSAL_BYTES = 1_000_000


class Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Evidence(Tolerant):
    basis: str
    source: str
    location: str = ""
    snippet: str = ""


class Finding(Tolerant):
    requirement_id: str
    title: str
    area: str
    citations: list[str] = Field(default_factory=list)
    outcome: str
    severity: str
    risk_score: int = 0
    basis: str = "none"
    reason: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    priority: int | None = None


class AreaScore(Tolerant):
    score: float | None = None
    counts: dict[str, int] = Field(default_factory=dict)


class Scores(Tolerant):
    overall: float | None = None
    coverage: float | None = None
    by_area: dict[str, AreaScore] = Field(default_factory=dict)


class CatalogStamp(Tolerant):
    version: str
    law_as_of: dt.date


class Applicability(Tolerant):
    applies: bool
    determined: bool = True


class Assessment(Tolerant):
    organization: str
    as_of: dt.date
    catalog: CatalogStamp
    applicability: Applicability
    findings: list[Finding]
    scores: Scores


class Money(Tolerant):
    """A cost as a range; a plain number is a range of one value."""

    low: float
    expected: float
    high: float

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return {"low": value, "expected": value, "high": value}
        return value


class Task(Tolerant):
    id: str
    title: str
    department: str
    effort_days: float = 0
    crew: int = 1
    start: dt.date
    end: dt.date
    depends_on: list[str] = Field(default_factory=list)
    cost: Money = Field(default_factory=lambda: Money(low=0, expected=0, high=0))
    requirement_ids: list[str] = Field(default_factory=list)
    phase: str = ""
    critical: bool = False
    proposal: str | None = None  # key of a drafted document in `out/proposals/`


class Proposal(Tolerant):
    """A drafted document (notice, clause, schedule) for counsel's review, closing some tasks."""

    key: str
    title: str
    task_ids: list[str] = Field(default_factory=list)


class Roadmap(Tolerant):
    start: dt.date
    deadline: dt.date
    feasible: bool = True
    finish: dt.date | None = None
    capacity: dict[str, float] = Field(default_factory=dict)
    tasks: list[Task] = Field(default_factory=list)
    budget: dict[str, Any] = Field(default_factory=dict)
    proposals: list[Proposal] = Field(default_factory=list)

    def departments(self) -> list[str]:
        """Departments with at least one task: the ones whose sign-off consensus needs."""
        return sorted({task.department for task in self.tasks})


class ReviewInputs(BaseModel):
    """One version's content: the raw documents (hashed, stored), their parsed view, and the text
    of the drafted proposals (stored with the version; the hash covers the two documents only)."""

    findings_raw: dict[str, Any]
    roadmap_raw: dict[str, Any]
    assessment: Assessment
    roadmap: Roadmap
    proposal_texts: dict[str, str] = Field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return content_hash(self.findings_raw, self.roadmap_raw)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(findings: dict[str, Any], roadmap: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of both documents: what a sign-off is bound to."""
    document = canonical_json({"findings": findings, "roadmap": roadmap})
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def parse_inputs(
    findings_raw: dict[str, Any], roadmap_raw: dict[str, Any], proposal_texts: dict[str, str] | None = None
) -> ReviewInputs:
    return ReviewInputs(
        findings_raw=findings_raw,
        roadmap_raw=roadmap_raw,
        assessment=Assessment.model_validate(findings_raw),
        roadmap=Roadmap.model_validate(roadmap_raw),
        proposal_texts=proposal_texts or {},
    )


def _proposal_texts(out: Path, roadmap: Roadmap) -> dict[str, str]:
    """`out/proposals/KEY.md` of each proposal the roadmap names (missing ones are left out)."""
    texts = {}
    for proposal in roadmap.proposals:
        path = out / "proposals" / f"{Path(proposal.key).name}.md"
        if path.is_file() and path.stat().st_size <= MAX_PROPOSAL_BYTES:
            texts[proposal.key] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def _read_json(path: Path) -> dict[str, Any]:
    """The file through the reader guard: a binary, non-UTF-8, oversized or deeply nested file, a
    folder, a pipe or a symbolic-link loop is an `InputError` naming it."""
    if not path.exists() and not path.is_symlink():
        raise InputError.single(str(path), "not found: run `ccpa assess` first")
    try:
        value = read_json_file(path)
    except ReadError as error:
        raise InputError.single(str(path), error.message, location=error.location) from None
    if not isinstance(value, dict):
        raise InputError.single(str(path), "expected a JSON object")
    return value


def load_inputs(workspace: Path) -> ReviewInputs:
    """Read `workspace/out/findings.json` and `roadmap.json`; errors name the file."""
    out = workspace / "out"
    findings_path, roadmap_path = out / "findings.json", out / "roadmap.json"
    findings_raw, roadmap_raw = _read_json(findings_path), _read_json(roadmap_path)
    try:
        inputs = parse_inputs(findings_raw, roadmap_raw)
    except ValidationError as error:
        where = findings_path if error.title == Assessment.__name__ else roadmap_path
        problems = [
            Problem(source=str(where), location=".".join(map(str, item["loc"])), message=item["msg"])
            for item in error.errors()
        ]
        raise InputError(problems) from None
    return inputs.model_copy(update={"proposal_texts": _proposal_texts(out, inputs.roadmap)})

"""Assessment results: applicability, findings with risk, and scores."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field

from ccpa_readiness.catalog.models import Area, Severity
from ccpa_readiness.errors import Problem
from ccpa_readiness.facts.models import Basis, Provenance


class Outcome(StrEnum):
    met = "met"
    partial = "partial"
    gap = "gap"
    unknown = "unknown"
    upcoming = "upcoming"
    not_applicable = "not_applicable"


OPEN_OUTCOMES = (Outcome.gap, Outcome.partial, Outcome.unknown)
"""The one meaning of an open finding everywhere (report, review app, summary): something to fix
(gap, partial) or to confirm (unknown). Upcoming (not yet due), met and not applicable are not open."""


class FindingBasis(StrEnum):
    """What a finding rests on. `none`: no fact at all (an unknown with nothing declared)."""

    declared = "declared"
    observed = "observed"
    mixed = "mixed"
    none = "none"

    @classmethod
    def of(cls, evidence: list[Provenance]) -> FindingBasis:
        kinds = {item.basis for item in evidence}
        if not kinds:
            return cls.none
        if kinds == {Basis.declared}:
            return cls.declared
        if kinds == {Basis.observed}:
            return cls.observed
        return cls.mixed


class CheckResult(BaseModel):
    """What one check decided, on which facts, and what it would need to decide better."""

    outcome: Outcome
    reason: str
    evidence: list[Provenance] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="information the workspace lacks")


class Verdict(BaseModel):
    """One applicability question answered, with its reason and citation."""

    question: str
    answer: bool | None
    reason: str
    citation: str


class RelationshipRole(BaseModel):
    """The role the organization plays in one relationship, as declared or assumed."""

    id: str
    role: str
    client: str | None = None
    declared: bool = Field(description="false when no relationship is declared and `roles` stands in")


class Applicability(BaseModel):
    applies: bool
    determined: bool = Field(description="false when missing facts forced a conservative answer")
    reasons: list[Verdict]
    enhanced_triggers: list[Verdict]
    exemptions: list[Verdict]
    conditions: dict[str, bool | None] = Field(description="the catalog's applies-when conditions")
    relationships: list[RelationshipRole] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list, description="the CCPA roles the organization holds")
    statement: str = Field(default="", description="in plain words: how the CCPA reaches the organization")
    applies_instead: list[str] = Field(
        default_factory=list, description="for a non-business: the duties that reach it all the same"
    )


class Exposure(BaseModel):
    """The penalty exposure range in dollars, and how it was estimated."""

    low_usd: float
    high_usd: float
    penalty_basis: list[str]
    assumptions: str
    expected_usd: float | None = Field(
        default=None, description="the figure to plan with: typical enforcement amount x chance it is unmet"
    )
    counted: int | None = Field(default=None, description="possible violations a year the upper bound counts")
    in_one_line: str = Field(default="", description="the expected figure's and the range's assumptions")


class Risk(BaseModel):
    severity: int = Field(ge=1, le=3)
    likelihood: int = Field(ge=0, le=3)
    exposure: int = Field(ge=1, le=3)
    level: str


class Finding(BaseModel):
    requirement_id: str
    title: str
    area: Area
    citations: list[str]
    outcome: Outcome
    severity: Severity
    risk_score: int = Field(ge=0, le=100)
    risk: Risk
    basis: FindingBasis
    reason: str
    evidence: list[Provenance]
    missing_information: list[str]
    checks: list[str]
    exposure: Exposure | None
    interpretation: str = ""
    priority: int | None = Field(default=None, description="fix order among gaps: 1 first")
    due_date: dt.date | None = Field(default=None, description="compliance date of an `upcoming` finding")
    relationships: list[str] = Field(
        default_factory=list, description="ids of the relationships whose role brings this duty"
    )


class AreaScore(BaseModel):
    score: float | None = Field(description="0-100 over the decided requirements; None when none is decided")
    coverage: float | None = Field(
        default=None, description="0-100: severity-weighted share of applicable requirements decided"
    )
    counts: dict[Outcome, int]


class Scores(BaseModel):
    overall: float | None = Field(description="readiness 0-100 over the decided requirements")
    coverage: float | None = Field(
        default=None, description="0-100: severity-weighted share of applicable requirements decided"
    )
    by_area: dict[Area, AreaScore]
    outcome_counts: dict[Outcome, int]
    open_by_risk_level: dict[str, int] = Field(description="gaps, partial gaps and unknowns per risk level")
    open_findings: int | None = Field(default=None, description="open findings: gap, partial or unknown")
    open_by_severity: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="open findings per severity (high first) and outcome"
    )
    open_by_severity_likelihood: dict[str, dict[int, int]] = Field(
        default_factory=dict, description="the risk heat map: open findings per severity and likelihood (0-3)"
    )


class CatalogStamp(BaseModel):
    version: str
    law_as_of: dt.date


class LawWarning(BaseModel):
    """A figure of law or a declared fact the assessment date puts in doubt."""

    key: str
    message: str
    citation: str = ""


class Assessment(BaseModel):
    organization: str
    as_of: dt.date
    catalog: CatalogStamp
    applicability: Applicability
    findings: list[Finding]
    scores: Scores
    problems: list[Problem] = Field(default_factory=list, description="inputs skipped, with file and place")
    evidence_examined: dict[str, int] = Field(default_factory=dict, description="observations per kind")
    law_warnings: list[LawWarning] = Field(default_factory=list)

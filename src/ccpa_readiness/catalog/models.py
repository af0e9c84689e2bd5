"""Catalog models: requirements, remediation tasks, figures of law, the data taxonomy."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ccpa_readiness.vocabulary import Department


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"

    @property
    def weight(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Phase(StrEnum):
    quick_win = "quick_win"
    foundation = "foundation"
    sustain = "sustain"


class Area(StrEnum):
    """The reference's assessment areas (section 12 of ccpa-requirements.md)."""

    applicability = "applicability"
    notices = "notices"
    consumer_requests = "consumer_requests"
    data_inventory = "data_inventory"
    vendors = "vendors"
    security = "security"
    training_records = "training_records"
    risk_audit_admt = "risk_audit_admt"
    recording_consent = "recording_consent"
    payment_capture = "payment_capture"
    governance = "governance"


class Verification(Strict):
    status: Literal["V-P", "V-S", "U"]
    sources: list[str] = Field(default_factory=list)
    note: str = ""


class CatalogRole(StrEnum):
    """Who a requirement binds. `anyone`: whoever does the activity (records calls, takes cards)."""

    business = "business"
    service_provider = "service_provider"
    contractor = "contractor"
    third_party = "third_party"
    anyone = "anyone"


class AppliesWhen(Strict):
    """Conditions (names of registered applicability predicates); empty means always."""

    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)


class Confirmation(Strict):
    """The small task that settles an `unknown` finding: find out and record the deciding fact."""

    effort_days: float = Field(default=0.5, gt=0, description="person-days to find out and record it")
    department: Department | None = Field(
        default=None,
        description="who finds out; default: the owner of the first remediation task, else Privacy",
    )


class Requirement(Strict):
    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\d\d$")
    title: str
    area: Area
    citations: list[str] = Field(min_length=1)
    obligation: str
    applies_when: AppliesWhen = AppliesWhen()
    applies_when_text: str = Field(description="the reference's 'applies when', in words")
    evidence_expected: str = ""
    severity: Severity
    penalty_basis: list[str] = Field(min_length=1)
    verification: Verification
    interpretation: str = Field(default="", description="where this catalog interprets rather than quotes")
    checks: list[str] = Field(default_factory=list, description="registered check ids; none = manual")
    remediation: list[str] = Field(default_factory=list, description="remediation task ids")
    roles: list[CatalogRole] = Field(
        default_factory=lambda: [CatalogRole.business], description="the roles this duty binds"
    )
    compliance_date: str | None = Field(
        default=None, description="key of the law.yaml compliance date from which the duty is judged"
    )
    confirm: Confirmation = Field(
        default_factory=Confirmation, description="what an unknown finding costs to settle (not its playbook)"
    )


class EffortRange(Strict):
    low: float = Field(gt=0)
    high: float = Field(gt=0)

    @property
    def expected(self) -> float:
        return (self.low + self.high) / 2


class CostRange(Strict):
    low: float = Field(ge=0)
    high: float = Field(ge=0)


class RemediationTask(Strict):
    """One remediation action, reused by every requirement that lists it."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    department: Department
    effort_days: EffortRange
    crew: int = Field(default=1, ge=1)
    depends_on: list[str] = Field(default_factory=list)
    phase: Phase
    one_off_cost_usd: CostRange | None = None
    recurring_cost_usd_per_year: CostRange | None = None
    proposal: str | None = Field(default=None, description="the draft document this task produces")
    description: str = ""


class LawFigure(Strict):
    """A figure of law with its citation, the date it is current from and, if adjusted, until when."""

    value: float
    unit: str
    citation: str
    effective: dt.date
    verification: Literal["V-P", "V-S", "U"]
    note: str = ""
    adjusted_by: str | None = Field(
        default=None, description="citation of the periodic adjustment (e.g. CPI) that replaces it"
    )
    valid_until: dt.date | None = Field(
        default=None, description="last day the figure is known to hold (required when adjusted_by)"
    )


class DateTier(Strict):
    """One tier of a compliance date that depends on a revenue figure."""

    date: dt.date
    revenue_above: str | None = Field(default=None, description="law.yaml figure key: revenue above it")
    revenue_at_least: str | None = Field(default=None, description="law.yaml figure key: revenue from it")
    revenue_year: int = Field(description="the calendar year whose revenue decides the tier")


class ComplianceDate(Strict):
    """The date from which a later-starting duty is judged; tiers, highest revenue first, if any."""

    date: dt.date = Field(description="the date (the latest tier's date when tiered)")
    citation: str
    verification: Literal["V-P", "V-S", "U"]
    note: str = ""
    tiers: list[DateTier] = Field(default_factory=list)


class PenaltyBasis(Strict):
    title: str
    citation: str
    low_usd: float | None = Field(default=None, description="per violation/consumer, lower bound")
    high_usd: float | None = Field(default=None, description="per violation/consumer, upper bound")
    per: Literal["violation", "consumer_incident", "none"]
    effective: dt.date | None = None
    verification: Literal["V-P", "V-S", "U"]
    note: str = ""


class LawData(Strict):
    version: str
    law_as_of: dt.date
    figures: dict[str, LawFigure]
    penalties: dict[str, PenaltyBasis]
    compliance_dates: dict[str, ComplianceDate] = Field(default_factory=dict)


class TaxonomyEntry(Strict):
    key: str
    title: str
    citation: str
    fideslang: list[str] = Field(default_factory=list)


class Taxonomy(Strict):
    """CCPA categories of PI (§1798.140(v)) and sensitive-PI kinds (§1798.140(ae))."""

    categories: list[TaxonomyEntry]
    sensitive_kinds: list[TaxonomyEntry]


class ContractClause(Strict):
    """A term a service-provider or contractor contract must contain."""

    key: str
    title: str
    citation: str


class Catalog(Strict):
    law: LawData
    requirements: list[Requirement]
    tasks: dict[str, RemediationTask]
    taxonomy: Taxonomy
    contract_clauses: list[ContractClause]

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)

    def figure(self, key: str) -> LawFigure:
        return self.law.figures[key]

    def compliance_date(self, key: str) -> ComplianceDate:
        return self.law.compliance_dates[key]

"""Roadmap models: the tasks that close the findings, their schedule, the budget, the proposals."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from ccpa_readiness.catalog.models import CostRange, Phase
from ccpa_readiness.vocabulary import Department


class Money(BaseModel):
    """An amount in US dollars with the range its estimates carry."""

    low: float = 0.0
    expected: float = 0.0
    high: float = 0.0

    def __add__(self, other: Money) -> Money:
        return Money(
            low=self.low + other.low,
            expected=self.expected + other.expected,
            high=self.high + other.high,
        )

    def rounded(self) -> Money:
        return Money(low=round(self.low, 2), expected=round(self.expected, 2), high=round(self.high, 2))


class Effort(BaseModel):
    """Person-days: the catalog's range times the units the task is done for."""

    low: float
    expected: float
    high: float


class RoadmapTask(BaseModel):
    """One remediation task: the catalog's playbook entry, sized for this organization."""

    id: str = Field(description="the catalog task id (stable across runs)")
    title: str
    department: Department
    phase: Phase
    description: str = ""
    effort_days: float = Field(description="expected person-days (the middle of the range, times units)")
    effort: Effort
    units: int = Field(default=1, ge=1, description="vendors, parties... the per-unit effort is done for")
    unit: str | None = Field(default=None, description="what one unit is, when the catalog says 'Per ...'")
    crew: int = Field(ge=1, description="people who can work on it at once (the catalog's crew)")
    depends_on: list[str] = Field(default_factory=list)
    requirement_ids: list[str] = Field(default_factory=list, description="open findings it closes")
    needed_by: list[str] = Field(
        default_factory=list, description="tasks that pulled it in as a dependency (no finding of its own)"
    )
    risk_weight: int = Field(
        ge=1, description="sum of the risk scores of the findings it closes (at least 1)"
    )
    one_off_cost_usd: CostRange | None = None
    recurring_cost_usd_per_year: CostRange | None = None
    proposal: str | None = None
    kind: Literal["remediation", "confirmation"] = Field(
        default="remediation",
        description="remediation closes gaps; confirmation finds out the fact an unknown finding lacks",
    )
    due_date: dt.date | None = Field(default=None, description="latest finish allowed (a hard constraint)")


class PlannedTask(RoadmapTask):
    """A roadmap task placed on the calendar. `end` is its last working day."""

    rate: float = Field(
        gt=0,
        description="person-days per working day it is scheduled at: min(crew, people) x availability",
    )
    duration_days: int = Field(ge=1, description="working days: ceil(effort_days / rate)")
    start: dt.date
    end: dt.date
    critical: bool
    cost: Money = Field(description="labour (effort x day rate) plus one-off costs")


class SolverReport(BaseModel):
    status: str = Field(description="CP-SAT status: OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN")
    objective: float | None = Field(description="sum over tasks of risk weight x end (working-day index)")
    bound: float | None = Field(
        description="the best proven lower bound on the objective: no schedule has a smaller one"
    )
    bound_method: str | None = Field(
        default=None,
        description="which proof gave `bound`: lagrangian (prices on capacity and dependencies, "
        "roadmap/lagrangian.py), fluid (roadmap/bounds.py) or cp-sat (the solver's own)",
    )
    gap: float | None = Field(description="(objective - bound) / objective")
    wall_time_s: float
    time_limit_s: float
    reproducible: bool = Field(
        description="ended on a proof or CP-SAT's work limit, not the clock: same inputs, same schedule"
    )
    work_limit: float | None = Field(
        default=None, description="the deterministic work (CP-SAT units) the main solve was allowed"
    )
    search_moves: int | None = Field(
        default=None,
        description="the moves the local search over task orders tried before CP-SAT (fixed by the "
        "number of tasks, roadmap/local_search.py)",
    )


class DeadlineAdvice(BaseModel):
    """When the deadline cannot be met: the earliest finish and the people that would meet it."""

    earliest_finish: dt.date | None
    extra_people: dict[Department, int] = Field(
        default_factory=dict, description="more people per department that would meet the deadline"
    )
    longest_chain_days: int = Field(description="working days the longest dependency chain needs")
    message: str


class ProposalTranslation(BaseModel):
    """A draft translation of a caller-facing proposal, for a language the center serves callers in."""

    language: str = Field(description="the language's key in roadmap/proposals/translations.yaml, e.g. es")
    title: str
    markdown: str


class Proposal(BaseModel):
    """A draft document a task produces, filled from the workspace's inventory."""

    key: str
    title: str
    task_ids: list[str]
    markdown: str
    translations: list[ProposalTranslation] = Field(
        default_factory=list, description="draft translations, to be reviewed by counsel"
    )


class Budget(BaseModel):
    currency: str = "USD"
    remediation: Money = Field(default_factory=Money, description="remediation tasks (labour plus one-off)")
    confirmation: Money = Field(
        default_factory=Money, description="confirm tasks: finding out what the unknown findings lack"
    )
    if_unknowns_are_gaps: Money = Field(
        default_factory=Money,
        description="contingent: the remediation the unknown findings would add if every one were a gap",
    )
    contingent_task_ids: list[str] = Field(
        default_factory=list, description="the tasks behind `if_unknowns_are_gaps` (not in the schedule)"
    )
    labour: Money
    one_off: Money = Field(description="tool and vendor costs from the playbooks")
    total: Money = Field(description="labour plus one-off: remediation plus confirmation")
    recurring_per_year: Money
    by_department: dict[Department, Money]
    by_phase: dict[Phase, Money]
    by_month: dict[str, Money] = Field(description="'YYYY-MM': labour by working day, one-off at start")
    day_rates_usd: dict[Department, float]
    available_usd: float | None = Field(default=None, description="ccpa.yaml resources.budget_usd")


class Roadmap(BaseModel):
    organization: str
    start: dt.date
    deadline: dt.date | None
    feasible: bool = Field(
        description="every task ends by the deadline and its due date with the declared people"
    )
    verdict: str = Field(default="", description="the headline in words: deadline met or not, and why")
    finish: dt.date | None
    solver: SolverReport
    capacity: dict[Department, float] = Field(
        description="person-days per working day per department the schedule respects: people x availability"
    )
    declared_capacity: dict[Department, float] = Field(
        description="people x availability from ccpa.yaml; differs from capacity only for a department "
        "with no capacity that owns tasks, which the schedule then assumes has one person"
    )
    working_days: list[dt.date]
    tasks: list[PlannedTask]
    budget: Budget
    advice: DeadlineAdvice | None = None
    messages: list[str] = Field(default_factory=list, description="what the reader must know first")
    proposals: list[Proposal] = Field(default_factory=list)

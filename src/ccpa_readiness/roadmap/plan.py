"""Build the roadmap: tasks from the findings, a schedule within the team and deadline, a budget.

Capacity as people really work: a department's capacity is people x availability person-days per
working day (two people at half time: 1.0; one person at half time: 0.5, never zero). A task is
scheduled at `rate` = min(crew, people) x availability person-days per working day (a two-person
task in a one-person department is done by that one person, more slowly) and lasts
ceil(effort_days / rate) working days. In CP-SAT the unit of a department's capacity is one of
its people at its availability, so the model is exact in integers: a task uses min(crew, people)
units of the department's `people` units. A department that owns tasks but has no capacity (not
declared, no people, or availability 0) cannot be scheduled as declared: the roadmap is then not
feasible, the schedule assumes it has one person (at its availability, or full time) and the
messages say which.

Due dates: a task with `due_date` ends by it (a hard constraint). A due date that no staffing can
meet (it falls before the task's dependency chain can end, counted from the plan's start, e.g. a
duty due before the plan starts) is kept as a date but not as a constraint: the task is scheduled
with the rest and the messages say it will be late whatever the staffing; it does not make the
roadmap infeasible. When the other due dates cannot all be met with the people declared, the
schedule drops them, and the messages name each task that ends after its due date.

When the deadline cannot be met, the schedule shown is the earliest finish with the declared
capacity (high-risk work first within it), and the advice names the fewest extra people per
department that would meet the deadline, or says that the dependency chain alone is too long.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.budget import build_budget, task_cost
from ccpa_readiness.roadmap.calendar import WorkingCalendar
from ccpa_readiness.roadmap.critical import critical_tasks
from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem, earliest_ends, longest_chain
from ccpa_readiness.roadmap.models import DeadlineAdvice, PlannedTask, Roadmap, RoadmapTask, SolverReport
from ccpa_readiness.roadmap.proposals import build_proposals
from ccpa_readiness.roadmap.schedule import (
    DEFAULT_TIME_LIMIT_S,
    ScheduleResult,
    earliest_finish,
    extra_capacity,
    schedule,
)
from ccpa_readiness.roadmap.tasks import build_tasks, contingent_tasks
from ccpa_readiness.vocabulary import Department
from ccpa_readiness.workspace.models import DepartmentCapacity, Plan

Step = Callable[[str], None]


def _no_step(_: str) -> None:
    return None


@dataclass(frozen=True)
class Staff:
    """A department's people and the share of their time for this program."""

    people: int
    availability: float

    @property
    def capacity(self) -> float:
        """Person-days per working day."""
        return self.people * self.availability

    def rate(self, crew: int) -> float:
        return round(min(crew, self.people) * self.availability, 6)

    def duration(self, effort_days: float, crew: int) -> int:
        return max(1, math.ceil(effort_days / self.rate(crew) - 1e-9))


def build_roadmap(
    assessment: Assessment,
    catalog: Catalog,
    facts: Facts,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    on_step: Step = _no_step,
) -> Roadmap:
    """The roadmap for an assessment. `time_limit_s` is each CP-SAT solve's safety net (up to five run).

    Raises `SolveCutShort` when the clock stops a solve before its fixed amount of work."""
    on_step("tasks")
    tasks = build_tasks(assessment, catalog, facts)
    organization = facts.organization
    plan = organization.plan
    calendar = _calendar(plan, assessment.as_of)
    deadline = plan.deadline if plan else None
    deadline_days = calendar.count_through(deadline) if deadline else None
    departments = organization.resources.departments
    declared = {d: Staff(c.people, c.availability) for d, c in sorted(departments.items())}
    owners = sorted({t.department for t in tasks})
    understaffed = [d for d in owners if d not in declared or declared[d].capacity == 0]
    staff = {**declared, **{d: _assumed(departments.get(d)) for d in understaffed}}
    messages = _messages(plan is None, understaffed, departments, owners, tasks)
    jobs, unmeetable = _without_unmeetable_due_dates([_job(t, staff[t.department], calendar) for t in tasks])
    units = {d.value: s.people for d, s in staff.items()}
    problem = ScheduleProblem(jobs, units, deadline_days)

    on_step("schedule")
    result = schedule(problem, time_limit_s)
    if not result.solved and any(job.due is not None for job in jobs):  # are the due dates the cause?
        problem = problem.without_due_dates()
        result = schedule(problem, time_limit_s)
    earliest: int | None = None
    if not result.solved:  # infeasible, or no schedule found: the earliest finish says which
        on_step("earliest finish")
        earliest = earliest_finish(ScheduleProblem(problem.jobs, units), time_limit_s)
        result = schedule(ScheduleProblem(problem.jobs, units, earliest), time_limit_s)
    within = earliest is None or deadline_days is None or earliest <= deadline_days
    on_step("budget")
    rates = {d: c.day_rate_usd for d, c in departments.items()}
    finish_days = max((result.starts[j.id] + j.duration for j in jobs if j.id in result.starts), default=0)
    working_days = calendar.days(max(finish_days, deadline_days or 0, 1))
    planned = _placed(tasks, jobs, staff, result, working_days, rates)
    late = [t for t in planned if t.due_date is not None and t.end > t.due_date]
    messages += [
        f"{t.id} is due {t.due_date} but ends {t.end}: "
        + (
            f"no staffing can finish it by then from the plan's start {calendar.start}"
            if t.id in unmeetable
            else "the due dates cannot all be met with the people declared, so the schedule shown drops them"
        )
        for t in late
    ]
    feasible = result.solved and within and not understaffed and all(t.id in unmeetable for t in late)
    advice = None
    if not within or understaffed:
        on_step("extra people")
        advice = _advice(
            ScheduleProblem(
                problem.jobs, {d: s.people for d, s in _by_name(declared).items()}, deadline_days
            ),
            understaffed,
            calendar.days(earliest)[-1] if earliest else None,
            time_limit_s,
        )
        messages.append(advice.message)
    budget = build_budget(
        planned,
        working_days,
        rates,
        organization.resources.budget_usd,
        contingent_tasks(assessment, catalog, facts),
    )
    if budget.available_usd is not None and budget.total.expected > budget.available_usd:
        messages.append(
            f"the expected cost ${budget.total.expected:,.0f} exceeds the "
            f"${budget.available_usd:,.0f} budget in ccpa.yaml"
        )
    finish = working_days[finish_days - 1] if planned else None
    on_step("proposals")
    return Roadmap(
        organization=assessment.organization,
        start=calendar.start,
        deadline=deadline,
        feasible=feasible,
        verdict=_verdict(deadline, finish, understaffed, late, unmeetable),
        finish=finish,
        solver=_solver_report(result),
        capacity={d: round(s.capacity, 6) for d, s in sorted(staff.items())},
        declared_capacity={d: round(s.capacity, 6) for d, s in declared.items()},
        working_days=working_days,
        tasks=planned,
        budget=budget,
        advice=advice,
        messages=messages,
        proposals=build_proposals(tasks, catalog, facts),
    )


def _assumed(declared: DepartmentCapacity | None) -> Staff:
    """One person, at the declared availability (full time when none is declared)."""
    availability = declared.availability if declared is not None and declared.availability > 0 else 1.0
    return Staff(people=1, availability=availability)


def _job(task: RoadmapTask, staff: Staff, calendar: WorkingCalendar) -> Job:
    return Job(
        id=task.id,
        department=task.department.value,
        duration=staff.duration(task.effort_days, task.crew),
        demand=min(task.crew, staff.people),
        weight=task.risk_weight,
        depends_on=tuple(task.depends_on),
        due=None if task.due_date is None else calendar.count_through(task.due_date),
    )


def _without_unmeetable_due_dates(jobs: list[Job]) -> tuple[list[Job], set[str]]:
    """The jobs with the due dates that no staffing can meet taken off, and those jobs' ids. Such a
    job is overdue from the start: it weighs as much as the heaviest job, so it is not left for last."""
    chain_ends = earliest_ends(jobs)
    unmeetable = {j.id for j in jobs if j.due is not None and j.due < chain_ends[j.id]}
    heaviest = max((j.weight for j in jobs), default=1)
    overdue = [replace(j, due=None, weight=heaviest) if j.id in unmeetable else j for j in jobs]
    return overdue, unmeetable


def _verdict(
    deadline: dt.date | None,
    finish: dt.date | None,
    understaffed: list[Department],
    late: list[PlannedTask],
    unmeetable: set[str],
) -> str:
    """The headline: never "NOT met" for a schedule that ends by the deadline."""
    missed = f"{_count(len(late), 'due date')} missed" if late else ""
    if late and all(t.id in unmeetable for t in late):
        missed += " (before the plan's start allows)"
    if deadline is None:
        return "no deadline" + (f"; {missed}" if missed else "")
    if finish is not None and finish > deadline:
        return f"deadline {deadline} NOT met (finish {finish})"
    conditions = []
    if understaffed:
        names = ", ".join(d.value for d in understaffed)
        conditions.append(f"only with the one person assumed for {names}")
    if missed:
        conditions.append(f"but {missed}")
    return f"deadline {deadline} met" + (f" {'; '.join(conditions)}" if conditions else "")


def _calendar(plan: Plan | None, as_of: dt.date) -> WorkingCalendar:
    if plan is None:
        return WorkingCalendar(start=as_of)
    return WorkingCalendar(plan.start, plan.country_holidays, frozenset(plan.holidays))


def _solver_report(result: ScheduleResult) -> SolverReport:
    return SolverReport(
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        bound_method=result.bound_method,
        gap=result.gap,
        wall_time_s=round(result.wall_time_s, 3),
        time_limit_s=result.time_limit_s,
        reproducible=True,  # a solve the clock cut short raised SolveCutShort instead
        work_limit=round(result.work, 4),
        search_moves=result.moves,
    )


def _placed(
    tasks: list[RoadmapTask],
    jobs: list[Job],
    staff: dict[Department, Staff],
    result: ScheduleResult,
    working_days: list[dt.date],
    rates: dict[Department, float],
) -> list[PlannedTask]:
    """The tasks on the calendar, with their rate, the critical path marked and their cost."""
    units = {d.value: s.people for d, s in staff.items()}
    critical = critical_tasks(jobs, result.starts, units) if result.starts else set()
    duration = {job.id: job.duration for job in jobs}
    return [
        PlannedTask(
            **task.model_dump(),
            rate=staff[task.department].rate(task.crew),
            duration_days=duration[task.id],
            start=working_days[result.starts[task.id]],
            end=working_days[result.starts[task.id] + duration[task.id] - 1],
            critical=task.id in critical,
            cost=task_cost(task, rates.get(task.department, 0.0)),
        )
        for task in tasks
        if task.id in result.starts
    ]


def _by_name(staff: dict[Department, Staff]) -> dict[str, Staff]:
    return {d.value: s for d, s in staff.items()}


def _messages(
    no_plan: bool,
    understaffed: list[Department],
    departments: dict[Department, DepartmentCapacity],
    owners: list[Department],
    tasks: list[RoadmapTask],
) -> list[str]:
    messages = []
    if no_plan:
        messages.append(
            "ccpa.yaml has no plan (start, deadline): scheduled from the assessment date, no deadline"
        )
    for department in understaffed:
        owned = [t.id for t in tasks if t.department == department]
        given = departments.get(department)
        how = (
            "is not in ccpa.yaml resources.departments"
            if given is None
            else f"has {given.people} x {given.availability:g} availability = "
            f"{given.people * given.availability:g} person-days a day"
        )
        assumed = _assumed(given)
        messages.append(
            f"{department.value} {how} but owns {_count(len(owned), 'task')} ({', '.join(owned)}): "
            f"scheduled as if it had 1 person at {assumed.availability:g}; declare its people in ccpa.yaml"
        )
    missing_rates = [
        d.value for d in owners if departments.get(d) is None or departments[d].day_rate_usd == 0
    ]
    if missing_rates:
        messages.append(f"no day rate for {', '.join(missing_rates)}: their labour is costed at 0")
    return messages


def _advice(
    problem: ScheduleProblem,
    understaffed: list[Department],
    earliest: dt.date | None,
    time_limit_s: float,
) -> DeadlineAdvice:
    """Why the deadline is missed with the declared people, and the fewest extra people that meet it."""
    chain = longest_chain(problem.jobs)
    if understaffed:
        why = f"{', '.join(d.value for d in understaffed)} cannot run their tasks with the people declared"
    else:
        why = (
            f"with the people declared the earliest finish is {earliest}" if earliest else "no schedule found"
        )
    if problem.deadline is not None and chain > problem.deadline:
        return DeadlineAdvice(
            earliest_finish=earliest,
            longest_chain_days=chain,
            message=f"the deadline cannot be met: the longest dependency chain alone needs {chain} working "
            f"days and the deadline leaves {problem.deadline}; more people do not shorten it ({why})",
        )
    limit = {job.department: 0 for job in problem.jobs}
    for job in problem.jobs:
        limit[job.department] += job.demand
    extra = extra_capacity(problem, limit, time_limit_s)
    if extra is None:
        return DeadlineAdvice(
            earliest_finish=earliest,
            longest_chain_days=chain,
            message=f"the deadline cannot be met ({why}); no staffing that meets it was found in time",
        )
    people = {Department(name): more for name, more in sorted(extra.items())}  # a unit is one person
    wanted = ", ".join(f"{d.value} +{n}" for d, n in people.items())
    return DeadlineAdvice(
        earliest_finish=earliest,
        extra_people=people,
        longest_chain_days=chain,
        message=f"the deadline cannot be met ({why}); it can with {wanted}",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

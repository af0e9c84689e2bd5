"""Build the roadmap: tasks from the findings, a schedule within the team and deadline, a budget.

Capacity of a department = floor(people x availability): two people at half time are one person
on this program every day; one person at 40% is none, and the roadmap says so. A department that
owns tasks but whose capacity is below the largest crew of its tasks (including a department not
declared at all) cannot be scheduled as declared: the roadmap is then not feasible, the schedule
assumes that department has the smallest crew its tasks need, and the messages say which.

When the deadline cannot be met, the schedule shown is the earliest finish with the declared
capacity (high-risk work first within it), and the advice names the fewest extra people per
department that would meet the deadline, or says that the dependency chain alone is too long.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.budget import build_budget, task_cost
from ccpa_readiness.roadmap.calendar import WorkingCalendar
from ccpa_readiness.roadmap.critical import critical_tasks
from ccpa_readiness.roadmap.models import DeadlineAdvice, PlannedTask, Roadmap, RoadmapTask, SolverReport
from ccpa_readiness.roadmap.proposals import build_proposals
from ccpa_readiness.roadmap.schedule import (
    DEFAULT_TIME_LIMIT_S,
    Job,
    ScheduleProblem,
    ScheduleResult,
    earliest_finish,
    extra_capacity,
    longest_chain,
    schedule,
)
from ccpa_readiness.roadmap.tasks import build_tasks
from ccpa_readiness.vocabulary import Department
from ccpa_readiness.workspace.models import DepartmentCapacity, Plan

Step = Callable[[str], None]


def _no_step(_: str) -> None:
    return None


def build_roadmap(
    assessment: Assessment,
    catalog: Catalog,
    facts: Facts,
    *,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    on_step: Step = _no_step,
) -> Roadmap:
    """The roadmap for an assessment. `time_limit_s` bounds each CP-SAT solve (up to four run)."""
    on_step("tasks")
    tasks = build_tasks(assessment, catalog, facts)
    organization = facts.organization
    plan = organization.plan
    calendar = _calendar(plan, assessment.as_of)
    deadline = plan.deadline if plan else None
    deadline_days = calendar.count_through(deadline) if deadline else None
    departments = organization.resources.departments
    declared = {d: math.floor(c.people * c.availability) for d, c in sorted(departments.items())}
    needed = _smallest_crews(tasks)
    understaffed = {d: crew for d, crew in needed.items() if declared.get(d, 0) < crew}
    capacity = {**declared, **understaffed}
    messages = _messages(plan is None, understaffed, departments, declared, needed, tasks)
    jobs = [
        Job(t.id, t.department.value, t.duration_days, t.crew, t.risk_weight, tuple(t.depends_on))
        for t in tasks
    ]
    with_deadline = ScheduleProblem(jobs, _by_name(capacity), deadline_days)

    on_step("schedule")
    result = schedule(with_deadline, time_limit_s)
    earliest: int | None = None
    if not result.solved:  # infeasible, or no schedule found in time: the earliest finish says which
        on_step("earliest finish")
        earliest = earliest_finish(ScheduleProblem(jobs, _by_name(capacity)), time_limit_s)
        result = schedule(ScheduleProblem(jobs, _by_name(capacity), earliest), time_limit_s)
    within = earliest is None or deadline_days is None or earliest <= deadline_days
    feasible = result.solved and within and not understaffed
    advice = None
    if not feasible:
        on_step("extra people")
        advice = _advice(
            ScheduleProblem(jobs, _by_name(declared), deadline_days),
            departments,
            sorted(understaffed),
            calendar.days(earliest)[-1] if earliest else None,
            time_limit_s,
        )
        messages.append(advice.message)
    on_step("budget")
    rates = {d: c.day_rate_usd for d, c in departments.items()}
    finish_days = max((result.starts[j.id] + j.duration for j in jobs if j.id in result.starts), default=0)
    working_days = calendar.days(max(finish_days, deadline_days or 0, 1))
    planned = _placed(tasks, jobs, _by_name(capacity), result, working_days, rates)
    budget = build_budget(planned, working_days, rates, organization.resources.budget_usd)
    if budget.available_usd is not None and budget.total.expected > budget.available_usd:
        messages.append(
            f"the expected cost ${budget.total.expected:,.0f} exceeds the "
            f"${budget.available_usd:,.0f} budget in ccpa.yaml"
        )
    on_step("proposals")
    return Roadmap(
        organization=assessment.organization,
        start=calendar.start,
        deadline=deadline,
        feasible=feasible,
        finish=working_days[finish_days - 1] if planned else None,
        solver=_solver_report(result),
        capacity=dict(sorted(capacity.items())),
        declared_capacity=declared,
        working_days=working_days,
        tasks=planned,
        budget=budget,
        advice=advice,
        messages=messages,
        proposals=build_proposals(tasks, catalog, facts),
    )


def _calendar(plan: Plan | None, as_of: dt.date) -> WorkingCalendar:
    if plan is None:
        return WorkingCalendar(start=as_of)
    return WorkingCalendar(plan.start, plan.country_holidays, frozenset(plan.holidays))


def _solver_report(result: ScheduleResult) -> SolverReport:
    return SolverReport(
        status=result.status,
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        wall_time_s=round(result.wall_time_s, 3),
        time_limit_s=result.time_limit_s,
        reproducible=result.reproducible,
    )


def _placed(
    tasks: list[RoadmapTask],
    jobs: list[Job],
    capacity: dict[str, int],
    result: ScheduleResult,
    working_days: list[dt.date],
    rates: dict[Department, float],
) -> list[PlannedTask]:
    """The tasks on the calendar, with the critical path marked and their cost."""
    critical = critical_tasks(jobs, result.starts, capacity) if result.starts else set()
    return [
        PlannedTask(
            **task.model_dump(),
            start=working_days[result.starts[task.id]],
            end=working_days[result.starts[task.id] + task.duration_days - 1],
            critical=task.id in critical,
            cost=task_cost(task, rates.get(task.department, 0.0)),
        )
        for task in tasks
        if task.id in result.starts
    ]


def _by_name(capacity: dict[Department, int]) -> dict[str, int]:
    return {d.value: people for d, people in capacity.items()}


def _smallest_crews(tasks: list[RoadmapTask]) -> dict[Department, int]:
    needed: dict[Department, int] = {}
    for task in tasks:
        needed[task.department] = max(needed.get(task.department, 0), task.crew)
    return dict(sorted(needed.items()))


def _messages(
    no_plan: bool,
    understaffed: dict[Department, int],
    departments: dict[Department, DepartmentCapacity],
    declared: dict[Department, int],
    needed: dict[Department, int],
    tasks: list[RoadmapTask],
) -> list[str]:
    messages = []
    if no_plan:
        messages.append(
            "ccpa.yaml has no plan (start, deadline): scheduled from the assessment date, no deadline"
        )
    for department, crew in understaffed.items():
        owned = [t.id for t in tasks if t.department == department]
        given = departments.get(department)
        how = (
            "is not in ccpa.yaml resources.departments"
            if given is None
            else f"has {given.people} x {given.availability:g} availability = "
            f"{declared[department]} full-time"
        )
        messages.append(
            f"{department.value} {how} but owns {_count(len(owned), 'task')} ({', '.join(owned)}): "
            f"scheduled as if it had {crew}; declare its people in ccpa.yaml"
        )
    missing_rates = [
        d.value for d in needed if departments.get(d) is None or departments[d].day_rate_usd == 0
    ]
    if missing_rates:
        messages.append(f"no day rate for {', '.join(missing_rates)}: their labour is costed at 0")
    return messages


def _advice(
    problem: ScheduleProblem,
    departments: dict[Department, DepartmentCapacity],
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
        limit[job.department] += job.crew
    extra = extra_capacity(problem, limit, time_limit_s)
    if extra is None:
        return DeadlineAdvice(
            earliest_finish=earliest,
            longest_chain_days=chain,
            message=f"the deadline cannot be met ({why}); no staffing that meets it was found in time",
        )
    people = {
        Department(name): _people_for(departments.get(Department(name)), problem.capacity.get(name, 0) + more)
        for name, more in sorted(extra.items())
    }
    wanted = ", ".join(f"{d.value} +{n}" for d, n in people.items())
    return DeadlineAdvice(
        earliest_finish=earliest,
        extra_people=people,
        longest_chain_days=chain,
        message=f"the deadline cannot be met ({why}); it can with {wanted}",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _people_for(declared: DepartmentCapacity | None, full_time: int) -> int:
    """Extra people for floor(people x availability) to reach `full_time` (new people at the same share)."""
    people = 0 if declared is None else declared.people
    availability = 1.0 if declared is None or declared.availability == 0 else declared.availability
    total = people
    while math.floor(total * availability) < full_time:
        total += 1
    return total - people

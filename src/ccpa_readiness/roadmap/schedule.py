"""The schedule as a CP-SAT model over working-day indexes.

A job lasts `duration` working days and uses `demand` units of its department's capacity while it
runs (integer units: the caller scales person-days per working day to whole units, so half a person
is one unit of a half, never zero). On every working day the demands of a department's running jobs
add up to no more than its capacity (a cumulative constraint). A job starts after all its
dependencies end, ends by its due day when it has one, and by the deadline when there is one.
The objective puts high-risk work first: minimise the sum of weight x end.

The search starts from the best greedy list schedule, among them those ordered by a Lagrangian
relaxation's start days (which also gives the lower bound the gap is measured against; CP-SAT's
own bound on this model is far weaker), improved by a local search over activity lists
(roadmap/local_search.py). CP-SAT then polishes that schedule, or proves a small plan optimal;
the better of the two is the schedule.

Same inputs, same schedule: the local search makes a fixed number of seeded moves; the CP-SAT
search is seeded with its schedule, runs on one worker and stops on a fixed amount of solver work
(CP-SAT's deterministic time), never on the clock. The time limit in seconds is a safety net
only: a solve that hits it raises `SolveCutShort`, so a loaded machine gives an error, never a
different plan.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ccpa_readiness.roadmap.bounds import weighted_end_bound
from ccpa_readiness.roadmap.greedy import keeps_dates, list_schedule, weighted_sum
from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem, earliest_ends
from ccpa_readiness.roadmap.lagrangian import lagrangian_relaxation
from ccpa_readiness.roadmap.local_search import improve

DEFAULT_TIME_LIMIT_S = 300.0
# One worker: a single CP-SAT search thread is deterministic by construction, and on a shared
# two-core machine it measured as good as two interleaved workers at a third of the CPU (see
# docs/roadmap.md, Bench).
WORKERS = 1
# Solver work per job, in CP-SAT's deterministic-time units (a count of work, not seconds), and
# the least and most a solve may spend. The search also stops once it is within TARGET_GAP of
# the proven bound.
WORK_PER_JOB = 0.0015
WORK_RANGE = (0.1, 2.0)
TARGET_GAP = 0.01
# The weighted-end solve starts from the local search's schedule: its work polishes that schedule
# and proves small plans optimal. From 150 jobs on each of CP-SAT's neighbourhoods costs up to a
# tenth of a unit and rarely finds better, so its work stays small there (docs/roadmap.md, Bench).
POLISH_PER_JOB = 0.001
POLISH_RANGE = (0.05, 0.15)
# The lower bounds a solve proves: CP-SAT's own best bound, the Lagrangian relaxation
# (roadmap/lagrangian.py), the fluid bound (roadmap/bounds.py). The highest is reported, and named;
# on a tie the first in this order.
BOUND_METHODS = ("cp-sat", "lagrangian", "fluid")


class SolveCutShort(RuntimeError):
    """The clock stopped a solve before its fixed amount of work: its result could differ between runs."""


@dataclass
class ScheduleResult:
    status: str
    starts: dict[str, int] = field(default_factory=dict)
    objective: float | None = None
    bound: float | None = None
    bound_method: str | None = None  # which proof gave `bound`: see BOUND_METHODS
    wall_time_s: float = 0.0
    time_limit_s: float = 0.0
    work: float = 0.0  # the deterministic work the search was allowed
    moves: int = 0  # the moves the local search tried (roadmap/local_search.py)

    @property
    def solved(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None or self.objective == 0:
            return None
        return max(0.0, (self.objective - self.bound) / self.objective)


@dataclass
class _Model:
    model: cp_model.CpModel
    starts: dict[str, cp_model.IntVar]
    ends: dict[str, cp_model.IntVar]


def work_limit(problem: ScheduleProblem) -> float:
    """The work of the earliest-finish and extra-capacity solves."""
    low, high = WORK_RANGE
    return min(high, max(low, WORK_PER_JOB * len(problem.jobs)))


def polish_work(problem: ScheduleProblem) -> float:
    """The work of the weighted-end solve, after the local search."""
    low, high = POLISH_RANGE
    return min(high, max(low, POLISH_PER_JOB * len(problem.jobs)))


def _build(
    problem: ScheduleProblem,
    capacity: Mapping[str, cp_model.LinearExprT],
    model: cp_model.CpModel | None = None,
) -> _Model:
    model = cp_model.CpModel() if model is None else model
    heads = earliest_ends(problem.jobs)
    starts: dict[str, cp_model.IntVar] = {}
    ends: dict[str, cp_model.IntVar] = {}
    by_department: dict[str, list[tuple[cp_model.IntervalVar, int]]] = {}
    for job in problem.jobs:
        head, latest = heads[job.id], problem.latest_end(job)
        upper = max(head, latest)  # below the chain's own end: the constraint below makes it infeasible
        starts[job.id] = model.new_int_var(head - job.duration, upper - job.duration, f"start {job.id}")
        ends[job.id] = model.new_int_var(head, upper, f"end {job.id}")
        if latest < head:
            model.add(ends[job.id] <= latest)
        interval = model.new_interval_var(starts[job.id], job.duration, ends[job.id], f"run {job.id}")
        by_department.setdefault(job.department, []).append((interval, job.demand))
    for job in problem.jobs:
        for dependency in job.depends_on:
            model.add(starts[job.id] >= ends[dependency])
    for department, runs in sorted(by_department.items()):
        model.add_cumulative([run for run, _ in runs], [demand for _, demand in runs], capacity[department])
    for group in _interchangeable_groups(problem.jobs):
        for first, second in itertools.pairwise(group):
            model.add(starts[first] <= starts[second])
    return _Model(model=model, starts=starts, ends=ends)


def _interchangeable_groups(jobs: list[Job]) -> list[list[str]]:
    """Symmetry breaking: jobs alike in everything but weight run heavier first (an exchange of two
    never makes the weighted sum worse), so the search never tries both orders. Each group of two
    or more, heaviest first."""
    successors: dict[str, set[str]] = {}
    for job in jobs:
        for dependency in job.depends_on:
            successors.setdefault(dependency, set()).add(job.id)
    groups: dict[tuple[object, ...], list[Job]] = {}
    for job in jobs:
        key = (
            job.department,
            job.duration,
            job.demand,
            job.due,
            frozenset(job.depends_on),
            frozenset(successors.get(job.id, ())),
        )
        groups.setdefault(key, []).append(job)
    return [
        [job.id for job in sorted(group, key=lambda j: (-j.weight, j.id))]
        for group in groups.values()
        if len(group) > 1
    ]


def _heavier_first(problem: ScheduleProblem, starts: Mapping[str, int]) -> dict[str, int]:
    """The same schedule with each group of interchangeable jobs on its days heaviest first: no
    worse, and within the model's symmetry breaking, so CP-SAT can take it as it is."""
    placed = dict(starts)
    for group in _interchangeable_groups(problem.jobs):
        for job_id, day in zip(group, sorted(placed[j] for j in group), strict=True):
            placed[job_id] = day
    return placed


def _solve(built: _Model, work: float, time_limit_s: float) -> tuple[cp_model.CpSolver, str, float]:
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = work
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = WORKERS
    solver.parameters.interleave_search = True  # LNS between search rounds, in a fixed order
    solver.parameters.relative_gap_limit = TARGET_GAP
    began = time.perf_counter()
    status = solver.status_name(solver.solve(built.model))
    wall = time.perf_counter() - began
    if status in ("FEASIBLE", "UNKNOWN") and not _ended_on_work_or_gap(solver, status, work):
        raise SolveCutShort(
            f"the CP-SAT search was cut short by the {time_limit_s:g} s safety limit before its fixed "
            f"amount of work ({work:g} deterministic units), so its schedule could differ from run to "
            "run; no roadmap is written: rerun with a larger --time-limit or on a less loaded machine"
        )
    return solver, status, wall


def _ended_on_work_or_gap(solver: cp_model.CpSolver, status: str, work: float) -> bool:
    """Whether a search that proved nothing stopped on its fixed work or on the target gap, the
    two stops that do not depend on the machine (CP-SAT's own clock may stop it before ours reads
    the limit, so the wall time cannot tell)."""
    response = solver.response_proto
    if response.deterministic_time >= work - 1e-9:
        return True
    if status != "FEASIBLE":
        return False
    objective, bound = response.objective_value, response.best_objective_bound
    return abs(objective - bound) <= TARGET_GAP * max(1.0, abs(objective))


def _weighted_ends(problem: ScheduleProblem, built: _Model) -> cp_model.LinearExprT:
    return sum(job.weight * built.ends[job.id] for job in problem.jobs)


def _whole(bound: float) -> int:
    return math.ceil(bound - 1e-6)


def _hint(built: _Model, starts: Mapping[str, int]) -> None:
    for job_id, start in starts.items():
        built.model.add_hint(built.starts[job_id], start)


def _first_schedule(problem: ScheduleProblem, bounds: dict[str, float]) -> tuple[dict[str, int], int] | None:
    """The schedule the CP-SAT search starts from and the local search's moves: the best list
    schedule, among them those ordered by the Lagrangian relaxation (whose bound it adds to
    `bounds`), improved by the local search; None when no list places every job."""
    greedy = list_schedule(problem)
    if greedy is None:
        return None
    relaxation = lagrangian_relaxation(problem, weighted_sum(problem, greedy))
    if relaxation is not None:
        bounds["lagrangian"] = _whole(relaxation.bound)
        greedy = list_schedule(problem, relaxation.orders) or greedy
    improved = improve(problem, greedy)
    return _heavier_first(problem, improved.starts), improved.moves


def schedule(problem: ScheduleProblem, time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> ScheduleResult:
    """High-risk work first within the capacity (and the deadline and due days, when given)."""
    if not problem.jobs:
        return ScheduleResult(status="OPTIMAL", objective=0, bound=0, time_limit_s=time_limit_s)
    built = _build(problem, problem.capacity)
    objective = _weighted_ends(problem, built)
    # The objective is a whole number, so is every bound rounded up.
    bounds: dict[str, float] = {"fluid": _whole(weighted_end_bound(problem.jobs, problem.capacity))}
    first = _first_schedule(problem, bounds)
    hint, moves = (None, 0) if first is None else first
    given = max(bounds.values())
    built.model.add(objective >= given)
    built.model.minimize(objective)
    if hint is not None:
        _hint(built, hint)
    work = polish_work(problem)
    solver, status, wall = _solve(built, work, time_limit_s)
    result = ScheduleResult(status, wall_time_s=wall, time_limit_s=time_limit_s, work=work, moves=moves)
    if result.solved:
        result.starts = {job_id: solver.value(var) for job_id, var in sorted(built.starts.items())}
        result.objective = solver.objective_value
        if hint is not None and keeps_dates(problem, hint) and weighted_sum(problem, hint) < result.objective:
            result.starts, result.objective = dict(sorted(hint.items())), weighted_sum(problem, hint)
        if solver.best_objective_bound > given:  # beyond the bound the model was given
            bounds["cp-sat"] = solver.best_objective_bound
        result.bound_method = max(BOUND_METHODS, key=lambda name: bounds.get(name, -math.inf))
        result.bound = bounds[result.bound_method]
    return result


def earliest_finish(problem: ScheduleProblem, time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> int | None:
    """The fewest working days that hold every job with this capacity, whatever the deadline.

    The best found when the search stops before proving it; None when there is none (a due day
    that cannot be met) or none was found.
    """
    if not problem.jobs:
        return 0
    serial = sum(job.duration for job in problem.jobs)
    unbounded = ScheduleProblem(problem.jobs, problem.capacity, serial)
    built = _build(unbounded, problem.capacity)
    makespan = built.model.new_int_var(0, serial, "finish")
    built.model.add_max_equality(makespan, list(built.ends.values()))
    built.model.minimize(makespan)
    greedy = list_schedule(unbounded)
    if greedy is not None:
        _hint(built, greedy)
    solver, status, _ = _solve(built, work_limit(problem), time_limit_s)
    return int(solver.value(makespan)) if status in ("OPTIMAL", "FEASIBLE") else None


def extra_capacity(
    problem: ScheduleProblem, limit: Mapping[str, int], time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> dict[str, int] | None:
    """The least extra capacity units per department (up to `limit`) that meet the deadline.

    The least found when the search stops before proving it; None when it finds none.
    """
    model = cp_model.CpModel()
    departments = sorted({job.department for job in problem.jobs})
    extra = {d: model.new_int_var(0, limit.get(d, 0), f"extra {d}") for d in departments}
    built = _build(problem, {d: problem.capacity.get(d, 0) + extra[d] for d in departments}, model)
    built.model.minimize(sum(extra.values()))
    solver, status, _ = _solve(built, work_limit(problem), time_limit_s)
    if status not in ("OPTIMAL", "FEASIBLE"):
        return None
    return {d: int(solver.value(var)) for d, var in extra.items() if solver.value(var) > 0}

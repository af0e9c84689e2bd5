"""The schedule as a CP-SAT model over working-day indexes.

A job lasts `duration` working days. On every working day the crews of a department's running
jobs add up to no more than its capacity (a cumulative constraint). A job starts after all its
dependencies end. With a deadline (the number of working days available), every job ends by it.
The objective puts high-risk work first: minimise the sum of weight x end.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx
from ortools.sat.python import cp_model

DEFAULT_TIME_LIMIT_S = 15.0
WORKERS = 2
# Two workers: one solves the full LP relaxation at every node (a much stronger bound on the
# weighted completion time than the default), the other restarts often to find schedules.
SUBSOLVERS = ("max_lp", "quick_restart")
# The search stops after this much CP-SAT "deterministic time" (a count of work, not seconds),
# interleaving the workers so that the same inputs give the same schedule on any machine. The
# time limit in seconds only caps a slow machine; a solve it cuts short may differ between runs.
WORK_LIMIT = 1.0


@dataclass(frozen=True)
class Job:
    id: str
    department: str
    duration: int
    crew: int
    weight: int
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScheduleProblem:
    jobs: list[Job]
    capacity: Mapping[str, int]
    deadline: int | None = None  # working days available: every job ends (exclusive) by this index

    def horizon(self) -> int:
        serial = sum(job.duration for job in self.jobs)
        return serial if self.deadline is None else min(serial, self.deadline)


@dataclass
class ScheduleResult:
    status: str
    starts: dict[str, int] = field(default_factory=dict)
    objective: float | None = None
    bound: float | None = None
    wall_time_s: float = 0.0
    time_limit_s: float = 0.0
    reproducible: bool = True
    extra_capacity: dict[str, int] = field(default_factory=dict)

    @property
    def solved(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None or self.objective == 0:
            return None
        return (self.objective - self.bound) / self.objective


@dataclass
class _Model:
    model: cp_model.CpModel
    starts: dict[str, cp_model.IntVar]
    ends: dict[str, cp_model.IntVar]


def longest_chain(jobs: list[Job]) -> int:
    """Working days the longest dependency chain needs, whatever the capacity."""
    graph: nx.DiGraph = nx.DiGraph()
    for job in jobs:
        graph.add_node(job.id)
        for dependency in job.depends_on:
            graph.add_edge(dependency, job.id)
    durations = {job.id: job.duration for job in jobs}
    finish: dict[str, int] = {}
    for job_id in nx.topological_sort(graph):
        finish[job_id] = durations[job_id] + max((finish[d] for d in graph.predecessors(job_id)), default=0)
    return max(finish.values(), default=0)


def _build(
    problem: ScheduleProblem,
    capacity: Mapping[str, cp_model.LinearExprT],
    model: cp_model.CpModel | None = None,
) -> _Model:
    model = cp_model.CpModel() if model is None else model
    horizon = problem.horizon()
    starts: dict[str, cp_model.IntVar] = {}
    ends: dict[str, cp_model.IntVar] = {}
    by_department: dict[str, list[tuple[cp_model.IntervalVar, int]]] = {}
    for job in problem.jobs:
        starts[job.id] = model.new_int_var(0, max(0, horizon - job.duration), f"start {job.id}")
        ends[job.id] = model.new_int_var(job.duration, max(job.duration, horizon), f"end {job.id}")
        interval = model.new_interval_var(starts[job.id], job.duration, ends[job.id], f"run {job.id}")
        by_department.setdefault(job.department, []).append((interval, job.crew))
    for job in problem.jobs:
        for dependency in job.depends_on:
            model.add(starts[job.id] >= ends[dependency])
    for department, runs in sorted(by_department.items()):
        model.add_cumulative([run for run, _ in runs], [crew for _, crew in runs], capacity[department])
    return _Model(model=model, starts=starts, ends=ends)


def _solve(built: _Model, time_limit_s: float) -> tuple[cp_model.CpSolver, str, float]:
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = WORK_LIMIT
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = WORKERS
    solver.parameters.interleave_search = True
    solver.parameters.subsolvers.extend(SUBSOLVERS)
    began = time.perf_counter()
    status = solver.status_name(solver.solve(built.model))
    return solver, status, time.perf_counter() - began


def _reproducible(status: str, wall_time_s: float, time_limit_s: float) -> bool:
    """Whether the search ended on a proof or the work limit rather than the clock."""
    return status in ("OPTIMAL", "INFEASIBLE") or wall_time_s < time_limit_s * 0.99


def _weighted_ends(problem: ScheduleProblem, built: _Model) -> cp_model.LinearExprT:
    return sum(job.weight * built.ends[job.id] for job in problem.jobs)


def schedule(problem: ScheduleProblem, time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> ScheduleResult:
    """High-risk work first within the capacity (and the deadline, when there is one)."""
    if not problem.jobs:
        return ScheduleResult(status="OPTIMAL", objective=0, bound=0, time_limit_s=time_limit_s)
    built = _build(problem, problem.capacity)
    built.model.minimize(_weighted_ends(problem, built))
    solver, status, wall = _solve(built, time_limit_s)
    result = ScheduleResult(
        status=status,
        wall_time_s=wall,
        time_limit_s=time_limit_s,
        reproducible=_reproducible(status, wall, time_limit_s),
    )
    if status in ("OPTIMAL", "FEASIBLE"):
        result.starts = {job_id: solver.value(var) for job_id, var in sorted(built.starts.items())}
        result.objective = solver.objective_value
        result.bound = solver.best_objective_bound
    return result


def earliest_finish(problem: ScheduleProblem, time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> int | None:
    """The fewest working days that hold every job with this capacity, whatever the deadline.

    The best found when the search stops before proving it; None when it finds no schedule.
    """
    if not problem.jobs:
        return 0
    unbounded = ScheduleProblem(problem.jobs, problem.capacity)
    built = _build(unbounded, problem.capacity)
    makespan = built.model.new_int_var(0, unbounded.horizon(), "finish")
    built.model.add_max_equality(makespan, list(built.ends.values()))
    built.model.minimize(makespan)
    solver, status, _ = _solve(built, time_limit_s)
    return int(solver.value(makespan)) if status in ("OPTIMAL", "FEASIBLE") else None


def extra_capacity(
    problem: ScheduleProblem, limit: Mapping[str, int], time_limit_s: float = DEFAULT_TIME_LIMIT_S
) -> dict[str, int] | None:
    """The least extra capacity per department (up to `limit`) that meets the deadline.

    The least found when the search stops before proving it; None when it finds none.
    """
    model = cp_model.CpModel()
    departments = sorted({job.department for job in problem.jobs})
    extra = {d: model.new_int_var(0, limit.get(d, 0), f"extra {d}") for d in departments}
    built = _build(problem, {d: problem.capacity.get(d, 0) + extra[d] for d in departments}, model)
    built.model.minimize(sum(extra.values()))
    solver, status, _ = _solve(built, time_limit_s)
    if status not in ("OPTIMAL", "FEASIBLE"):
        return None
    return {d: int(solver.value(var)) for d, var in extra.items() if solver.value(var) > 0}

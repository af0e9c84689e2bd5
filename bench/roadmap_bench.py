"""Roadmap scheduling: the example's roadmap and synthetic plans of 150, 300 and 600 tasks.

Run: `.venv/bin/python bench/roadmap_bench.py` (one CP-SAT worker, deterministic work limit).
Prints, for the example workspace, the roadmap stage's time (CPU and wall; the assessment before
it is not counted) and the gap to the proven bound; then for each synthetic size and shape the
time, the solver status, the objective (sum of risk weight x end), the proven bound with the
method that proved it (lagrangian, fluid or cp-sat) and the gap, (objective - bound) / objective.
CPU time is the figure to compare on a shared machine; wall time is printed beside it.

The synthetic tasks are fixed by the seed: durations 1-10 working days, demands of 1-2 people,
risk weights 1-100, 2-5 people per department, and a deadline a quarter beyond the larger of the
longest dependency chain and the busiest department's load. Two shapes of dependencies:
`chains` (each task may wait for up to three of the 40 before it: chains grow with the plan) and
`roadmap` (four layers of work like the catalog's playbooks: chains at most four tasks long).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import time
from pathlib import Path

from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem, earliest_ends, longest_chain
from ccpa_readiness.roadmap.schedule import ScheduleResult, schedule
from ccpa_readiness.vocabulary import Department

SIZES = (150, 300, 600)
SHAPES = ("roadmap", "chains")
SEED = 7
LAYERS = 4
BENCH_SAFETY_S = 3600.0  # the work limit ends every solve; the clock must not, even on a loaded machine
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "acme-contact-center"


def synthetic_problem(tasks: int = 300, seed: int = SEED, shape: str = "chains") -> ScheduleProblem:
    rng = random.Random(seed)
    departments = [d.value for d in Department]
    capacity = {d: rng.randint(2, 5) for d in departments}
    jobs: list[Job] = []
    for index in range(tasks):
        if shape == "chains":
            earlier = [job.id for job in jobs[max(0, index - 40) : index]]
        else:
            layer = LAYERS * index // tasks
            earlier = [job.id for job in jobs[: tasks * layer // LAYERS]]
        jobs.append(
            Job(
                id=f"task-{index:03d}",
                department=rng.choice(departments),
                duration=rng.randint(1, 10),
                demand=rng.choice((1, 1, 1, 2)),
                weight=rng.randint(1, 100),
                depends_on=tuple(sorted(rng.sample(earlier, k=min(len(earlier), rng.randint(0, 3))))),
            )
        )
    load = max(
        math.ceil(sum(j.duration * j.demand for j in jobs if j.department == d) / capacity[d])
        for d in departments
    )
    deadline = math.ceil(1.25 * max(load, longest_chain(jobs)))
    return ScheduleProblem(jobs=jobs, capacity=capacity, deadline=deadline)


def time_indexed_bound(problem: ScheduleProblem) -> float:
    """The LP relaxation of the time-indexed model (x[j, t] = job j starts on day t; each day's
    demands within each department's capacity; a job's mean start after each dependency's mean
    end), solved with HiGHS: the value the tool's Lagrangian bound approaches from below, at
    several times its cost (seconds at 300 tasks). It checks how close that bound gets."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("HIGHS_LP")  # the same optimum as GLOP, about 10x faster
    solver.SetNumThreads(1)
    horizon = problem.horizon()
    heads = earliest_ends(problem.jobs)
    starts: dict[str, list[tuple[int, pywraplp.Variable]]] = {}
    load: dict[tuple[str, int], list[tuple[int, pywraplp.Variable]]] = {}
    for job in problem.jobs:
        starts[job.id] = [
            (day, solver.NumVar(0, 1, ""))
            for day in range(heads[job.id] - job.duration, horizon - job.duration + 1)
        ]
        solver.Add(sum(variable for _, variable in starts[job.id]) == 1)
        for day, variable in starts[job.id]:
            for busy in range(day, day + job.duration):
                load.setdefault((job.department, busy), []).append((job.demand, variable))
    for (department, _), terms in load.items():
        solver.Add(sum(demand * variable for demand, variable in terms) <= problem.capacity[department])
    durations = {job.id: job.duration for job in problem.jobs}
    for job in problem.jobs:
        for dependency in job.depends_on:
            solver.Add(
                sum(day * v for day, v in starts[job.id])
                >= sum(day * v for day, v in starts[dependency]) + durations[dependency]
            )
    solver.Minimize(
        sum(job.weight * (day + job.duration) * v for job in problem.jobs for day, v in starts[job.id])
    )
    return float(solver.Objective().Value()) if solver.Solve() == pywraplp.Solver.OPTIMAL else math.nan


def _gap(result: ScheduleResult) -> str:
    return "n/a" if result.gap is None else f"{result.gap:.1%}"


def bench_example() -> None:
    from ccpa_readiness.pipeline import run_assessment
    from ccpa_readiness.roadmap import build_roadmap

    run = run_assessment(EXAMPLE, dt.date(2026, 11, 29))
    cpu, wall = time.process_time(), time.perf_counter()
    roadmap = build_roadmap(run.assessment, run.catalog, run.facts, time_limit_s=BENCH_SAFETY_S)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    solver = roadmap.solver
    gap = "n/a" if solver.gap is None else f"{solver.gap:.1%}"
    print(
        f"example: {len(roadmap.tasks)} tasks, roadmap {cpu:.2f} s CPU ({wall:.2f} s wall), "
        f"{solver.status}, objective {solver.objective:.0f}, {solver.bound_method} bound "
        f"{solver.bound:.0f}, gap {gap}; {roadmap.verdict}"
    )


def bench_synthetic(size: int, shape: str, lp_bound: bool) -> None:
    problem = synthetic_problem(size, shape=shape)
    cpu, wall = time.process_time(), time.perf_counter()
    result = schedule(problem, time_limit_s=BENCH_SAFETY_S)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    finish = max(result.starts[j.id] + j.duration for j in problem.jobs) if result.solved else None
    print(
        f"{shape:8} {size:4} tasks: {cpu:6.2f} s CPU ({wall:6.2f} s wall, {result.moves} moves, "
        f"work {result.work:.2f}), "
        f"{result.status}, objective {result.objective:.0f}, {result.bound_method} bound {result.bound:.0f}, "
        f"gap {_gap(result)}; "
        f"finish day {finish} of {problem.deadline} (chain {longest_chain(problem.jobs)})"
    )
    if lp_bound and result.objective:
        cpu = time.process_time()
        bound = time_indexed_bound(problem)
        print(
            f"         time-indexed LP bound {bound:.0f} ({time.process_time() - cpu:.1f} s CPU): "
            f"gap {(result.objective - bound) / result.objective:.1%} against it"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    parser.add_argument("--no-example", action="store_true", help="skip the example workspace")
    parser.add_argument("--lp-bound", action="store_true", help="also the time-indexed LP bound (slow)")
    arguments = parser.parse_args()
    if not arguments.no_example:
        bench_example()
    for shape in arguments.shapes:
        for size in arguments.sizes:
            bench_synthetic(size, shape, arguments.lp_bound)


if __name__ == "__main__":
    main()

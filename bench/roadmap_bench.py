"""Schedule 300 roadmap tasks across the 7 departments with CP-SAT and report how well it did.

Run: `.venv/bin/python bench/roadmap_bench.py` (2 workers, as on the CI machine). Prints the wall
time, the solver status, the objective (sum of risk weight x end), its proven bound and the gap.
The tasks are synthetic and fixed by the seed: durations 1-10 working days, crews of 1-2, up to
three dependencies on earlier tasks, risk weights 1-100, 2-5 people per department, and a deadline
a quarter beyond the larger of the longest dependency chain and the busiest department's load.
"""

from __future__ import annotations

import argparse
import math
import random
import time

from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem, longest_chain
from ccpa_readiness.roadmap.schedule import schedule
from ccpa_readiness.vocabulary import Department

TASKS = 300
LAYERS = 4
SEED = 7


def synthetic_problem(tasks: int = TASKS, seed: int = SEED, shape: str = "chains") -> ScheduleProblem:
    """`chains`: each task may wait for up to three of the 40 before it, so chains grow with the
    plan; `roadmap`: like the catalog's playbooks, four layers of work, a task waiting only for
    tasks of earlier layers (chains at most four long)."""
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=TASKS)
    parser.add_argument("--time-limit", type=float, default=20.0, help="CP-SAT time limit in seconds")
    arguments = parser.parse_args()
    problem = synthetic_problem(arguments.tasks)
    began = time.perf_counter()
    result = schedule(problem, time_limit_s=arguments.time_limit)
    elapsed = time.perf_counter() - began
    gap = "n/a" if result.gap is None else f"{result.gap:.2%}"
    departments = len(problem.capacity)
    print(f"tasks: {len(problem.jobs)} across {departments} departments, deadline day {problem.deadline}")
    print(f"time: {elapsed:.2f} s (limit {arguments.time_limit:.0f} s, 2 workers)")
    print(f"status: {result.status}")
    print(f"objective: {result.objective}  bound: {result.bound}  gap: {gap}")
    if result.solved:
        finish = max(result.starts[j.id] + j.duration for j in problem.jobs)
        print(f"finish: working day {finish} of {problem.deadline}")


if __name__ == "__main__":
    main()

"""The lower bounds the gap is measured against: never above the optimum, and strong where it counts."""

from __future__ import annotations

import math
import random

import pytest
from ortools.sat.python import cp_model

from ccpa_readiness.roadmap.bounds import weighted_end_bound
from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem, longest_chain
from ccpa_readiness.roadmap.lagrangian import lagrangian_relaxation, latest_ends
from ccpa_readiness.roadmap.schedule import SolveCutShort, _build, _weighted_ends, schedule


def _random_problem(
    rng: random.Random, jobs: int, departments: int, deadline_slack: float
) -> ScheduleProblem:
    names = [f"d{k}" for k in range(departments)]
    capacity = {name: rng.randint(1, 3) for name in names}
    made: list[Job] = []
    for index in range(jobs):
        department = rng.choice(names)
        earlier = [job.id for job in made]
        made.append(
            Job(
                id=f"j{index:02d}",
                department=department,
                duration=rng.randint(1, 5),
                demand=rng.randint(1, capacity[department]),
                weight=rng.randint(1, 50),
                depends_on=tuple(sorted(rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2))))),
            )
        )
    serial = sum(job.duration for job in made)
    return ScheduleProblem(made, capacity, max(1, int(serial * deadline_slack)))


def _optimum(problem: ScheduleProblem) -> float | None:
    built = _build(problem, problem.capacity)
    built.model.minimize(_weighted_ends(problem, built))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    status = solver.solve(built.model)
    if status == cp_model.INFEASIBLE:
        return None
    assert status == cp_model.OPTIMAL
    return float(solver.objective_value)


def _layered(seed: int, jobs: int) -> ScheduleProblem:
    """Work in four layers across five departments, like the catalog's playbooks: capacity-bound."""
    rng = random.Random(seed)
    names = [f"d{k}" for k in range(5)]
    capacity = {name: rng.randint(2, 4) for name in names}
    made: list[Job] = []
    for index in range(jobs):
        earlier = [job.id for job in made[: jobs * (4 * index // jobs) // 4]]
        made.append(
            Job(
                id=f"j{index:03d}",
                department=rng.choice(names),
                duration=rng.randint(1, 8),
                demand=rng.choice((1, 1, 2)),
                weight=rng.randint(1, 100),
                depends_on=tuple(sorted(rng.sample(earlier, k=min(len(earlier), rng.randint(0, 3))))),
            )
        )
    load = max(sum(j.duration * j.demand for j in made if j.department == d) / capacity[d] for d in names)
    return ScheduleProblem(made, capacity, math.ceil(1.3 * max(load, longest_chain(made))))


@pytest.mark.parametrize("seed", range(24))
def test_no_bound_is_above_the_optimum(seed: int) -> None:
    rng = random.Random(seed)
    problem = _random_problem(
        rng, jobs=rng.randint(4, 9), departments=2, deadline_slack=rng.choice((0.5, 0.8, 1.0))
    )
    optimum = _optimum(problem)
    relaxation = lagrangian_relaxation(problem, upper=10**9)
    if optimum is None:  # an infeasible plan has no optimum to be above
        return
    assert relaxation is not None
    assert relaxation.bound <= optimum + 1e-6
    assert weighted_end_bound(problem.jobs, problem.capacity) <= optimum + 1e-6
    assert all(sorted(order) == sorted(j.id for j in problem.jobs) for order in relaxation.orders)


def test_latest_ends_leave_room_for_the_successors_due_days() -> None:
    jobs = [
        Job("a", "d", duration=2, demand=1, weight=1),
        Job("b", "d", duration=3, demand=1, weight=1, depends_on=("a",), due=5),
        Job("c", "d", duration=1, demand=1, weight=1, depends_on=("a",)),
    ]
    problem = ScheduleProblem(jobs, {"d": 1}, 10)  # the horizon: the 6 days of all the work in a row
    assert latest_ends(problem) == {"a": 2, "b": 5, "c": 6}


def test_an_empty_window_gives_no_relaxation() -> None:
    jobs = [Job("a", "d", duration=5, demand=1, weight=1, due=3)]
    assert lagrangian_relaxation(ScheduleProblem(jobs, {"d": 1}, 10), upper=100) is None


@pytest.mark.slow
def test_the_gap_on_a_capacity_bound_plan_is_measured_against_the_lagrangian_bound() -> None:
    problem = _layered(seed=3, jobs=120)
    fluid = weighted_end_bound(problem.jobs, problem.capacity)
    result = schedule(problem)
    assert result.solved and result.bound is not None and result.gap is not None
    assert result.bound_method == "lagrangian"
    assert result.bound > 1.05 * fluid  # the fluid bound alone would report a far larger gap
    assert result.gap < 0.10
    assert schedule(problem).starts == result.starts


def test_a_search_the_clock_stops_early_is_an_error_even_below_the_measured_limit() -> None:
    """CP-SAT's own clock may stop it before the caller's reads the limit: the work done decides."""
    with pytest.raises(SolveCutShort, match=r"cut short by the 0\.05 s safety limit"):
        schedule(_layered(seed=3, jobs=120), time_limit_s=0.05)

"""The local search over activity lists: valid schedules, never worse, the same on every run."""

from __future__ import annotations

import random

import pytest

from ccpa_readiness.roadmap.greedy import (
    ActivityList,
    lateness,
    list_schedule,
    priority_list,
    weighted_sum,
)
from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem
from ccpa_readiness.roadmap.lagrangian import lagrangian_relaxation
from ccpa_readiness.roadmap.local_search import _try_move, _window, improve
from ccpa_readiness.roadmap.schedule import _heavier_first, _interchangeable_groups, schedule
from tests.roadmap.test_bounds import _layered, _random_problem


def _violations(problem: ScheduleProblem, starts: dict[str, int]) -> list[str]:
    """Every dependency and capacity the schedule breaks."""
    ends = {job.id: starts[job.id] + job.duration for job in problem.jobs}
    found = [
        f"{job.id} starts before {d} ends"
        for job in problem.jobs
        for d in job.depends_on
        if starts[job.id] < ends[d]
    ]
    usage: dict[tuple[str, int], int] = {}
    for job in problem.jobs:
        for day in range(starts[job.id], ends[job.id]):
            usage[job.department, day] = usage.get((job.department, day), 0) + job.demand
    found += [
        f"{department} uses {used} on day {day}"
        for (department, day), used in sorted(usage.items())
        if used > problem.capacity[department]
    ]
    return found


@pytest.mark.parametrize("seed", range(12))
def test_the_search_gives_a_valid_schedule_no_worse_than_its_start(seed: int) -> None:
    rng = random.Random(seed)
    problem = _random_problem(rng, jobs=rng.randint(8, 30), departments=3, deadline_slack=0.6)
    greedy = list_schedule(problem)
    assert greedy is not None
    improved = improve(problem, greedy)
    assert _violations(problem, improved.starts) == []
    assert improved.cost == (lateness(problem, improved.starts), weighted_sum(problem, improved.starts))
    assert improved.cost <= (lateness(problem, greedy), weighted_sum(problem, greedy))


def test_a_move_placed_again_from_its_position_equals_placing_the_whole_list() -> None:
    """The search places only the jobs from a move's first position on: it must give what placing
    the changed list from scratch gives, whether the move is kept or undone."""
    problem = _layered(seed=5, jobs=60)
    greedy = list_schedule(problem)
    assert greedy is not None
    order = sorted(range(len(problem.jobs)), key=lambda k: (greedy[problem.jobs[k].id], k))
    lists = ActivityList(problem, order)
    rng = random.Random(1)
    kept = 0
    for _ in range(200):
        source = rng.randrange(len(order))
        low, high = _window(lists, lists.order[source])
        target = rng.randint(low, high)
        if target == source:
            continue
        before = list(lists.order)
        _try_move(lists, source, target)
        kept += lists.order != before
        fresh = ActivityList(problem, lists.order)
        assert (fresh.starts(), fresh.cost) == (lists.starts(), lists.cost)
        assert [lists.position[job] for job in lists.order] == list(range(len(order)))
    assert 0 < kept < 200  # both paths were taken


def test_a_priority_list_keeps_every_job_after_its_dependencies() -> None:
    problem = _layered(seed=2, jobs=40)
    order = priority_list(problem, lambda job: job.weight)
    seen: set[str] = set()
    for k in order:
        job = problem.jobs[k]
        assert set(job.depends_on) <= seen
        seen.add(job.id)
    assert len(order) == len(problem.jobs)


def test_interchangeable_jobs_swap_days_heaviest_first_at_no_cost() -> None:
    jobs = [
        Job("a", "d", duration=2, demand=1, weight=3),
        Job("b", "d", duration=2, demand=1, weight=9),
        Job("c", "d", duration=2, demand=1, weight=5),
    ]
    problem = ScheduleProblem(jobs, {"d": 1}, 10)
    assert _interchangeable_groups(jobs) == [["b", "c", "a"]]
    swapped = _heavier_first(problem, {"a": 0, "b": 4, "c": 2})
    assert swapped == {"b": 0, "c": 2, "a": 4}
    assert weighted_sum(problem, swapped) < weighted_sum(problem, {"a": 0, "b": 4, "c": 2})


@pytest.mark.slow
def test_on_a_capacity_bound_plan_the_search_improves_the_best_list_schedule() -> None:
    problem = _layered(seed=3, jobs=150)
    greedy = list_schedule(problem)
    assert greedy is not None
    relaxation = lagrangian_relaxation(problem, weighted_sum(problem, greedy))
    assert relaxation is not None
    listed = list_schedule(problem, relaxation.orders)
    assert listed is not None
    improved = improve(problem, listed)
    assert improved.cost[0] == 0 and improved.cost[1] < 0.98 * weighted_sum(problem, listed)
    result = schedule(problem)
    assert result.solved and result.moves == improved.moves > 0
    assert result.objective is not None and result.objective <= improved.cost[1]
    assert _violations(problem, result.starts) == []

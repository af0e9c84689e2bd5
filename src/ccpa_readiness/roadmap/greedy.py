"""A greedy list schedule: the hint the CP-SAT search starts from.

Serial schedule generation: take the ready job (all its dependencies placed) with the highest
priority and start it on the earliest day its dependencies and its department's free capacity
allow. Several priority rules are tried; the schedule with the least weighted sum of ends that
keeps the deadline and the due days wins.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence

from ccpa_readiness.roadmap.jobs import Job, ScheduleProblem

Priority = Callable[[Job], float]


def _descendant_weights(jobs: list[Job]) -> dict[str, int]:
    """Each job's weight plus the weights of every job that waits for it, directly or not."""
    successors: dict[str, list[str]] = {job.id: [] for job in jobs}
    for job in jobs:
        for dependency in job.depends_on:
            successors[dependency].append(job.id)
    weight = {job.id: job.weight for job in jobs}
    memo: dict[str, set[str]] = {}

    def below(job_id: str) -> set[str]:
        if job_id not in memo:
            found: set[str] = set()
            for successor in successors[job_id]:
                found |= {successor} | below(successor)
            memo[job_id] = found
        return memo[job_id]

    return {job.id: job.weight + sum(weight[d] for d in below(job.id)) for job in jobs}


def _rules(jobs: list[Job]) -> list[Priority]:
    carried = _descendant_weights(jobs)
    return [
        lambda job: job.weight / job.duration,
        lambda job: job.weight / (job.duration * job.demand),
        lambda job: carried[job.id] / job.duration,
        lambda job: -(job.due if job.due is not None else 10**9),
    ]


def _place(problem: ScheduleProblem, priority: Priority) -> dict[str, int] | None:
    jobs = {job.id: job for job in problem.jobs}
    waiting = {job.id: len(job.depends_on) for job in problem.jobs}
    successors: dict[str, list[str]] = {job_id: [] for job_id in jobs}
    for job in problem.jobs:
        for dependency in job.depends_on:
            successors[dependency].append(job.id)
    ready = [(-priority(job), job.id) for job in problem.jobs if not job.depends_on]
    heapq.heapify(ready)
    usage: dict[str, list[int]] = {}
    starts: dict[str, int] = {}
    while ready:
        _, job_id = heapq.heappop(ready)
        job = jobs[job_id]
        capacity = problem.capacity.get(job.department, 0)
        if job.demand > capacity:
            return None
        days = usage.setdefault(job.department, [])
        start = max((starts[d] + jobs[d].duration for d in job.depends_on), default=0)
        while True:
            needed = start + job.duration
            if len(days) < needed:
                days.extend([0] * (needed - len(days)))
            clash = next((t for t in range(start, needed) if days[t] + job.demand > capacity), None)
            if clash is None:
                break
            start = clash + 1
        for t in range(start, start + job.duration):
            days[t] += job.demand
        starts[job_id] = start
        for successor in successors[job_id]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                heapq.heappush(ready, (-priority(jobs[successor]), successor))
    return starts if len(starts) == len(jobs) else None


def weighted_sum(problem: ScheduleProblem, starts: Mapping[str, int]) -> int:
    """The objective: the sum of weight x end."""
    return sum(job.weight * (starts[job.id] + job.duration) for job in problem.jobs)


def _keeps_dates(problem: ScheduleProblem, starts: Mapping[str, int]) -> bool:
    return all(starts[job.id] + job.duration <= problem.latest_end(job) for job in problem.jobs)


def _ranked(order: list[str]) -> Priority:
    """Earlier in the order, higher priority."""
    rank = {job_id: position for position, job_id in enumerate(order)}
    return lambda job: -rank[job.id]


def list_schedule(problem: ScheduleProblem, orders: Sequence[list[str]] = ()) -> dict[str, int] | None:
    """The best greedy schedule (dates kept if any rule keeps them); None when a job cannot fit.

    `orders` are more priority rules, each a list of every job id, highest priority first."""
    rules = _rules(problem.jobs) + [_ranked(order) for order in orders]
    candidates = [s for s in (_place(problem, rule) for rule in rules) if s is not None]
    if not candidates:
        return None

    def cost(starts: Mapping[str, int]) -> tuple[bool, int]:
        return (not _keeps_dates(problem, starts), weighted_sum(problem, starts))

    return min(candidates, key=cost)

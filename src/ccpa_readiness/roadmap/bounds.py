"""A proven lower bound on the weighted sum of ends, stronger than the solver's own on large plans.

Per department, relax the schedule to a fluid one: the department is one machine of speed
`capacity`, a job is `demand x duration` units of work that may be split and run at any rate, and
it cannot start before its dependency chain allows (its release day). A real schedule is such a
fluid schedule, and in it a job's end is its mean busy time plus half its duration. The weighted
mean busy time of a fluid schedule is least for the preemptive rule "always run the released job
with the most weight per unit of work" (Goemans 1997), so

    sum of weight x end >= sum over departments of that rule's weighted mean busy time
                           + sum of weight x duration / 2.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping

from ccpa_readiness.roadmap.jobs import Job, earliest_ends


def _mean_busy_bound(jobs: list[Job], capacity: int, release: Mapping[str, int]) -> float:
    """The preemptive highest-density-first fluid schedule's weighted mean busy time."""
    pending = sorted(jobs, key=lambda j: (release[j.id], j.id))
    remaining = {job.id: job.demand * job.duration / capacity for job in jobs}
    density = {job.id: job.weight / remaining[job.id] for job in jobs}
    running: list[tuple[float, str]] = []
    total = 0.0
    now = 0.0
    index = 0
    while index < len(pending) or running:
        if not running:
            now = max(now, release[pending[index].id])
        while index < len(pending) and release[pending[index].id] <= now:
            heapq.heappush(running, (-density[pending[index].id], pending[index].id))
            index += 1
        _, job_id = running[0]
        until = now + remaining[job_id]
        if index < len(pending):
            until = min(until, release[pending[index].id])
        total += density[job_id] * (until - now) * (now + until) / 2
        remaining[job_id] -= until - now
        now = until
        if remaining[job_id] <= 1e-12:
            heapq.heappop(running)
    return total


def weighted_end_bound(jobs: list[Job], capacity: Mapping[str, int]) -> float:
    """A lower bound on sum of weight x end for any schedule of `jobs` within `capacity`."""
    ends = earliest_ends(jobs)
    release = {job.id: ends[job.id] - job.duration for job in jobs}
    by_department: dict[str, list[Job]] = {}
    for job in jobs:
        by_department.setdefault(job.department, []).append(job)
    busy = sum(
        _mean_busy_bound(members, capacity[department], release)
        for department, members in sorted(by_department.items())
        if capacity.get(department, 0) > 0
    )
    return busy + sum(job.weight * job.duration for job in jobs) / 2

"""The critical path of a schedule: the chains of work that end on the finish day with no slack.

A task ending on the finish day is critical. Going back from a critical task `v`, a task `u` that
ends the working day before `v` starts is critical when `v` had to wait for it: `u` is one of
`v`'s dependencies, or `u` is in `v`'s department and that department had no room left for `v`'s
crew on the day before `v` started. Delaying a critical task by a day delays the finish.
"""

from __future__ import annotations

from collections.abc import Mapping

from ccpa_readiness.roadmap.jobs import Job


def critical_tasks(jobs: list[Job], starts: Mapping[str, int], capacity: Mapping[str, int]) -> set[str]:
    if not jobs:
        return set()
    end = {job.id: starts[job.id] + job.duration for job in jobs}
    finish = max(end.values())
    usage: dict[tuple[str, int], int] = {}
    for job in jobs:
        for day in range(starts[job.id], end[job.id]):
            usage[job.department, day] = usage.get((job.department, day), 0) + job.demand
    ending_on: dict[int, list[Job]] = {}
    for job in jobs:
        ending_on.setdefault(end[job.id], []).append(job)

    def waited_for(before: Job, after: Job) -> bool:
        if before.id in after.depends_on:
            return True
        day = starts[after.id] - 1
        full = usage.get((after.department, day), 0) + after.demand > capacity.get(after.department, 0)
        return before.department == after.department and full

    critical = {job.id for job in ending_on[finish]}
    pending = [job for job in jobs if job.id in critical]
    while pending:
        after = pending.pop()
        for before in ending_on.get(starts[after.id], []):
            if before.id not in critical and waited_for(before, after):
                critical.add(before.id)
                pending.append(before)
    return critical

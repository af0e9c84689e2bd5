"""The scheduling problem: jobs over working-day indexes, their department's capacity, the deadline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import networkx as nx


@dataclass(frozen=True)
class Job:
    id: str
    department: str
    duration: int
    demand: int  # capacity units the job uses on each of its working days
    weight: int
    depends_on: tuple[str, ...] = ()
    due: int | None = None  # the job ends (exclusive working-day index) by this day


@dataclass(frozen=True)
class ScheduleProblem:
    jobs: list[Job]
    capacity: Mapping[str, int]
    deadline: int | None = None  # working days available: every job ends (exclusive) by this index

    @cached_property
    def _horizon(self) -> int:
        serial = sum(job.duration for job in self.jobs)
        return serial if self.deadline is None else min(serial, self.deadline)

    def horizon(self) -> int:
        return self._horizon

    def latest_end(self, job: Job) -> int:
        return self._horizon if job.due is None else min(self._horizon, job.due)

    def without_due_dates(self) -> ScheduleProblem:
        return replace(self, jobs=[replace(j, due=None) for j in self.jobs])


def longest_chain(jobs: list[Job]) -> int:
    """Working days the longest dependency chain needs, whatever the capacity."""
    return max(earliest_ends(jobs).values(), default=0)


def earliest_ends(jobs: list[Job]) -> dict[str, int]:
    """Each job's earliest end from its dependency chain alone."""
    graph: nx.DiGraph = nx.DiGraph()
    for job in jobs:
        graph.add_node(job.id)
        for dependency in job.depends_on:
            graph.add_edge(dependency, job.id)
    durations = {job.id: job.duration for job in jobs}
    finish: dict[str, int] = {}
    for job_id in nx.lexicographical_topological_sort(graph):
        finish[job_id] = durations[job_id] + max((finish[d] for d in graph.predecessors(job_id)), default=0)
    return finish

"""A greedy list schedule: where the local search and the CP-SAT search start from.

Serial schedule generation: take the ready job (all its dependencies placed) with the highest
priority and start it on the earliest day its dependencies and its department's free capacity
allow (`ActivityList`, which the local search also uses). Several priority rules are tried;
the schedule with the least weighted sum of ends that keeps the deadline and the due days wins.
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


def priority_list(problem: ScheduleProblem, priority: Priority) -> list[int]:
    """The activity list of a priority rule: the ready job (every dependency listed) with the
    highest priority next; jobs by their index in `problem.jobs`."""
    position = {job.id: k for k, job in enumerate(problem.jobs)}
    waiting = [len(job.depends_on) for job in problem.jobs]
    successors: list[list[int]] = [[] for _ in problem.jobs]
    for k, job in enumerate(problem.jobs):
        for dependency in job.depends_on:
            successors[position[dependency]].append(k)
    ready = [(-priority(job), job.id, k) for k, job in enumerate(problem.jobs) if not job.depends_on]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, _, k = heapq.heappop(ready)
        order.append(k)
        for successor in successors[k]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                job = problem.jobs[successor]
                heapq.heappush(ready, (-priority(job), job.id, successor))
    return order


Cost = tuple[int, int]  # (days late past the deadline and due days, weighted sum of ends)


class ActivityList:
    """The serial schedule generation of an activity list (every job after its dependencies):
    each job in turn starts on the earliest day its dependencies and its department's free
    capacity allow. The list can be changed and placed again from a position on."""

    def __init__(self, problem: ScheduleProblem, order: list[int]) -> None:
        jobs = problem.jobs
        self.ids = [job.id for job in jobs]
        position = {job.id: k for k, job in enumerate(jobs)}
        departments = sorted({job.department for job in jobs})
        self.department = [departments.index(job.department) for job in jobs]
        self.duration = [job.duration for job in jobs]
        self.demand = [job.demand for job in jobs]
        self.weight = [job.weight for job in jobs]
        self.latest = [problem.latest_end(job) for job in jobs]
        self.before = [[position[d] for d in job.depends_on] for job in jobs]
        self.after: list[list[int]] = [[] for _ in jobs]
        for job, dependencies in enumerate(self.before):
            for dependency in dependencies:
                self.after[dependency].append(job)
        days = sum(self.duration) + max(self.duration, default=0) + 1
        self.free = [[problem.capacity.get(d, 0)] * days for d in departments]
        self.order = list(order)
        self.position = [0] * len(jobs)
        for k, job in enumerate(self.order):
            self.position[job] = k
        self.start = [0] * len(jobs)
        self.end = [0] * len(jobs)
        self.cost = self.place(0)

    def place(self, first: int) -> Cost:
        """Place the jobs of the list from position `first` on; the cost of their part."""
        late = total = 0
        start, end, free, before = self.start, self.end, self.free, self.before
        department, demand, duration, weight, latest = (
            self.department,
            self.demand,
            self.duration,
            self.weight,
            self.latest,
        )
        for job in self.order[first:]:
            day = 0
            for dependency in before[job]:
                if end[dependency] > day:
                    day = end[dependency]
            days, need = free[department[job]], demand[job]
            t, stop = day, day + duration[job]
            while t < stop:
                if days[t] >= need:
                    t += 1
                else:
                    day, stop, t = t + 1, stop + t + 1 - day, t + 1
            for t in range(day, stop):
                days[t] -= need
            start[job], end[job] = day, stop
            total += weight[job] * stop
            if stop > latest[job]:
                late += stop - latest[job]
        return late, total

    def lift(self, first: int) -> Cost:
        """Take the jobs of the list from position `first` on off the schedule; the cost of their part."""
        late = total = 0
        for job in self.order[first:]:
            days, need, stop = self.free[self.department[job]], self.demand[job], self.end[job]
            for t in range(self.start[job], stop):
                days[t] += need
            total += self.weight[job] * stop
            if stop > self.latest[job]:
                late += stop - self.latest[job]
        return late, total

    def put_back(self, first: int, starts: list[int]) -> None:
        """Put the jobs of the list from position `first` on back on the schedule on these days."""
        for job, day in zip(self.order[first:], starts, strict=True):
            days, need, stop = self.free[self.department[job]], self.demand[job], day + self.duration[job]
            for t in range(day, stop):
                days[t] -= need
            self.start[job], self.end[job] = day, stop

    def starts(self) -> dict[str, int]:
        return {self.ids[job]: self.start[job] for job in range(len(self.ids))}


def fits(problem: ScheduleProblem) -> bool:
    """Whether every job's demand is within its department's capacity (else no list places it)."""
    return all(job.demand <= problem.capacity.get(job.department, 0) for job in problem.jobs)


def weighted_sum(problem: ScheduleProblem, starts: Mapping[str, int]) -> int:
    """The objective: the sum of weight x end."""
    return sum(job.weight * (starts[job.id] + job.duration) for job in problem.jobs)


def lateness(problem: ScheduleProblem, starts: Mapping[str, int]) -> int:
    """Working days the jobs end past the deadline and their due days, added up."""
    return sum(max(0, starts[job.id] + job.duration - problem.latest_end(job)) for job in problem.jobs)


def keeps_dates(problem: ScheduleProblem, starts: Mapping[str, int]) -> bool:
    return lateness(problem, starts) == 0


def _ranked(order: list[str]) -> Priority:
    """Earlier in the order, higher priority."""
    rank = {job_id: position for position, job_id in enumerate(order)}
    return lambda job: -rank[job.id]


def list_schedule(problem: ScheduleProblem, orders: Sequence[list[str]] = ()) -> dict[str, int] | None:
    """The best greedy schedule (dates kept if any rule keeps them); None when a job cannot fit.

    `orders` are more priority rules, each a list of every job id, highest priority first."""
    if not problem.jobs or not fits(problem):
        return None
    rules = _rules(problem.jobs) + [_ranked(order) for order in orders]
    candidates = [ActivityList(problem, priority_list(problem, rule)).starts() for rule in rules]

    def cost(starts: Mapping[str, int]) -> tuple[bool, int]:
        return (not keeps_dates(problem, starts), weighted_sum(problem, starts))

    return min(candidates, key=cost)

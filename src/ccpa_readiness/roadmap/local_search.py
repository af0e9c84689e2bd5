"""Improve a list schedule by a local search over the order the jobs are placed in.

A schedule is the serial schedule generation of an activity list (every job after its
dependencies): each job in turn starts on the earliest day its dependencies and its department's
free capacity allow. A regular objective like the sum of weight x end has an optimal schedule of
that form, so searching over lists loses nothing. A move takes one job and inserts it elsewhere in
the list (never before a dependency or after a job that waits for it); only the jobs from the
first moved position on are placed again. A move is kept when the schedule is no worse (lateness
past the deadline and due days first, then the weighted sum of ends), so the search also walks
across plateaus of equal cost; after a run of moves without a better schedule it goes back to the
best one found.

Same inputs, same schedule: the moves come from a seeded generator and their number is fixed by
the number of jobs, never by the clock.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from ccpa_readiness.roadmap.greedy import ActivityList, Cost, lateness, weighted_sum
from ccpa_readiness.roadmap.jobs import ScheduleProblem

SEED = 2026
MOVES_PER_JOB = 12
MAX_MOVES = 6_000
REACH = 12  # a job moves at most this many places along the list
PATIENCE_PER_JOB = 2  # moves without a better schedule, per job, before going back to the best


@dataclass(frozen=True)
class Improved:
    starts: dict[str, int]
    cost: Cost
    moves: int  # moves tried: fixed by the number of jobs


def _window(lists: ActivityList, job: int) -> tuple[int, int]:
    """The positions the job may take: after its dependencies, before the jobs that wait for it."""
    low = max((lists.position[d] + 1 for d in lists.before[job]), default=0)
    high = min((lists.position[s] - 1 for s in lists.after[job]), default=len(lists.order) - 1)
    return low, high


def _try_move(lists: ActivityList, source: int, target: int) -> None:
    """Move the job at `source` to `target`; kept when the schedule is no worse, else undone."""
    first = min(source, target)
    old_order = lists.order[first:]
    old_starts = [lists.start[job] for job in old_order]
    old_late, old_total = lists.lift(first)
    lists.order.insert(target, lists.order.pop(source))
    new_late, new_total = lists.place(first)
    cost = (lists.cost[0] - old_late + new_late, lists.cost[1] - old_total + new_total)
    if cost <= lists.cost:
        lists.cost = cost
        for k in range(first, max(source, target) + 1):
            lists.position[lists.order[k]] = k
        return
    lists.lift(first)
    lists.order[first:] = old_order
    lists.put_back(first, old_starts)


def improve(problem: ScheduleProblem, starts: Mapping[str, int]) -> Improved:
    """A schedule no worse than the list of `starts` gives, by a fixed number of seeded moves."""
    order = sorted(range(len(problem.jobs)), key=lambda k: (starts[problem.jobs[k].id], k))
    lists = ActivityList(problem, order)
    rng = random.Random(SEED)
    moves = min(MAX_MOVES, MOVES_PER_JOB * len(order))
    patience = PATIENCE_PER_JOB * len(order)
    best_cost, best_order, stale = lists.cost, list(lists.order), 0
    for _ in range(moves if len(order) > 1 else 0):
        source = rng.randrange(len(order))
        low, high = _window(lists, lists.order[source])
        low, high = max(low, source - REACH), min(high, source + REACH)
        target = rng.randint(low, high)
        if target == source:
            continue
        _try_move(lists, source, target)
        if lists.cost < best_cost:
            best_cost, best_order, stale = lists.cost, list(lists.order), 0
        else:
            stale += 1
            if stale >= patience:
                lists = ActivityList(problem, best_order)
                stale = 0
    best = ActivityList(problem, best_order)
    given = (lateness(problem, starts), weighted_sum(problem, starts))
    if given <= best.cost:
        return Improved(starts=dict(starts), cost=given, moves=moves)
    return Improved(starts=best.starts(), cost=best.cost, moves=moves)

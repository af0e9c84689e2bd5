"""Improve a list schedule by a local search over the order the jobs are placed in.

A schedule is the serial schedule generation of an activity list (every job after its
dependencies): each job in turn starts on the earliest day its dependencies and its department's
free capacity allow. A regular objective like the sum of weight x end has an optimal schedule of
that form, so searching over lists loses nothing. A move takes one job and inserts it elsewhere in
the list (never before a dependency or after a job that waits for it); only the jobs from the
first moved position on are placed again. A move is kept when the schedule is no worse (lateness
past the deadline and due days first, then the weighted sum of ends), so the search also walks
across plateaus of equal cost and its last schedule is its best.

Same inputs, same schedule: the moves come from a seeded generator, and their number is fixed by
the number of jobs and a count of the jobs placed again (the search's work), never by the clock.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

from ccpa_readiness.roadmap.greedy import ActivityList, Cost, lateness, weighted_sum
from ccpa_readiness.roadmap.jobs import ScheduleProblem

SEED = 2026
MOVES_PER_JOB = 12
# The work of the search: jobs placed again, added up over the moves. A move costs about as many
# placements as the list is long after it, so on large plans this, not MOVES_PER_JOB, ends it.
MAX_PLACEMENTS = 600_000
REACH = 12  # every other move takes a job at most this many places along the list; the rest anywhere


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
    """A schedule no worse than `starts`, by a fixed amount of seeded moves."""
    count = len(problem.jobs)
    lists = ActivityList(problem, sorted(range(count), key=lambda k: (starts[problem.jobs[k].id], k)))
    rng = random.Random(SEED)
    moves = placements = 0
    while count > 1 and moves < MOVES_PER_JOB * count and placements < MAX_PLACEMENTS:
        moves += 1
        source = rng.randrange(count)
        low, high = _window(lists, lists.order[source])
        if moves % 2:
            low, high = max(low, source - REACH), min(high, source + REACH)
        target = rng.randint(low, high)
        if target == source:
            continue
        placements += count - min(source, target)
        _try_move(lists, source, target)
    given = (lateness(problem, starts), weighted_sum(problem, starts))
    if given <= lists.cost:  # the list of `starts` may place some jobs later than `starts` do
        return Improved(starts=dict(starts), cost=given, moves=moves)
    return Improved(starts=lists.starts(), cost=lists.cost, moves=moves)

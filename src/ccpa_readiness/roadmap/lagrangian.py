"""A Lagrangian lower bound on the weighted sum of ends, and the start orders it suggests.

Relax the schedule's coupling constraints with prices: each department's capacity on each working
day gets a price lambda >= 0, each dependency (successor starts after its predecessor ends) a price
mu >= 0. With prices, every job on its own picks the start within its window (from its dependency
chain's head to the latest start its due day, its deadline and its successors' due days allow)
that costs least: weight x end + the prices of the capacity it uses + the dependency prices on its
start. The sum of those least costs, minus the prices of the capacity available, minus the
dependency prices' slack, is no more than any real schedule's weighted sum of ends, whatever
prices are chosen (weak duality). Subgradient steps raise the prices where the jobs' choices
overload a department or break a dependency; the best bound of a fixed number of steps is kept.
At its best this bound equals the LP relaxation of the time-indexed model (one 0-1 variable per
job and start day), which is far stronger on capacity-bound plans than the fluid bound of
`bounds.py`, at a small part of an LP solver's time.

The jobs' chosen starts also make a priority order for the greedy list schedule (Lagrangian list
scheduling, after Moehring, Schulz, Stork and Uetz 2003): earlier chosen start, higher priority.

Pure arithmetic over a fixed number of steps, on grids that make every sum exact: the same inputs
give the same bound and orders, on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from ccpa_readiness.roadmap.jobs import ScheduleProblem, earliest_ends

STEPS = 500
PATIENCE = 20  # steps without a better bound before the step size is halved
FIRST_STEP = 2.0
DEFLECTION = 0.8  # each step's direction keeps this share of the last (deflected subgradient)
ORDERS = 40  # start orders kept for the list schedule: the last steps' distinct ones
# Prices and step directions are kept on grids of powers of two: every sum of them is then exact
# in floating point, whatever order a machine adds in, so the starts chosen (ties included), the
# bound and the orders are the same on every machine.
PRICE_GRID = 2.0**16
DIRECTION_GRID = 2.0**8
# The relaxation's table has one cell per job and start day: beyond this it is not worth its time
# (the fluid bound of bounds.py stands alone).
MAX_CELLS = 2_000_000

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Relaxation:
    bound: float
    orders: list[list[str]]  # job ids, highest priority first


def latest_ends(problem: ScheduleProblem) -> dict[str, int]:
    """Each job's latest end: its own due day and deadline, and its successors' latest starts."""
    graph: nx.DiGraph = nx.DiGraph()
    for job in problem.jobs:
        graph.add_node(job.id)
        for dependency in job.depends_on:
            graph.add_edge(dependency, job.id)
    by_id = {job.id: job for job in problem.jobs}
    latest: dict[str, int] = {}
    for job_id in reversed(list(nx.lexicographical_topological_sort(graph))):
        successors = [latest[s] - by_id[s].duration for s in graph.successors(job_id)]
        latest[job_id] = min([problem.latest_end(by_id[job_id]), *successors])
    return latest


def lagrangian_relaxation(problem: ScheduleProblem, upper: float) -> Relaxation | None:
    """The bound and start orders; None when a job's window is empty or the table too large.

    `upper` is the weighted sum of ends of a known schedule: it sizes the subgradient steps."""
    jobs = problem.jobs
    heads = earliest_ends(jobs)
    tails = latest_ends(problem)
    first = np.array([heads[j.id] - j.duration for j in jobs], dtype=np.int64)
    last = np.array([tails[j.id] - j.duration for j in jobs], dtype=np.int64)
    if not jobs or np.any(last < first):
        return None
    horizon = int(max(tails.values()))
    if len(jobs) * (horizon + 1) > MAX_CELLS:
        return None
    departments = sorted({j.department for j in jobs})
    if any(problem.capacity.get(d, 0) <= 0 for d in departments):
        return None
    index = {d: k for k, d in enumerate(departments)}
    position = {j.id: k for k, j in enumerate(jobs)}
    department = np.array([index[j.department] for j in jobs], dtype=np.int64)
    duration = np.array([j.duration for j in jobs], dtype=np.int64)
    demand = np.array([j.demand for j in jobs], dtype=np.float64)
    weight = np.array([j.weight for j in jobs], dtype=np.float64)
    capacity = np.array([problem.capacity[d] for d in departments], dtype=np.float64)
    edges = [(position[d], position[j.id]) for j in jobs for d in j.depends_on]
    before = np.array([e[0] for e in edges], dtype=np.int64)
    after = np.array([e[1] for e in edges], dtype=np.int64)

    days = np.arange(horizon + 1, dtype=np.int64)
    outside = (days[None, :] < first[:, None]) | (days[None, :] > last[:, None])
    ends = np.minimum(days[None, :] + duration[:, None], horizon)
    base = weight[:, None] * (days[None, :] + duration[:, None]).astype(np.float64)

    prices = np.zeros((len(departments), horizon), dtype=np.float64)
    links = np.zeros(len(edges), dtype=np.float64)
    best = -np.inf
    history: list[Ints] = []
    step, stale = FIRST_STEP, 0
    overload_before = np.zeros((len(departments), horizon), dtype=np.float64)
    slack_before = np.zeros(len(edges), dtype=np.float64)
    for _ in range(STEPS):
        cumulative = np.zeros((len(departments), horizon + 1), dtype=np.float64)
        np.cumsum(prices, axis=1, out=cumulative[:, 1:])
        rows = cumulative[department]
        used = np.take_along_axis(rows, ends, axis=1) - rows[:, : horizon + 1]
        shift = np.zeros(len(jobs), dtype=np.float64)
        np.add.at(shift, before, links)
        np.add.at(shift, after, -links)
        cost = base + demand[:, None] * used + shift[:, None] * days[None, :]
        cost[outside] = np.inf
        starts = np.argmin(cost, axis=1)
        value = float(
            cost[np.arange(len(jobs)), starts].sum()
            + (links * duration[before]).sum()
            - (prices.sum(axis=1) * capacity).sum()
        )
        history.append(starts)
        if value > best + 1e-9:
            best, stale = value, 0
        else:
            stale += 1
            if stale >= PATIENCE:
                step, stale = step / 2, 0
        load = _load(starts, duration, department, demand, len(departments), horizon)
        overload = _on_grid(load - capacity[:, None] + DEFLECTION * overload_before, DIRECTION_GRID)
        slack = _on_grid(
            (starts[before] + duration[before] - starts[after]) + DEFLECTION * slack_before, DIRECTION_GRID
        )
        overload_before, slack_before = overload, slack
        norm = float((np.maximum(overload, -prices) ** 2).sum() + (np.maximum(slack, -links) ** 2).sum())
        if norm == 0 or upper <= value:
            break
        size = step * (upper - value) / norm
        prices = _on_grid(np.maximum(0.0, prices + size * overload), PRICE_GRID)
        links = _on_grid(np.maximum(0.0, links + size * slack), PRICE_GRID)
    ids = [job.id for job in jobs]
    orders: list[list[str]] = []
    for starts in reversed(history):
        order = _order(ids, starts)
        if order not in orders:
            orders.append(order)
        if len(orders) == ORDERS:
            break
    return Relaxation(bound=best, orders=orders)


def _on_grid(values: Floats, grid: float) -> Floats:
    """Rounded to multiples of 1 / grid (a power of two), so that sums of them are exact."""
    return np.round(values * grid) / grid


def _order(ids: list[str], starts: Ints) -> list[str]:
    return [ids[k] for k in sorted(range(len(ids)), key=lambda k: (int(starts[k]), ids[k]))]


def _load(
    starts: Ints, duration: Ints, department: Ints, demand: Floats, departments: int, horizon: int
) -> Floats:
    """Each department's demand on each day when every job starts on its chosen day."""
    change = np.zeros((departments, horizon + 1), dtype=np.float64)
    np.add.at(change, (department, starts), demand)
    np.add.at(change, (department, np.minimum(starts + duration, horizon)), -demand)
    return np.cumsum(change, axis=1)[:, :horizon]

"""The budget: effort x day rate per department, plus the playbooks' tool and vendor costs.

Every amount is a range (low, expected, high): labour from the low, middle and high of the effort
range, one-off and recurring costs from the catalog's ranges (expected = their middle). By month,
a task's labour is spread evenly over its working days and its one-off cost falls in its first
month. Recurring costs are per year and stay out of the one-off totals.

The total is split into remediation (closing gaps and partials) and confirmation (finding out what
the unknown findings lack); the contingent cost "if every unknown turns out to be a gap" (the
remediation those findings' playbooks would add) is its own range, outside the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ccpa_readiness.catalog.models import CostRange, Phase
from ccpa_readiness.roadmap.models import Budget, Money, PlannedTask, RoadmapTask
from ccpa_readiness.vocabulary import Department


def cost_range(costs: CostRange | None) -> Money:
    if costs is None:
        return Money()
    return Money(low=costs.low, expected=(costs.low + costs.high) / 2, high=costs.high)


def labour_cost(task: RoadmapTask, day_rate_usd: float) -> Money:
    return Money(
        low=task.effort.low * day_rate_usd,
        expected=task.effort.expected * day_rate_usd,
        high=task.effort.high * day_rate_usd,
    )


def task_cost(task: RoadmapTask, day_rate_usd: float) -> Money:
    """Labour plus one-off costs: the `cost` of a planned task."""
    return (labour_cost(task, day_rate_usd) + cost_range(task.one_off_cost_usd)).rounded()


def _scaled(money: Money, share: float) -> Money:
    return Money(low=money.low * share, expected=money.expected * share, high=money.high * share)


def _sum(amounts: list[Money]) -> Money:
    total = Money()
    for amount in amounts:
        total += amount
    return total.rounded()


def build_budget(
    tasks: list[PlannedTask],
    working_days: list[dt.date],
    day_rates: Mapping[Department, float],
    available_usd: float | None = None,
    contingent: list[RoadmapTask] | None = None,
) -> Budget:
    """The budget of the planned tasks; `contingent` are the tasks the unknowns would add as gaps."""
    contingent = contingent or []
    labour = one_off = recurring = Money()
    by_department: dict[Department, Money] = {}
    by_phase: dict[Phase, Money] = {}
    by_month: dict[str, Money] = {}
    for task in tasks:
        task_labour = labour_cost(task, day_rates.get(task.department, 0.0))
        task_one_off = cost_range(task.one_off_cost_usd)
        labour += task_labour
        one_off += task_one_off
        recurring += cost_range(task.recurring_cost_usd_per_year)
        by_department[task.department] = by_department.get(task.department, Money()) + task.cost
        by_phase[task.phase] = by_phase.get(task.phase, Money()) + task.cost
        days = [day for day in working_days if task.start <= day <= task.end]
        for day in days:
            month = f"{day:%Y-%m}"
            by_month[month] = by_month.get(month, Money()) + _scaled(task_labour, 1 / len(days))
        first_month = f"{task.start:%Y-%m}"
        by_month[first_month] = by_month.get(first_month, Money()) + task_one_off
    return Budget(
        remediation=_sum([t.cost for t in tasks if t.kind == "remediation"]),
        confirmation=_sum([t.cost for t in tasks if t.kind == "confirmation"]),
        if_unknowns_are_gaps=_sum([task_cost(t, day_rates.get(t.department, 0.0)) for t in contingent]),
        contingent_task_ids=sorted(t.id for t in contingent),
        labour=labour.rounded(),
        one_off=one_off.rounded(),
        total=(labour + one_off).rounded(),
        recurring_per_year=recurring.rounded(),
        by_department={d: m.rounded() for d, m in sorted(by_department.items())},
        by_phase={p: m.rounded() for p, m in sorted(by_phase.items())},
        by_month={month: m.rounded() for month, m in sorted(by_month.items())},
        day_rates_usd=dict(sorted(day_rates.items())),
        available_usd=available_usd,
    )

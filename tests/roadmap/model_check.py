"""Check a roadmap.json against the schedule model, from the file alone.

The model: a task lasts ceil(effort_days / rate) working days; on every working day the rates of a
department's running tasks (person-days per working day) add up to no more than its capacity;
a task starts after its dependencies end and ends by its due date, unless no staffing could (its
dependency chain cannot end by then from the plan's first working day); the verdict follows the dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from functools import cache
from typing import Any

import holidays


def model_violations(data: dict[str, Any]) -> list[str]:
    """Every way the schedule in `data` breaks the model; empty when it satisfies it."""
    problems: list[str] = []
    days = [dt.date.fromisoformat(d) for d in data["working_days"]]
    index = {day: i for i, day in enumerate(days)}
    public = holidays.country_holidays("US", years={d.year for d in days})
    problems += [f"{d} is not a working day" for d in days if d.weekday() >= 5 or d in public]
    tasks = {t["id"]: t for t in data["tasks"]}

    @cache
    def chain_end(task_id: str) -> int:
        """Working days the task's dependency chain needs before it can end, whatever the staffing."""
        task = tasks[task_id]
        return int(task["duration_days"]) + max((chain_end(d) for d in task["depends_on"]), default=0)

    usage: dict[tuple[str, int], float] = {}
    for task in tasks.values():
        start, end = dt.date.fromisoformat(task["start"]), dt.date.fromisoformat(task["end"])
        if start not in index or end not in index:
            problems.append(f"{task['id']}: start or end is not a working day")
            continue
        length = index[end] - index[start] + 1
        if length != task["duration_days"] or length != max(
            1, math.ceil(task["effort_days"] / task["rate"] - 1e-9)
        ):
            problems.append(f"{task['id']}: {length} working days for {task['effort_days']} / {task['rate']}")
        if task["rate"] <= 0 or task["rate"] > task["crew"]:
            problems.append(f"{task['id']}: rate {task['rate']} for a crew of {task['crew']}")
        for day in range(index[start], index[end] + 1):
            usage[task["department"], day] = usage.get((task["department"], day), 0) + task["rate"]
        due = dt.date.fromisoformat(task["due_date"]) if task.get("due_date") else None
        reachable = due is not None and bisect.bisect_right(days, due) >= chain_end(task["id"])
        if due is not None and reachable and data["feasible"] and end > due:
            problems.append(f"{task['id']} ends after its due date")
        for dependency in task["depends_on"]:
            if dt.date.fromisoformat(tasks[dependency]["end"]) >= start:
                problems.append(f"{task['id']} starts before {dependency} ends")
        if data["feasible"] and data["deadline"] and end > dt.date.fromisoformat(data["deadline"]):
            problems.append(f"{task['id']} ends after the deadline")
    for (department, day), rates in sorted(usage.items()):
        if rates > data["capacity"].get(department, 0) + 1e-9:
            problems.append(f"{department} uses {rates:g} person-days on {days[day]}")
    problems += _verdict_violations(data, tasks)
    return problems


def _verdict_violations(data: dict[str, Any], tasks: dict[str, Any]) -> list[str]:
    """The headline says "NOT met" exactly when the last task ends after the deadline."""
    if not data["deadline"] or not tasks:
        return []
    finish = max(t["end"] for t in tasks.values())  # ISO dates compare as text
    late = finish > data["deadline"]
    if finish != data["finish"]:
        return [f"finish {data['finish']} is not the last end {finish}"]
    if late != ("NOT met" in data["verdict"]):
        return [f"verdict {data['verdict']!r} for a finish {finish} and deadline {data['deadline']}"]
    if data["feasible"] and late:
        return ["feasible, yet a task ends after the deadline"]
    return []

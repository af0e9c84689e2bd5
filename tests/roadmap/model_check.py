"""Check a roadmap.json against the schedule model, from the file alone."""

from __future__ import annotations

import datetime as dt
import math
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
    usage: dict[tuple[str, int], int] = {}
    for task in tasks.values():
        start, end = dt.date.fromisoformat(task["start"]), dt.date.fromisoformat(task["end"])
        if start not in index or end not in index:
            problems.append(f"{task['id']}: start or end is not a working day")
            continue
        length = index[end] - index[start] + 1
        if length != max(1, math.ceil(task["effort_days"] / task["crew"] - 1e-9)):
            problems.append(f"{task['id']}: {length} working days for {task['effort_days']} / {task['crew']}")
        for day in range(index[start], index[end] + 1):
            usage[task["department"], day] = usage.get((task["department"], day), 0) + task["crew"]
        for dependency in task["depends_on"]:
            if dt.date.fromisoformat(tasks[dependency]["end"]) >= start:
                problems.append(f"{task['id']} starts before {dependency} ends")
        if data["feasible"] and data["deadline"] and end > dt.date.fromisoformat(data["deadline"]):
            problems.append(f"{task['id']} ends after the deadline")
    for (department, day), crews in sorted(usage.items()):
        if crews > data["capacity"].get(department, 0):
            problems.append(f"{department} uses {crews} people on {days[day]}")
    return problems

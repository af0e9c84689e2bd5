"""The roadmap as a Gantt chart: bar geometry for an inline SVG (the template draws it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ccpa_readiness.review.inputs import Roadmap
from ccpa_readiness.vocabulary import Department

LABEL_WIDTH = 230  # task ids are slugs of up to ~35 characters
CHART_WIDTH = 760
ROW_HEIGHT = 24
BAR_HEIGHT = 16
AXIS_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    task_id: str
    title: str
    department: str
    colour: int
    critical: bool
    x: float
    y: float
    width: float
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    deadline_x: float
    axis_y: int


def colour_of(department: str) -> int:
    """A stable colour index per department (the CSS has one class per index)."""
    names = [d.value for d in Department]
    return names.index(department) if department in names else len(names)


def chart(roadmap: Roadmap) -> Chart:
    tasks = sorted(roadmap.tasks, key=lambda t: (colour_of(t.department), t.department, t.start, t.id))
    first = min([roadmap.start, *(t.start for t in tasks)])
    last = max([roadmap.deadline, *(t.end for t in tasks)])
    days = max((last - first).days + 1, 1)
    scale = CHART_WIDTH / days

    def x_of(day: dt.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    bars = [
        Bar(
            task_id=task.id,
            title=task.title,
            department=task.department,
            colour=colour_of(task.department),
            critical=task.critical,
            x=x_of(task.start),
            y=AXIS_HEIGHT + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
            width=max(round(((task.end - task.start).days + 1) * scale, 1), 2.0),
            label=f"{task.id} {task.title} ({task.department}): {task.start} to {task.end}"
            + (", critical" if task.critical else ""),
        )
        for row, task in enumerate(tasks)
    ]
    ticks = [Tick(x_of(month), month.strftime("%b %Y")) for month in _month_starts(first, last)]
    return Chart(
        width=LABEL_WIDTH + CHART_WIDTH + 10,
        height=AXIS_HEIGHT + max(len(tasks), 1) * ROW_HEIGHT + 4,
        bars=bars,
        ticks=ticks,
        deadline_x=x_of(roadmap.deadline),
        axis_y=AXIS_HEIGHT,
    )


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    month = first.replace(day=1)
    starts = []
    while month <= last:
        if month >= first:
            starts.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return starts

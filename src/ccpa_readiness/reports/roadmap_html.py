"""The roadmap's part of report.html: a Gantt chart and budget charts as inline SVG, no scripts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from ccpa_readiness.roadmap.models import Money, Roadmap
from ccpa_readiness.vocabulary import Department

COLOURS = {
    Department.legal: "#7b1fa2",
    Department.privacy: "#1a73e8",
    Department.it: "#188038",
    Department.security: "#e37400",
    Department.operations: "#0097a7",
    Department.training_hr: "#c2185b",
    Department.vendor_management: "#5f6368",
}
LABEL_WIDTH = 330
CHART_WIDTH = 720
ROW_HEIGHT = 14
AXIS_HEIGHT = 24
TITLE_CHARACTERS = 52
BAR_CHART_HEIGHT = 160

_environment = Environment(
    loader=PackageLoader("ccpa_readiness.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class GanttBar:
    y: float
    x: float
    width: float
    label: str
    tooltip: str
    colour: str
    critical: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class AmountBar:
    label: str
    x: float
    y: float
    width: float
    height: float
    low: float  # whisker ends, in the bar's axis
    high: float
    amount: str


@dataclass(frozen=True)
class Gantt:
    width: int
    height: int
    bars: list[GanttBar]
    ticks: list[Tick]
    deadline_x: float | None


def _shortened(title: str) -> str:
    return title if len(title) <= TITLE_CHARACTERS else title[: TITLE_CHARACTERS - 1] + "…"


def _gantt(roadmap: Roadmap) -> Gantt:
    tasks = sorted(roadmap.tasks, key=lambda t: (t.start, t.id))
    last = max(d for d in (roadmap.finish, roadmap.deadline, roadmap.start) if d is not None)
    span = (last - roadmap.start).days + 1

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + CHART_WIDTH * (day - roadmap.start).days / span, 1)

    bars = [
        GanttBar(
            y=AXIS_HEIGHT + index * ROW_HEIGHT,
            x=x(task.start),
            width=max(2.0, round(x(task.end + dt.timedelta(days=1)) - x(task.start), 1)),
            label=task.title
            if len(task.title) <= TITLE_CHARACTERS
            else task.title[: TITLE_CHARACTERS - 1] + "…",
            tooltip=f"{task.title} ({task.department.value}): {task.start} to {task.end}"
            + (", critical path" if task.critical else ""),
            colour=COLOURS[task.department],
            critical=task.critical,
        )
        for index, task in enumerate(tasks)
    ]
    month = dt.date(roadmap.start.year, roadmap.start.month, 1)
    ticks = []
    while month <= last:
        if month >= roadmap.start:
            ticks.append(Tick(x=x(month), label=f"{month:%b %Y}"))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return Gantt(
        width=LABEL_WIDTH + CHART_WIDTH + 10,
        height=AXIS_HEIGHT + ROW_HEIGHT * len(tasks) + 6,
        bars=bars,
        ticks=ticks,
        deadline_x=x(roadmap.deadline) if roadmap.deadline else None,
    )


def _horizontal_bars(
    amounts: list[tuple[str, Money]], width: int = 520, label_width: int = 150
) -> list[AmountBar]:
    top = max((money.high for _, money in amounts), default=0) or 1
    scale = (width - label_width - 90) / top
    return [
        AmountBar(
            label=label,
            x=label_width,
            y=index * 22,
            width=round(money.expected * scale, 1),
            height=14,
            low=round(label_width + money.low * scale, 1),
            high=round(label_width + money.high * scale, 1),
            amount=f"${money.expected:,.0f}",
        )
        for index, (label, money) in enumerate(amounts)
    ]


def _vertical_bars(amounts: list[tuple[str, Money]], width: int = 720) -> list[AmountBar]:
    top = max((money.expected for _, money in amounts), default=0) or 1
    step = width / max(1, len(amounts))
    scale = (BAR_CHART_HEIGHT - 20) / top
    return [
        AmountBar(
            label=label,
            x=round(index * step + step * 0.15, 1),
            y=round(BAR_CHART_HEIGHT - money.expected * scale, 1),
            width=round(step * 0.7, 1),
            height=round(money.expected * scale, 1),
            low=0,
            high=0,
            amount=f"${money.expected / 1000:,.0f}k",
        )
        for index, (label, money) in enumerate(amounts)
    ]


def render_roadmap_error(message: str) -> str:
    """The Roadmap section when no roadmap could be built reproducibly: the error, no plan."""
    return _environment.get_template("roadmap_error.html.j2").render(message=message)


def render_roadmap_section(roadmap: Roadmap) -> str:
    """An HTML `<section>` for report.html: summary, Gantt chart, budget by department and by month."""
    by_department = [(d.value, m) for d, m in roadmap.budget.by_department.items()]
    by_month = list(roadmap.budget.by_month.items())
    departments = {task.department for task in roadmap.tasks}
    return _environment.get_template("roadmap_section.html.j2").render(
        r=roadmap,
        gantt=_gantt(roadmap),
        colours={d.value: colour for d, colour in COLOURS.items() if d in departments},
        department_bars=_horizontal_bars(by_department),
        month_bars=_vertical_bars(by_month),
        month_chart_height=BAR_CHART_HEIGHT,
        row_height=ROW_HEIGHT,
        axis_height=AXIS_HEIGHT,
        label_width=LABEL_WIDTH,
    )

"""The roadmap as a Gantt chart: one row per task, month labels, the axis to the later of the plan's
finish and the deadline, the deadline as a line. The report and the review app draw it the same way.

Readable when printed: every label is at least `FONT_SIZE` points and the figure grows with the
number of tasks; `gantt_pages` splits a long plan into charts that each fit a printed page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from ccpa_readiness.reports.charts.canvas import FONT_SIZE, render_svg
from ccpa_readiness.reports.charts.palette import (
    CRITICAL,
    DEADLINE,
    GRID,
    MUTED,
    department_colour,
    department_index,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN = 7.2  # fits Letter and A4 with half-inch margins
ROW_IN = 0.2  # one task row: room for an 8 pt label
LABEL_SLACK = 1.08  # room for a browser's font a little wider than the one matplotlib measures
RIGHT_IN = 0.15
TOP_IN = 0.42  # month labels (two lines) above the bars
BOTTOM_IN = 0.95  # month labels below, then the legend
ROWS_PER_PAGE = 38  # rows that fit a printed page with the frame
TITLE_CHARACTERS = 48
MARGIN_DAYS = 3


class ScheduledTask(Protocol):
    """What a Gantt row needs of a task (the roadmap's and the review app's tasks both have it)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def critical(self) -> bool: ...


class Schedule(Protocol):
    """What the chart needs of a roadmap."""

    @property
    def start(self) -> dt.date: ...
    @property
    def deadline(self) -> dt.date | None: ...
    @property
    def finish(self) -> dt.date | None: ...
    @property
    def tasks(self) -> Sequence[ScheduledTask]: ...


def ordered_tasks(schedule: Schedule) -> list[ScheduledTask]:
    """The chart's rows, top to bottom: by start, then id."""
    return sorted(schedule.tasks, key=lambda t: (t.start, t.id))


def axis_range(schedule: Schedule) -> tuple[dt.date, dt.date]:
    """First and last day the axis shows: the plan's start to the later of its finish, its last task
    and the deadline."""
    first = min([schedule.start, *(t.start for t in schedule.tasks)])
    ends = [t.end for t in schedule.tasks]
    last = max(d for d in (schedule.finish, schedule.deadline, first, *ends) if d is not None)
    return first, last


def short_title(title: str) -> str:
    return title if len(title) <= TITLE_CHARACTERS else title[: TITLE_CHARACTERS - 1] + "…"


def gantt_svg(
    schedule: Schedule,
    link: Callable[[ScheduledTask], str] | None = None,
    tasks: Sequence[ScheduledTask] | None = None,
) -> str:
    """The Gantt chart as inline SVG; `link` gives each bar and label a URL (the review app's task
    pages); `tasks` draws only those rows (on the whole plan's axis), as `gantt_pages` does."""
    rows = ordered_tasks(schedule) if tasks is None else list(tasks)
    first, last = axis_range(schedule)
    label = (
        f"Gantt chart of {len(rows)} tasks from {schedule.start}"
        + (f" to the finish {schedule.finish}" if schedule.finish else "")
        + (f"; deadline {schedule.deadline}" if schedule.deadline else "")
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        _bars(axes, rows, link, first, last)
        _time_axis(axes, first, last)
        _markers(axes, schedule, first)
        _legend(figure, axes, rows, schedule)

    height = TOP_IN + BOTTOM_IN + ROW_IN * max(len(rows), 1)

    def draw_in_margins(figure: Figure) -> None:
        figure.subplots_adjust(
            left=_labels_width_in(rows) / WIDTH_IN,
            right=1 - RIGHT_IN / WIDTH_IN,
            top=1 - TOP_IN / height,
            bottom=BOTTOM_IN / height,
        )
        draw(figure)

    return render_svg(draw_in_margins, WIDTH_IN, height, label, "gantt", constrained=False)


def gantt_pages(schedule: Schedule, rows_per_page: int = ROWS_PER_PAGE) -> list[str]:
    """The Gantt chart in parts of at most `rows_per_page` rows, each on the same axis, for print."""
    rows = ordered_tasks(schedule)
    parts = [rows[i : i + rows_per_page] for i in range(0, len(rows), rows_per_page)] or [[]]
    return [gantt_svg(schedule, tasks=part) for part in parts]


def _labels_width_in(rows: Sequence[ScheduledTask]) -> float:
    """The task titles' column: the widest title at `FONT_SIZE` points, measured, plus slack."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure, font = TextToPath(), FontProperties(size=FONT_SIZE)
    widths = [
        measure.get_text_width_height_descent(short_title(t.title), font, ismath=False)[0] for t in rows
    ]
    return min(max(widths, default=0) * LABEL_SLACK / 72 + 0.12, WIDTH_IN * 0.5)


def _bars(
    axes: Axes,
    rows: list[ScheduledTask],
    link: Callable[[ScheduledTask], str] | None,
    first: dt.date,
    last: dt.date,
) -> None:
    span = (last - first).days + 1
    for row, task in enumerate(rows):
        start = (task.start - first).days
        days = (task.end - task.start).days + 1
        (bar,) = axes.barh(
            row,
            days,
            left=start,
            height=0.62,
            color=department_colour(task.department),
            edgecolor=CRITICAL if task.critical else "none",
            linewidth=1.2 if task.critical else 0,
        )
        bar.set_gid(f"task-{task.id}")
        late = start + days > 0.75 * span  # the dates go left of a bar that ends near the edge
        axes.annotate(
            f"{task.start.day} {task.start:%b} – {task.end.day} {task.end:%b}",
            (start if late else start + days, row),
            xytext=(-3 if late else 3, 0),
            textcoords="offset points",
            ha="right" if late else "left",
            va="center",
            color=MUTED,
            gid=f"dates-{task.id}",
        )
        if link is not None:
            bar.set_url(link(task))
    axes.set_yticks(range(len(rows)), [short_title(t.title) for t in rows])
    for text, task in zip(axes.get_yticklabels(), rows, strict=True):
        text.set_gid(f"label-{task.id}")
        if link is not None:
            text.set_url(link(task))
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.tick_params(axis="y", length=0)


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of the months in [first, last], every month up to a year, then every 2nd, 3rd..."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, -(-months // 12))
    starts, month = [], first.replace(day=1)
    while month <= last:
        if month >= first:
            starts.append(month)
        for _ in range(step):
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return starts


def _time_axis(axes: Axes, first: dt.date, last: dt.date) -> None:
    """Days since `first` along x, a label at each month start: `Feb`, with the year under the first
    month shown and under every January."""
    starts = month_starts(first, last)
    axes.set_xticks(
        [(month - first).days for month in starts],
        [
            f"{month:%b}\n{month:%Y}" if index == 0 or month.month == 1 else f"{month:%b}"
            for index, month in enumerate(starts)
        ],
    )
    axes.set_xlim(-1, (last - first).days + MARGIN_DAYS)
    axes.tick_params(axis="x", top=True, labeltop=True, labelsize=FONT_SIZE)
    axes.grid(axis="x", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    axes.patch.set_gid("plot-area")
    axes.spines[["left", "top", "right"]].set_visible(False)


def _markers(axes: Axes, schedule: Schedule, first: dt.date) -> None:
    if schedule.deadline is not None:
        x = (schedule.deadline - first).days
        axes.axvline(x, color=DEADLINE, linestyle="--", linewidth=1.4, gid="deadline")
    if schedule.finish is not None:
        x = (schedule.finish - first).days
        axes.axvline(x, color=MUTED, linestyle=":", linewidth=1.2, gid="finish")


def _legend(figure: Figure, axes: Axes, rows: list[ScheduledTask], schedule: Schedule) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    departments = sorted({t.department for t in rows}, key=lambda d: (department_index(d), d))
    handles: list[Patch | Line2D] = [Patch(color=department_colour(d), label=d) for d in departments]
    handles.append(Patch(facecolor="white", edgecolor=CRITICAL, linewidth=1.2, label="critical path"))
    if schedule.finish is not None:
        handles.append(Line2D([], [], color=MUTED, linestyle=":", label=f"finish {schedule.finish}"))
    if schedule.deadline is not None:
        handles.append(Line2D([], [], color=DEADLINE, linestyle="--", label=f"deadline {schedule.deadline}"))
    figure.legend(handles=handles, loc="lower center", ncols=4, frameon=False, borderaxespad=0.2)

"""The trend of readiness, coverage and open risk over all runs: an inline SVG, one point per run.

Readiness and coverage share the left axis (0-100); open risk (the summed risk scores of the open
findings) is drawn against its own largest value, named on the right. The report and the review
app's dashboard both use this chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ccpa_readiness.reports.html_report import render_fragment

WIDTH = 640
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 40, 60, 28, 36
SERIES = (("readiness", "#1a73e8"), ("coverage", "#188038"), ("open_risk", "#c5221f"))


@dataclass(frozen=True)
class TrendPoint:
    run: int
    as_of: str
    readiness: float | None
    coverage: float | None
    open_risk: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    dots: list[Dot]

    @property
    def path(self) -> str:
        return " ".join(f"{d.x},{d.y}" for d in self.dots)


def _lines(points: Sequence[TrendPoint]) -> tuple[list[Line], list[Dot], float]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(points) - 1)
    risk_top = max((p.open_risk for p in points), default=0) or 1

    def x(index: int) -> float:
        return round(LEFT + (plot_w / 2 if len(points) == 1 else index * step), 1)

    def y(value: float, top: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    lines = []
    for name, colour in SERIES:
        top = risk_top if name == "open_risk" else 100.0
        dots = []
        for index, point in enumerate(points):
            value = getattr(point, name)
            if value is not None:
                label = f"run {point.run} ({point.as_of}): {name.replace('_', ' ')} {value:g}"
                dots.append(Dot(x(index), y(float(value), top), label))
        lines.append(Line(name.replace("_", " "), colour, dots))
    axis = [Dot(x(i), HEIGHT - BOTTOM + 14, f"{p.run}") for i, p in enumerate(points)]
    return lines, axis, risk_top


def render_trend(points: Sequence[TrendPoint]) -> Markup:
    """The chart and, for screen readers, the same figures as a table."""
    lines, axis, risk_top = _lines(points)
    return render_fragment(
        "trend_chart.html.j2",
        points=points,
        lines=lines,
        axis=axis,
        risk_top=risk_top,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
    )

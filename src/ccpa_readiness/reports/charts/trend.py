"""The trend of readiness, coverage and open risk over the runs, one point per run.

Readiness and coverage share the left axis (0-100); open risk (the summed risk scores of the open
findings) has its own axis on the right. A run without a figure (coverage unknown) has no point.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ccpa_readiness.reports.charts.canvas import render_svg
from ccpa_readiness.reports.charts.palette import GRID

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SERIES = (("readiness", "#1a73e8"), ("coverage", "#188038"), ("open_risk", "#c5221f"))


class RunFigures(Protocol):
    @property
    def run(self) -> int: ...
    @property
    def as_of(self) -> str: ...
    @property
    def readiness(self) -> float | None: ...
    @property
    def coverage(self) -> float | None: ...
    @property
    def open_risk(self) -> float: ...


def _series(axes: Axes, points: Sequence[RunFigures], name: str, colour: str) -> None:
    drawn = [(p.run, getattr(p, name)) for p in points if getattr(p, name) is not None]
    title = name.replace("_", " ")
    axes.plot([r for r, _ in drawn], [v for _, v in drawn], color=colour, linewidth=2, label=title)
    for run, value in drawn:
        axes.plot([run], [value], "o", color=colour, markersize=5, gid=f"point-{name}-{run}")


def trend_svg(points: Sequence[RunFigures]) -> str:
    label = "Readiness, coverage and open risk per run: " + "; ".join(
        f"run {p.run} ({p.as_of}) readiness {p.readiness}, coverage {p.coverage}, open risk {p.open_risk:g}"
        for p in points
    )

    def draw(figure: Figure) -> None:
        scores = figure.add_subplot()
        risk = scores.twinx()
        for name, colour in SERIES:
            _series(risk if name == "open_risk" else scores, points, name, colour)
        scores.set_ylim(0, 105)
        scores.set_yticks([0, 50, 100])
        scores.set_ylabel("readiness, coverage (0-100)")
        risk.set_ylim(0, (max((p.open_risk for p in points), default=0) or 1) * 1.1)
        risk.set_ylabel("open risk", color=SERIES[2][1])
        risk.spines[["top"]].set_visible(False)
        runs = [p.run for p in points]
        scores.set_xticks(runs, [str(r) for r in runs])
        if len(runs) == 1:
            scores.set_xlim(runs[0] - 1, runs[0] + 1)
        scores.set_xlabel("run")
        scores.grid(axis="y", color=GRID, linewidth=0.6)
        handles = [*scores.get_legend_handles_labels()[0], *risk.get_legend_handles_labels()[0]]
        figure.legend(handles=handles, loc="outside upper left", ncols=3, frameon=False)

    return render_svg(draw, 6.4, 2.4, label, "trend")

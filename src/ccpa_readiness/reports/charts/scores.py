"""Scores per area: readiness (score) and coverage, 0-100, one pair of bars per area; "n/a" where
nothing in the area is decided."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ccpa_readiness.reports.charts.canvas import render_svg
from ccpa_readiness.reports.charts.palette import GRID, MUTED

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

AreaFigures = tuple[str, float | None, float | None]  # (area title, score, coverage)
SERIES = (("score", "#1a73e8", -0.19), ("coverage", "#7baaf7", 0.19))
WIDTH_IN = 7.2
ROW_IN = 0.42


def _bar(axes: Axes, row: int, value: float | None, name: str, colour: str, offset: float) -> None:
    y = row + offset
    if value is None:
        axes.text(1, y, f"{name} n/a", va="center", color=MUTED, gid=f"{name}-{row}")
        return
    (bar,) = axes.barh(y, value, height=0.36, color=colour)
    bar.set_gid(f"bar-{name}-{row}")
    axes.annotate(
        f"{value:g}", (value, y), xytext=(3, 0), textcoords="offset points", va="center", gid=f"{name}-{row}"
    )


def scores_svg(areas: Sequence[AreaFigures]) -> str:
    label = "Score and coverage per area (0-100): " + "; ".join(
        f"{title} score {'n/a' if score is None else f'{score:g}'}, "
        f"coverage {'n/a' if coverage is None else f'{coverage:g}'}"
        for title, score, coverage in areas
    )

    def draw(figure: Figure) -> None:
        from matplotlib.patches import Patch

        axes = figure.add_subplot()
        for row, (_, score, coverage) in enumerate(areas):
            for (name, colour, offset), value in zip(SERIES, (score, coverage), strict=True):
                _bar(axes, row, value, name, colour, offset)
        axes.set_yticks(range(len(areas)), [title for title, _, _ in areas])
        axes.set_ylim(len(areas) - 0.5, -0.5)
        axes.set_xlim(0, 108)
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.tick_params(axis="y", length=0)
        axes.spines[["top", "right"]].set_visible(False)
        figure.legend(
            handles=[Patch(color=colour, label=name) for name, colour, _ in SERIES],
            loc="outside lower center",
            ncols=2,
            frameon=False,
        )

    return render_svg(draw, WIDTH_IN, 0.7 + ROW_IN * max(len(areas), 1), label, "scores")

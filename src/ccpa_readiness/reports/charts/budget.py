"""Budget charts: the expected cost per department with its low-high range, and per month."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ccpa_readiness.reports.charts.canvas import render_svg
from ccpa_readiness.reports.charts.palette import CRITICAL, MUTED, department_colour

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_IN = 7.2
ROW_IN = 0.3
MONTHS_HEIGHT_IN = 2.6
BAR_COLOUR = "#4e79a7"


class Amount(Protocol):
    """An estimate with its range (the roadmap's and the review app's Money both have it)."""

    @property
    def low(self) -> float: ...
    @property
    def expected(self) -> float: ...
    @property
    def high(self) -> float: ...


def dollars(amount: float) -> str:
    return f"${amount:,.0f}"


def thousands(amount: float) -> str:
    return f"${amount / 1000:,.0f}k"


def budget_svg(amounts: Sequence[tuple[str, Amount]]) -> str:
    """Expected cost per department as bars, the low-high range as a whisker, the figure at its end."""
    label = "Budget by department, expected (range): " + "; ".join(
        f"{name} {dollars(m.expected)} ({dollars(m.low)} to {dollars(m.high)})" for name, m in amounts
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        for row, (name, money) in enumerate(amounts):
            (bar,) = axes.barh(row, money.expected, height=0.6, color=department_colour(name))
            bar.set_gid(f"bar-{row}")
            axes.plot([money.low, money.high], [row, row], color=CRITICAL, linewidth=1, gid=f"range-{row}")
            axes.annotate(
                dollars(money.expected),
                (max(money.high, money.expected), row),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                gid=f"amount-{row}",
            )
        axes.set_yticks(range(len(amounts)), [name for name, _ in amounts])
        axes.set_ylim(len(amounts) - 0.5, -0.5)
        top = max((max(m.high, m.expected) for _, m in amounts), default=0) or 1
        axes.set_xlim(0, top * 1.18)  # room for the figure after the longest whisker
        axes.xaxis.set_major_formatter(lambda value, _: thousands(value))
        axes.tick_params(axis="y", length=0)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xlabel("expected cost; the line spans low to high", color=MUTED)

    return render_svg(draw, WIDTH_IN, 0.8 + ROW_IN * max(len(amounts), 1), label, "budget")


def monthly_budget_svg(amounts: Sequence[tuple[str, Amount]]) -> str:
    """Expected cost per month (`YYYY-MM`) as columns, each with its figure."""
    label = "Budget by month, expected: " + "; ".join(
        f"{month} {dollars(m.expected)}" for month, m in amounts
    )

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        for column, (_, money) in enumerate(amounts):
            (bar,) = axes.bar(column, money.expected, width=0.7, color=BAR_COLOUR)
            bar.set_gid(f"bar-{column}")
            axes.annotate(
                thousands(money.expected),
                (column, money.expected),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                gid=f"amount-{column}",
            )
        axes.set_xticks(range(len(amounts)), [month for month, _ in amounts])
        top = max((m.expected for _, m in amounts), default=0) or 1
        axes.set_ylim(0, top * 1.15)
        axes.yaxis.set_major_formatter(lambda value, _: thousands(value))
        axes.spines[["top", "right"]].set_visible(False)
        if len(amounts) > 8:
            axes.tick_params(axis="x", labelrotation=45)

    return render_svg(draw, WIDTH_IN, MONTHS_HEIGHT_IN, label, "monthly-budget")

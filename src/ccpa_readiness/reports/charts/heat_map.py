"""The risk heat map: open findings counted per cell of severity (rows) x likelihood (columns).

The cells' shade is their risk (severity weight x likelihood); the count is printed in the cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ccpa_readiness.assess.models import Finding
from ccpa_readiness.catalog.models import Severity
from ccpa_readiness.reports.charts.canvas import render_svg

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Cell = tuple[str, int]  # (severity name, likelihood 0-3)
LIKELIHOODS = (1, 2, 3)  # an open finding's likelihood; 0 (met, not applicable) shown only if counted
LIKELIHOOD_NAMES = {0: "none", 1: "low", 2: "medium", 3: "high"}
# shade by risk = severity weight x likelihood (1-9); black text on each is above 4.5:1 contrast
SHADES = ((9, "#e8705a"), (6, "#f4a582"), (3, "#fddbc7"), (1, "#fdf3ec"), (0, "#f1f3f4"))


def risk_cells(findings: Iterable[Finding]) -> dict[Cell, int]:
    """Open findings (the ones assess ranks with a priority) per (severity, likelihood)."""
    counts = Counter((f.severity.value, f.risk.likelihood) for f in findings if f.priority is not None)
    return dict(sorted(counts.items()))


def shade(severity: str, likelihood: int) -> str:
    risk = Severity(severity).weight * likelihood
    return next(colour for bound, colour in SHADES if risk >= bound)


def heat_map_svg(counts: Mapping[Cell, int]) -> str:
    """The heat map of `counts` (as `risk_cells` returns) as inline SVG: every cell drawn, empty ones 0."""
    severities = [s.value for s in Severity]  # high first: the top row
    likelihoods = sorted({*LIKELIHOODS, *(likelihood for _, likelihood in counts)})
    total = sum(counts.values())

    def draw(figure: Figure) -> None:
        from matplotlib.patches import Rectangle

        axes = figure.add_subplot()
        for row, severity in enumerate(severities):
            for column, likelihood in enumerate(likelihoods):
                count = counts.get((severity, likelihood), 0)
                cell = Rectangle(
                    (column, row), 1, 1, facecolor=shade(severity, likelihood), edgecolor="white", linewidth=2
                )
                cell.set_gid(f"cell-{severity}-{likelihood}")
                axes.add_patch(cell)
                axes.text(
                    column + 0.5,
                    row + 0.5,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=14,
                    fontweight="bold" if count else "normal",
                    color="#202124" if count else "#5f6368",
                    gid=f"count-{severity}-{likelihood}",
                )
        axes.set_xlim(0, len(likelihoods))
        axes.set_ylim(len(severities), 0)
        axes.set_xticks(
            [c + 0.5 for c in range(len(likelihoods))],
            [f"{LIKELIHOOD_NAMES.get(v, v)} ({v})" for v in likelihoods],
        )
        axes.set_yticks([r + 0.5 for r in range(len(severities))], severities)
        axes.set_xlabel("likelihood")
        axes.set_ylabel("severity")
        axes.tick_params(length=0)
        axes.spines[:].set_visible(False)
        axes.set_title(f"{total} open findings by severity and likelihood", loc="left")

    label = f"Risk heat map: {total} open findings by severity and likelihood; " + "; ".join(
        f"{severity} severity, likelihood {likelihood}: {counts.get((severity, likelihood), 0)}"
        for severity in severities
        for likelihood in likelihoods
    )
    return render_svg(draw, 4.6, 2.9, label, "heat-map")

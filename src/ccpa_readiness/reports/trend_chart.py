"""The trend of readiness, coverage and open risk over all runs: the chart (`charts.trend_svg`) and,
for screen readers, the same figures as a table. The report and the review app's dashboard both use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ccpa_readiness.reports.charts import trend_svg
from ccpa_readiness.reports.html_report import render_fragment


@dataclass(frozen=True)
class TrendPoint:
    run: int
    as_of: str
    readiness: float | None
    coverage: float | None
    open_risk: float


def render_trend(points: Sequence[TrendPoint]) -> Markup:
    """The chart and the same figures as a table."""
    return render_fragment("trend_chart.html.j2", points=points, chart=Markup(trend_svg(points)))

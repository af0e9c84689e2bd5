"""Charts for the reports and the review app, all drawn by matplotlib as inline SVG (text kept as
text, no scripts). matplotlib is imported only when a chart is drawn."""

from ccpa_readiness.reports.charts.budget import budget_svg, monthly_budget_svg
from ccpa_readiness.reports.charts.gantt import gantt_pages, gantt_svg
from ccpa_readiness.reports.charts.heat_map import heat_map_svg, risk_cells
from ccpa_readiness.reports.charts.scores import scores_svg
from ccpa_readiness.reports.charts.trend import trend_svg

__all__ = [
    "budget_svg",
    "gantt_pages",
    "gantt_svg",
    "heat_map_svg",
    "monthly_budget_svg",
    "risk_cells",
    "scores_svg",
    "trend_svg",
]

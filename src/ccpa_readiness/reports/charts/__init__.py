"""Charts for the reports and the review app, all drawn by matplotlib as inline SVG (text kept as
text, no scripts). matplotlib is imported only when a chart is drawn."""

from ccpa_readiness.reports.charts.gantt import gantt_pages, gantt_svg
from ccpa_readiness.reports.charts.heat_map import heat_map_svg, risk_cells

__all__ = ["gantt_pages", "gantt_svg", "heat_map_svg", "risk_cells"]

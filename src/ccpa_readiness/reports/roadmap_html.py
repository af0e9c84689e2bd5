"""The roadmap's part of report.html: a Gantt chart and budget charts as inline SVG, no scripts."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ccpa_readiness.reports.charts import budget_svg, gantt_pages, monthly_budget_svg
from ccpa_readiness.roadmap.models import Roadmap

_environment = Environment(
    loader=PackageLoader("ccpa_readiness.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_roadmap_error(message: str) -> str:
    """The Roadmap section when no roadmap could be built reproducibly: the error, no plan."""
    return _environment.get_template("roadmap_error.html.j2").render(message=message)


def render_roadmap_section(roadmap: Roadmap) -> str:
    """An HTML `<section>` for report.html: summary, Gantt chart (in parts that each fit a printed page),
    budget by department and by month."""
    by_department = [(d.value, m) for d, m in roadmap.budget.by_department.items()]
    return _environment.get_template("roadmap_section.html.j2").render(
        r=roadmap,
        gantt_parts=[Markup(part) for part in gantt_pages(roadmap)],
        department_chart=Markup(budget_svg(by_department)),
        month_chart=Markup(monthly_budget_svg(list(roadmap.budget.by_month.items()))),
    )

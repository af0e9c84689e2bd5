"""`report.html`: one self-contained page (inline CSS, no scripts) for people to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ccpa_readiness.assess.models import OPEN_OUTCOMES, Assessment, Outcome
from ccpa_readiness.catalog.models import Area
from ccpa_readiness.reports.board_summary import board_summary
from ccpa_readiness.reports.charts import heat_map_svg, scores_svg

if TYPE_CHECKING:  # the roadmap package loads the solver
    from ccpa_readiness.roadmap.models import Roadmap

AREA_TITLES = {
    Area.applicability: "Applicability",
    Area.notices: "Notices and disclosures",
    Area.consumer_requests: "Consumer requests",
    Area.data_inventory: "Data inventory, minimization and retention",
    Area.vendors: "Service providers and third parties",
    Area.security: "Security",
    Area.training_records: "Training and record-keeping",
    Area.risk_audit_admt: "Risk assessments, audits and ADMT",
    Area.recording_consent: "Call recording consent (CIPA)",
    Area.payment_capture: "Payment capture (PCI DSS)",
    Area.governance: "Staffing and governance",
}

_environment = Environment(
    loader=PackageLoader("ccpa_readiness.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_fragment(template_name: str, **context: object) -> Markup:
    """A section of the report from one of its templates, autoescaped like the page."""
    return Markup(_environment.get_template(template_name).render(**context))


def render_report(
    assessment: Assessment,
    sections: list[Markup] | None = None,
    roadmap: Roadmap | None = None,
    roadmap_section: Markup | None = None,
) -> str:
    """The page: the summary in words, the risk picture, scores, the roadmap (`roadmap_section`, its
    charts) and its task table, every finding; `sections` are extra HTML fragments from other
    renderers (history, data map, sign-offs), placed after them."""
    template = _environment.get_template("report.html.j2")
    open_findings = sorted(
        (f for f in assessment.findings if f.priority is not None), key=lambda f: f.priority or 0
    )
    heat = assessment.scores.open_by_severity_likelihood
    cells = {
        (severity, likelihood): n for severity, row in heat.items() for likelihood, n in row.items() if n
    }
    return template.render(
        a=assessment,
        board=board_summary(assessment, roadmap),
        heat_map=Markup(heat_map_svg(cells)) if assessment.findings else "",
        area_titles=AREA_TITLES,
        outcomes=list(Outcome),
        open_outcomes=OPEN_OUTCOMES,
        likelihoods=sorted({likelihood for cells in heat.values() for likelihood in cells}, reverse=True),
        open_findings=open_findings,
        upcoming=sorted(
            (f for f in assessment.findings if f.outcome == Outcome.upcoming),
            key=lambda f: (f.due_date or assessment.as_of, f.requirement_id),
        ),
        missing=sorted({m for f in assessment.findings for m in f.missing_information}),
        roadmap=roadmap,
        roadmap_section=roadmap_section,
        tasks=sorted(roadmap.tasks, key=lambda t: (t.start, t.end, t.id)) if roadmap else [],
        sections=sections or [],
        scores_chart=Markup(
            scores_svg(
                [(AREA_TITLES[area], s.score, s.coverage) for area, s in assessment.scores.by_area.items()]
            )
        ),
    )


def render_report_with_roadmap(
    assessment: Assessment,
    roadmap: Roadmap | None,
    roadmap_error: str | None = None,
    sections: list[Markup] | None = None,
) -> str:
    """report.html with the roadmap's section: its charts and task table, or `roadmap_error` (why no
    roadmap could be built), or none when there is neither."""
    if roadmap is None and roadmap_error is None:
        return render_report(assessment, sections)
    # the roadmap's charts load heavy libraries: imported only when there is a roadmap section
    from ccpa_readiness.reports.roadmap_html import render_roadmap_error, render_roadmap_section

    section = (
        render_roadmap_section(roadmap) if roadmap is not None else render_roadmap_error(str(roadmap_error))
    )
    return render_report(assessment, sections, roadmap, Markup(section))

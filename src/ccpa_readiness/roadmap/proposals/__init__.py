"""Process and policy proposals: the draft documents the roadmap's tasks call for.

Each is a Jinja2 Markdown template filled from the workspace's inventory and the catalog's figures
of law (never a figure written in a template). Every draft says it is for counsel's review.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.roadmap.models import Proposal, RoadmapTask
from ccpa_readiness.roadmap.proposals.context import proposal_context

TITLES = {
    "notice_at_collection_ivr": "Spoken notice at collection: IVR",
    "notice_at_collection_agent": "Spoken notice at collection: agent script",
    "recording_disclosure": "Recording and monitoring disclosure",
    "privacy_policy_sections": "Privacy policy: sections to add or revise",
    "request_intake_sop": "Consumer-request intake SOP for phone agents",
    "retention_schedule": "Retention schedule per data category",
    "vendor_contract_clauses": "Service-provider contract clauses missing per vendor",
}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("ccpa_readiness.roadmap.proposals", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def build_proposals(tasks: list[RoadmapTask], catalog: Catalog, facts: Facts) -> list[Proposal]:
    """One draft per proposal key the roadmap's tasks name, in the order of `TITLES`."""
    wanted: dict[str, list[str]] = {}
    for task in tasks:
        if task.proposal is not None:
            wanted.setdefault(task.proposal, []).append(task.id)
    if not wanted:
        return []
    context = proposal_context(catalog, facts)
    return [
        Proposal(
            key=key,
            title=title,
            task_ids=sorted(wanted[key]),
            markdown=_environment()
            .get_template(f"{key}.md.j2")
            .render(title=title, tasks=sorted(wanted[key]), **context),
        )
        for key, title in TITLES.items()
        if key in wanted
    ]

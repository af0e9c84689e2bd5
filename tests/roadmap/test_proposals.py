"""Proposals are filled from the inventory and take every figure of law from the catalog."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.catalog.models import LawFigure
from ccpa_readiness.roadmap.proposals import build_proposals
from ccpa_readiness.roadmap.tasks import build_tasks
from ccpa_readiness.workspace.models import Practices
from tests.roadmap.builders import assessment, catalog, facts, finding, requirement, task


def test_the_intake_sop_names_the_toll_free_number_and_the_catalog_deadlines(tmp_path: Path) -> None:
    tasks = [task("write-sop", proposal="request_intake_sop")]
    shipped = catalog(tasks, [requirement("DSR-01", ["write-sop"])])
    figures = dict(shipped.law.figures)
    figures["confirm_receipt_business_days"] = figures["confirm_receipt_business_days"].model_copy(
        update={"value": 7}
    )
    edited = shipped.model_copy(update={"law": shipped.law.model_copy(update={"figures": figures})})
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}})
    the_facts.workspace.inventory["practices.yaml"] = Practices.model_validate(
        {"request_methods": [{"kind": "toll_free_number", "detail": "1-800-555-0100"}]}
    )
    roadmap_tasks = build_tasks(assessment([finding("DSR-01")]), edited, the_facts)
    (proposal,) = build_proposals(roadmap_tasks, edited, the_facts)
    text = proposal.markdown
    assert proposal.key == "request_intake_sop" and proposal.task_ids == ["write-sop"]
    assert text.startswith("# Consumer-request intake SOP for phone agents")
    assert "DRAFT for counsel review" in text
    assert "1-800-555-0100" in text
    assert "| Confirm receipt | 7 business days |" in text
    respond: LawFigure = edited.figure("respond_calendar_days")
    assert f"| Respond | {respond.value:g} calendar days from receipt |" in text
    assert "[to be completed]: no verification procedure is declared" in text


def test_no_proposal_without_a_task_that_calls_for_it(tmp_path: Path) -> None:
    tasks = [task("plain")]
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}})
    shipped = catalog(tasks, [requirement("REQ-01", ["plain"])])
    assert (
        build_proposals(build_tasks(assessment([finding("REQ-01")]), shipped, the_facts), shipped, the_facts)
        == []
    )

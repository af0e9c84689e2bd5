"""Unknowns cost a confirmation, not a remediation; the budget shows the two apart and the contingency."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.catalog.models import Confirmation
from ccpa_readiness.vocabulary import Department
from tests.roadmap.builders import facts, finding, requirement, roadmap_for, task

PLAYBOOK = [
    task("data-map", "IT", days=4),
    task("policy", "Legal", days=3),
    task("notice", "Privacy", days=2),
]
TEAM = {"IT": {"people": 2}, "Legal": {"people": 1}, "Privacy": {"people": 1}}


def test_one_confirm_task_per_unknown_not_its_playbook(tmp_path: Path) -> None:
    sized = requirement("REQ-03", ["notice"]).model_copy(
        update={"confirm": Confirmation(effort_days=1.5, department=Department.legal)}
    )
    requirements = [requirement("REQ-01", ["data-map"]), requirement("REQ-02", ["data-map", "policy"]), sized]
    findings = [
        finding("REQ-01", Outcome.gap, 40),
        finding("REQ-02", Outcome.unknown, 30),
        finding("REQ-03", Outcome.unknown, 20),
    ]
    roadmap = roadmap_for(PLAYBOOK, requirements, findings, facts(tmp_path, TEAM))
    by_id = {t.id: t for t in roadmap.tasks}
    assert sorted(by_id) == ["confirm-req-02", "confirm-req-03", "data-map"]  # no policy, no notice
    default, edited = by_id["confirm-req-02"], by_id["confirm-req-03"]
    assert (default.kind, default.effort_days, default.department) == ("confirmation", 0.5, Department.it)
    assert (edited.effort_days, edited.department, edited.requirement_ids) == (
        1.5,
        Department.legal,
        ["REQ-03"],
    )
    assert by_id["data-map"].requirement_ids == ["REQ-01"] and by_id["data-map"].kind == "remediation"

    budget = roadmap.budget
    assert budget.remediation.expected == 4_000  # data-map: 4 person-days x $1,000
    assert budget.confirmation.expected == 2_000  # 0.5 + 1.5 person-days
    assert budget.total.expected == budget.remediation.expected + budget.confirmation.expected
    assert budget.contingent_task_ids == ["notice", "policy"]  # data-map is already planned
    assert budget.if_unknowns_are_gaps.expected == 5_000  # 3 + 2 person-days, outside the total


def test_a_center_with_no_unknowns_has_no_contingency(tmp_path: Path) -> None:
    roadmap = roadmap_for(
        PLAYBOOK, [requirement("REQ-01", ["policy"])], [finding("REQ-01")], facts(tmp_path, TEAM)
    )
    assert [t.kind for t in roadmap.tasks] == ["remediation"]
    assert roadmap.budget.confirmation.expected == 0
    assert roadmap.budget.if_unknowns_are_gaps.expected == 0 and roadmap.budget.contingent_task_ids == []


def test_the_report_and_workbook_show_the_split(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ccpa_readiness.reports.roadmap_html import render_roadmap_section
    from ccpa_readiness.reports.roadmap_xlsx import write_roadmap_xlsx

    roadmap = roadmap_for(
        PLAYBOOK,
        [requirement("REQ-01", ["data-map"]), requirement("REQ-02", ["policy"])],
        [finding("REQ-01"), finding("REQ-02", Outcome.unknown)],
        facts(tmp_path, TEAM),
    )
    section = render_roadmap_section(roadmap)
    assert "Confirmation (unknowns)</td><td>$500</td>" in section
    assert (
        "If every unknown turns out to be a gap: 1 more task(s), not in the total</td><td>+$3,000" in section
    )
    workbook = write_roadmap_xlsx(roadmap, tmp_path / "roadmap.xlsx")
    # the totals are formulas: read the values cached with them
    summary = load_workbook(workbook, data_only=True)["Summary"]
    rows = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert rows["Remediation expected (USD)"] == 4_000 and rows["Confirmation expected (USD)"] == 500
    assert rows["If every unknown is a gap (USD)"] == "3,000 - 3,000 (expected 3,000)"

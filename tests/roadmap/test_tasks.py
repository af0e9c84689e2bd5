"""Tasks from findings: shared tasks once, dependencies pulled in, per-vendor effort, risk weights."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.roadmap.tasks import build_tasks
from tests.roadmap.builders import assessment, catalog, facts, finding, requirement, task

TEAM = {"Privacy": {"people": 2}, "Legal": {"people": 1}, "Vendor management": {"people": 1}}


def test_a_shared_task_appears_once_with_every_requirement_it_closes(tmp_path: Path) -> None:
    tasks = [task("data-map"), task("policy"), task("notice")]
    requirements = [
        requirement("REQ-01", ["data-map", "policy"]),
        requirement("REQ-02", ["data-map", "notice"]),
        requirement("REQ-03", ["policy"]),
    ]
    findings = [
        finding("REQ-01", Outcome.gap, 40),
        finding("REQ-02", Outcome.unknown, 25),
        finding("REQ-03", Outcome.met, 0),
    ]
    built = build_tasks(assessment(findings), catalog(tasks, requirements), facts(tmp_path, TEAM))
    by_id = {t.id: t for t in built}
    assert sorted(by_id) == ["confirm-req-02", "data-map", "policy"]  # REQ-02 is unknown: confirm it
    assert by_id["data-map"].requirement_ids == ["REQ-01"]
    assert by_id["data-map"].risk_weight == 40
    assert by_id["policy"].requirement_ids == ["REQ-01"]  # REQ-03 is met
    assert by_id["confirm-req-02"].risk_weight == 25


def test_met_and_not_applicable_findings_pull_nothing(tmp_path: Path) -> None:
    tasks = [task("a"), task("b")]
    requirements = [requirement("REQ-01", ["a"]), requirement("REQ-02", ["b"])]
    findings = [finding("REQ-01", Outcome.met, 0), finding("REQ-02", Outcome.not_applicable, 0)]
    assert build_tasks(assessment(findings), catalog(tasks, requirements), facts(tmp_path, TEAM)) == []


def test_dependencies_are_pulled_in_unless_a_met_requirement_shows_the_work_exists(tmp_path: Path) -> None:
    tasks = [
        task("inventory"),
        task("sop"),
        task("schedule", depends_on=["inventory", "sop"]),
    ]
    requirements = [
        requirement("REQ-01", ["schedule"]),
        requirement("REQ-02", ["inventory"]),
        requirement("REQ-03", ["sop"]),
    ]
    findings = [
        finding("REQ-01", Outcome.partial, 30),
        finding("REQ-02", Outcome.met, 0),
        finding("REQ-03", Outcome.not_applicable, 0),
    ]
    built = {
        t.id: t
        for t in build_tasks(assessment(findings), catalog(tasks, requirements), facts(tmp_path, TEAM))
    }
    assert sorted(built) == ["schedule", "sop"]
    assert built["schedule"].depends_on == ["sop"]  # the met inventory is not redone
    assert built["sop"].needed_by == ["schedule"]
    assert built["sop"].requirement_ids == []
    assert built["sop"].risk_weight == 1


def test_per_vendor_effort_is_multiplied_by_the_vendors_it_concerns(tmp_path: Path) -> None:
    tasks = [
        task("negotiate", "Vendor management", days=2, description="Per vendor. With Legal."),
        task("third-party", "Legal", days=1, description="Per party."),
        task("client-sops", "Legal", days=1, description="Per client."),
    ]
    requirements = [requirement("REQ-01", ["negotiate", "third-party", "client-sops"])]
    vendors = [
        {"id": "bpo", "name": "BPO", "role": "service_provider"},
        {"id": "ai", "name": "AI", "role": "contractor"},
        {"id": "ads", "name": "Ads", "role": "third_party"},
    ]
    the_facts = facts(tmp_path, TEAM, vendors=vendors)
    built = {
        t.id: t for t in build_tasks(assessment([finding("REQ-01")]), catalog(tasks, requirements), the_facts)
    }
    assert (built["negotiate"].units, built["negotiate"].effort_days) == (2, 4)
    assert (built["third-party"].units, built["third-party"].unit) == (1, "party")
    assert (built["client-sops"].units, built["client-sops"].unit) == (
        1,
        "client",
    )  # no count in the inventory

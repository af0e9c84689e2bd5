"""The schedule within capacity and deadline; when the deadline cannot be met, what would meet it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ccpa_readiness.assess.models import Outcome
from ccpa_readiness.reports.roadmap_files import roadmap_json
from ccpa_readiness.vocabulary import Department
from tests.roadmap.builders import START, facts, finding, requirement, roadmap_for, task
from tests.roadmap.model_check import model_violations

FOUR_TASKS = [task(f"t{i}", "Privacy", days=5) for i in range(4)]
FOUR_REQUIREMENTS = [requirement(f"REQ-0{i}", [f"t{i}"]) for i in range(4)]
FOUR_FINDINGS = [finding(f"REQ-0{i}", risk_score=10 * (i + 1)) for i in range(4)]
TEN_WORKING_DAYS = START + dt.timedelta(days=11)  # Mon 1 March to Fri 12 March 2027


def test_meets_a_reachable_deadline_high_risk_first(tmp_path: Path) -> None:
    roadmap = roadmap_for(
        FOUR_TASKS,
        FOUR_REQUIREMENTS,
        FOUR_FINDINGS,
        facts(tmp_path, {"Privacy": {"people": 2}}, TEN_WORKING_DAYS),
    )
    assert roadmap.feasible and roadmap.advice is None
    assert roadmap.solver.status == "OPTIMAL"
    assert roadmap.finish == dt.date(2027, 3, 12)
    first = {t.id for t in roadmap.tasks if t.start == START}
    assert first == {"t3", "t2"}  # the two riskiest start first
    assert model_violations(json.loads(roadmap_json(roadmap))) == []


def test_infeasible_deadline_says_the_earliest_finish_and_the_people_that_fix_it(tmp_path: Path) -> None:
    one_person = facts(tmp_path, {"Privacy": {"people": 1}}, TEN_WORKING_DAYS)
    roadmap = roadmap_for(FOUR_TASKS, FOUR_REQUIREMENTS, FOUR_FINDINGS, one_person)
    assert not roadmap.feasible
    assert roadmap.advice is not None
    assert roadmap.advice.earliest_finish == dt.date(2027, 3, 26)  # 20 working days
    assert roadmap.finish == dt.date(2027, 3, 26)
    assert roadmap.advice.extra_people == {Department.privacy: 1}
    assert "Privacy +1" in roadmap.advice.message
    fixed = facts(tmp_path, {"Privacy": {"people": 2}}, TEN_WORKING_DAYS)
    assert roadmap_for(FOUR_TASKS, FOUR_REQUIREMENTS, FOUR_FINDINGS, fixed).feasible


def test_extra_people_account_for_part_time_availability(tmp_path: Path) -> None:
    half_time = facts(tmp_path, {"Privacy": {"people": 2, "availability": 0.5}}, TEN_WORKING_DAYS)
    roadmap = roadmap_for(FOUR_TASKS, FOUR_REQUIREMENTS, FOUR_FINDINGS, half_time)
    assert roadmap.declared_capacity == {Department.privacy: 1.0}  # 2 x 0.5
    assert roadmap.advice is not None
    assert roadmap.advice.extra_people == {Department.privacy: 2}  # floor(4 x 0.5) = 2 at once


def test_a_dependency_chain_longer_than_the_deadline_is_not_fixed_by_people(tmp_path: Path) -> None:
    chain = [task("a", days=6), task("b", days=6, depends_on=["a"])]
    roadmap = roadmap_for(
        chain,
        [requirement("REQ-01", ["b"])],
        [finding("REQ-01")],
        facts(tmp_path, {"Privacy": {"people": 5}}, TEN_WORKING_DAYS),
    )
    assert not roadmap.feasible
    assert roadmap.advice is not None and roadmap.advice.extra_people == {}
    assert roadmap.advice.longest_chain_days == 12
    assert "dependency chain alone needs 12 working days" in roadmap.advice.message
    by_id = {t.id: t for t in roadmap.tasks}
    assert by_id["b"].start > by_id["a"].end
    assert by_id["a"].critical and by_id["b"].critical


def test_a_department_with_zero_people_is_named_and_staffed_in_the_advice(tmp_path: Path) -> None:
    tasks = [task("review", "Legal", days=2), task("draft", "Privacy", days=2)]
    team = facts(tmp_path, {"Legal": {"people": 0}, "Privacy": {"people": 1}})
    roadmap = roadmap_for(
        tasks,
        [requirement("REQ-01", ["review", "draft"])],
        [finding("REQ-01")],
        team,
    )
    assert not roadmap.feasible
    assert roadmap.declared_capacity[Department.legal] == 0
    assert roadmap.capacity[Department.legal] == 1  # what the schedule shown assumes
    assert any(
        m.startswith("Legal has 0 x 1 availability = 0 person-days a day but owns 1 task (review)")
        for m in roadmap.messages
    )
    assert roadmap.advice is not None and roadmap.advice.extra_people == {Department.legal: 1}
    assert {t.id for t in roadmap.tasks} == {"review", "draft"}


def test_a_department_missing_from_ccpa_yaml_is_named(tmp_path: Path) -> None:
    roadmap = roadmap_for(
        [task("harden", "Security", days=1)],
        [requirement("REQ-01", ["harden"])],
        [finding("REQ-01")],
        facts(tmp_path, {"Privacy": {"people": 1}}),
    )
    assert not roadmap.feasible
    assert any("Security is not in ccpa.yaml resources.departments" in m for m in roadmap.messages)
    assert any("no day rate for Security" in m for m in roadmap.messages)


def test_crews_share_a_department_and_last_ceil_effort_over_crew(tmp_path: Path) -> None:
    tasks = [task("pair", "IT", days=5, crew=2), task("solo", "IT", days=3)]
    roadmap = roadmap_for(
        tasks,
        [requirement("REQ-01", ["pair", "solo"])],
        [finding("REQ-01", Outcome.partial)],
        facts(tmp_path, {"IT": {"people": 2}}),
    )
    by_id = {t.id: t for t in roadmap.tasks}
    assert by_id["pair"].duration_days == 3  # ceil(5 / 2)
    assert by_id["solo"].start > by_id["pair"].end or by_id["pair"].start > by_id["solo"].end
    assert model_violations(json.loads(roadmap_json(roadmap))) == []


def test_costs_are_effort_times_day_rate_and_compared_with_the_budget(tmp_path: Path) -> None:
    team = facts(tmp_path, {"Privacy": {"people": 2}}, TEN_WORKING_DAYS, budget_usd=15_000)
    roadmap = roadmap_for(FOUR_TASKS, FOUR_REQUIREMENTS, FOUR_FINDINGS, team)
    assert roadmap.budget.total.expected == 20_000  # 4 tasks x 5 person-days x $1,000
    assert roadmap.budget.by_month == {"2027-03": roadmap.budget.total}
    assert "the expected cost $20,000 exceeds the $15,000 budget in ccpa.yaml" in roadmap.messages

"""Capacity as people really work: people x availability person-days a day, checked from roadmap.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ccpa_readiness.reports.roadmap_files import roadmap_json
from ccpa_readiness.roadmap import Roadmap
from tests.roadmap.builders import START, facts, finding, requirement, roadmap_for, task
from tests.roadmap.model_check import model_violations

TWO_WEEKS = START + dt.timedelta(days=11)  # ten working days


def _json(roadmap: Roadmap) -> dict[str, Any]:
    return json.loads(roadmap_json(roadmap))  # type: ignore[no-any-return]


def test_half_a_person_is_half_a_person_not_zero(tmp_path: Path) -> None:
    roadmap = roadmap_for(
        [task("review", "Legal", days=2)],
        [requirement("REQ-01", ["review"])],
        [finding("REQ-01")],
        facts(tmp_path, {"Legal": {"people": 1, "availability": 0.5}}, TWO_WEEKS),
    )
    data = _json(roadmap)
    assert data["capacity"] == {"Legal": 0.5} and data["declared_capacity"] == {"Legal": 0.5}
    (review,) = data["tasks"]
    assert (review["effort_days"], review["crew"], review["rate"], review["duration_days"]) == (2, 1, 0.5, 4)
    assert data["feasible"] and data["verdict"] == f"deadline {TWO_WEEKS} met"
    assert not any("Legal" in m for m in data["messages"])
    assert model_violations(data) == []


def test_rates_fit_a_fractional_capacity_every_day(tmp_path: Path) -> None:
    tasks = [task(f"solo-{i}", "Privacy", days=3) for i in range(4)] + [
        task("pair", "Privacy", days=4, crew=2)
    ]
    roadmap = roadmap_for(
        tasks,
        [requirement("REQ-01", [t.id for t in tasks])],
        [finding("REQ-01")],
        facts(tmp_path, {"Privacy": {"people": 3, "availability": 0.8}}),
    )
    data = _json(roadmap)
    assert data["capacity"] == {"Privacy": 2.4}
    rates = {t["id"]: t["rate"] for t in data["tasks"]}
    assert rates == {"pair": 1.6, **{f"solo-{i}": 0.8 for i in range(4)}}
    durations = {t["id"]: t["duration_days"] for t in data["tasks"]}
    assert durations["pair"] == 3 and durations["solo-0"] == 4  # ceil(4 / 1.6), ceil(3 / 0.8)
    assert model_violations(data) == []
    broken = json.loads(json.dumps(data))
    for entry in broken["tasks"]:  # every task on the same days: 4 x 0.8 + 1.6 > 2.4
        entry["start"], entry["end"] = (
            data["working_days"][0],
            data["working_days"][entry["duration_days"] - 1],
        )
    assert any(p.startswith("Privacy uses") for p in model_violations(broken))


def test_a_crew_larger_than_the_department_is_done_by_its_people_more_slowly(tmp_path: Path) -> None:
    roadmap = roadmap_for(
        [task("pair", "IT", days=4, crew=2)],
        [requirement("REQ-01", ["pair"])],
        [finding("REQ-01")],
        facts(tmp_path, {"IT": {"people": 1, "availability": 0.5}}),
    )
    (pair,) = _json(roadmap)["tasks"]
    assert (pair["crew"], pair["rate"], pair["duration_days"]) == (2, 0.5, 8)
    assert roadmap.feasible


def test_the_verdict_follows_the_finish_and_the_deadline(tmp_path: Path) -> None:
    tasks = [task("long", "Legal", days=6)]  # 12 working days at half time
    late = roadmap_for(
        tasks,
        [requirement("REQ-01", ["long"])],
        [finding("REQ-01")],
        facts(tmp_path, {"Legal": {"people": 1, "availability": 0.5}}, TWO_WEEKS),
    )
    assert not late.feasible and late.verdict.startswith(f"deadline {TWO_WEEKS} NOT met")
    assert model_violations(_json(late)) == []
    unstaffed = roadmap_for(
        tasks,
        [requirement("REQ-01", ["long"])],
        [finding("REQ-01")],
        facts(tmp_path, {"Privacy": {"people": 1}}),
    )
    assert not unstaffed.feasible  # Legal is not declared: the schedule assumes one person
    assert unstaffed.finish is not None and unstaffed.deadline is not None
    assert unstaffed.finish <= unstaffed.deadline
    assert "NOT met" not in unstaffed.verdict
    assert unstaffed.verdict.endswith("met only with the one person assumed for Legal")
    assert model_violations(_json(unstaffed)) == []

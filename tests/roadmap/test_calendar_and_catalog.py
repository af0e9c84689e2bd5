"""Working days skip weekends and holidays; a dependency cycle in a playbook is a catalog error."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ccpa_readiness.catalog.loader import DATA_DIR, load_catalog
from ccpa_readiness.errors import InputError
from ccpa_readiness.roadmap.calendar import WorkingCalendar
from tests.roadmap.builders import facts, finding, requirement, roadmap_for, task

JULY_1 = dt.date(2027, 7, 1)  # Thursday; Monday 5 July is Independence Day (observed)


def test_working_days_skip_weekends_federal_and_listed_holidays() -> None:
    calendar = WorkingCalendar(start=JULY_1, country="US", extra_holidays=frozenset({dt.date(2027, 7, 6)}))
    assert calendar.days(3) == [JULY_1, dt.date(2027, 7, 2), dt.date(2027, 7, 7)]
    assert calendar.count_through(dt.date(2027, 7, 7)) == 3


def test_without_a_country_only_weekends_and_listed_days_are_off() -> None:
    calendar = WorkingCalendar(start=JULY_1, country=None)
    assert calendar.days(3) == [JULY_1, dt.date(2027, 7, 2), dt.date(2027, 7, 5)]


def test_a_task_spans_holidays_in_the_roadmap(tmp_path: Path) -> None:
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}}, holidays=[dt.date(2027, 3, 3)])
    roadmap = roadmap_for([task("t", days=3)], [requirement("REQ-01", ["t"])], [finding("REQ-01")], the_facts)
    (planned,) = roadmap.tasks
    assert (planned.start, planned.end) == (dt.date(2027, 3, 1), dt.date(2027, 3, 4))
    assert dt.date(2027, 3, 3) not in roadmap.working_days


def test_a_dependency_cycle_in_a_playbook_is_a_clear_catalog_error(tmp_path: Path) -> None:
    data = tmp_path / "catalog"
    shutil.copytree(DATA_DIR, data)
    tasks_file = data / "tasks.yaml"
    text = tasks_file.read_text()
    block = text.index("\ndraft-spoken-notice:\n")
    edited = text[:block] + text[block:].replace("depends_on: []", "depends_on: [translate-notices]", 1)
    tasks_file.write_text(edited)
    with pytest.raises(InputError) as raised:
        load_catalog(data)
    (problem,) = [p for p in raised.value.problems if "cycle" in p.message]
    assert problem.source == str(tasks_file)
    assert "draft-spoken-notice -> translate-notices" in problem.message
    line = int(problem.location)
    assert "depends_on" in edited.splitlines()[line - 1]

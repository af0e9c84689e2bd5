"""`milestones.ics`: a reminder (VALARM) before each milestone and each dated obligation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from icalendar import Calendar

from ccpa_readiness.assess.models import Finding
from ccpa_readiness.reports.roadmap_ics import REMINDER_DAYS, dated_obligations, render_milestones
from tests.roadmap.builders import facts, finding, requirement, roadmap_for, task

DEADLINE = dt.date(2027, 3, 5)


def test_every_milestone_and_dated_obligation_has_its_reminders(tmp_path: Path) -> None:
    tasks = [
        task("draft-notice", "Privacy", days=2),
        task("build-prompt", "IT", days=1, depends_on=["draft-notice"]),
    ]
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}, "IT": {"people": 1}}, DEADLINE)
    roadmap = roadmap_for(
        tasks, [requirement("NOTICE-01", ["draft-notice", "build-prompt"])], [finding("NOTICE-01")], the_facts
    )
    upcoming: Any = SimpleNamespace(
        requirement_id="RA-SUBMISSION-01",
        title="Submit the risk assessment information",
        citations=["CCR §7157"],
        due_date=dt.date(2028, 4, 21),
    )
    obligations = dated_obligations(cast(list[Finding], [upcoming, finding("NOTICE-01")]))
    assert [(o.key, o.day) for o in obligations] == [("due-RA-SUBMISSION-01", dt.date(2028, 4, 21))]
    calendar = Calendar.from_ical(render_milestones(roadmap, obligations))
    events = list(calendar.walk("VEVENT"))
    assert any(str(e["summary"]).startswith("Due: RA-SUBMISSION-01") for e in events)
    assert any(str(e["summary"]) == "CCPA readiness deadline" for e in events)
    for event in events:
        triggers = sorted(alarm.decoded("trigger") for alarm in event.walk("VALARM"))
        assert triggers == sorted(dt.timedelta(days=-d) for d in REMINDER_DAYS), event["summary"]
        assert all(str(alarm["action"]) == "DISPLAY" for alarm in event.walk("VALARM"))

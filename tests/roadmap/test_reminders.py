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


def test_dtstamp_is_the_generation_time_in_utc_not_the_roadmap_start(tmp_path: Path) -> None:
    """RFC 5545 §3.8.7.2: DTSTAMP is when the calendar was created, a UTC date-time; a roadmap that
    starts next year must not carry a creation time in the future."""
    the_facts = facts(tmp_path, {"Privacy": {"people": 1}}, DEADLINE)  # starts 2027-03-01
    roadmap = roadmap_for(
        [task("draft-notice", "Privacy", days=2)],
        [requirement("NOTICE-01", ["draft-notice"])],
        [finding("NOTICE-01")],
        the_facts,
    )
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    events = list(Calendar.from_ical(render_milestones(roadmap)).walk("VEVENT"))
    after = dt.datetime.now(dt.UTC)
    assert events and roadmap.start > after.date()
    for event in events:
        stamp = event.decoded("dtstamp")
        assert stamp.tzinfo is not None and stamp.utcoffset() == dt.timedelta(0)
        assert before <= stamp <= after, event["summary"]
    given = dt.datetime(2026, 12, 1, 9, 30, 15, 999, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    ics = render_milestones(roadmap, generated_at=given).decode()
    assert "DTSTAMP:20261201T173015Z" in ics

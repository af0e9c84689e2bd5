"""`milestones.ics`: the roadmap's milestones as all-day iCalendar events.

Milestones: the start, the end of each phase, each proposal's draft ready (the last task that
produces it), the finish, and the deadline; and each dated obligation of the assessment (a
finding not due until its compliance date). Every event carries reminders (VALARM) some days
before. UIDs derive from the roadmap, so a calendar app updates the events of a re-run instead of
adding new ones; DTSTAMP is when the file was generated, in UTC (RFC 5545 §3.8.7.2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from ccpa_readiness.assess.models import Finding
from ccpa_readiness.roadmap.models import Roadmap

REMINDER_DAYS = (14, 1)  # alarms this many days before each event

PHASE_TITLES = {"quick_win": "Quick wins", "foundation": "Foundation", "sustain": "Sustain"}


@dataclass(frozen=True)
class Milestone:
    key: str
    day: dt.date
    title: str
    description: str


def milestones(roadmap: Roadmap) -> list[Milestone]:
    found = [Milestone("start", roadmap.start, "CCPA roadmap starts", f"{len(roadmap.tasks)} tasks")]
    for phase, title in PHASE_TITLES.items():
        ends = [t.end for t in roadmap.tasks if t.phase.value == phase]
        if ends:
            count = len(ends)
            found.append(Milestone(f"phase-{phase}", max(ends), f"{title} done", f"{count} tasks complete"))
    by_id = {t.id: t for t in roadmap.tasks}
    for proposal in roadmap.proposals:
        ends = [by_id[i].end for i in proposal.task_ids if i in by_id]
        if ends:
            title = f"Ready: {proposal.title}"
            found.append(Milestone(f"proposal-{proposal.key}", max(ends), title, "draft for counsel"))
    if roadmap.finish is not None:
        found.append(Milestone("finish", roadmap.finish, "CCPA roadmap complete", "every task done"))
    if roadmap.deadline is not None:
        met = "met" if roadmap.feasible else "NOT met with the people declared"
        found.append(Milestone("deadline", roadmap.deadline, "CCPA readiness deadline", f"deadline {met}"))
    return sorted(found, key=lambda m: (m.day, m.key))


def dated_obligations(findings: Iterable[Finding]) -> list[Milestone]:
    """Findings with a compliance date still ahead (`due_date`), as calendar events."""
    found = []
    for finding in findings:
        due = getattr(finding, "due_date", None)
        if isinstance(due, dt.date):
            title = f"Due: {finding.requirement_id} {finding.title}"
            found.append(Milestone(f"due-{finding.requirement_id}", due, title, "; ".join(finding.citations)))
    return found


def _alarm(days: int, summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-days))
    alarm.add("description", f"In {days} day{'s' if days != 1 else ''}: {summary}")
    return alarm


def render_milestones(
    roadmap: Roadmap, obligations: Sequence[Milestone] = (), generated_at: dt.datetime | None = None
) -> bytes:
    """The calendar; `generated_at` (default: now) is every event's DTSTAMP, in UTC to the second."""
    slug = re.sub(r"[^a-z0-9]+", "-", roadmap.organization.lower()).strip("-")
    calendar = Calendar()
    calendar.add("prodid", "-//ccpa-readiness//roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"CCPA roadmap: {roadmap.organization}")
    stamp = (generated_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    for milestone in sorted([*milestones(roadmap), *obligations], key=lambda m: (m.day, m.key)):
        event = Event()
        event.add("uid", f"{slug}-{milestone.key}@ccpa-readiness")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.day)
        event.add("dtend", milestone.day + dt.timedelta(days=1))
        event.add("summary", milestone.title)
        event.add("description", milestone.description)
        for days in REMINDER_DAYS:
            event.add_component(_alarm(days, milestone.title))
        calendar.add_component(event)
    return bytes(calendar.to_ical())

"""`milestones.ics`: the roadmap's milestones as all-day iCalendar events.

Milestones: the start, the end of each phase, each proposal's draft ready (the last task that
produces it), the finish, and the deadline. UIDs and DTSTAMP derive from the roadmap, so the same
roadmap gives the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from icalendar import Calendar, Event

from ccpa_readiness.roadmap.models import Roadmap

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


def render_milestones(roadmap: Roadmap) -> bytes:
    slug = re.sub(r"[^a-z0-9]+", "-", roadmap.organization.lower()).strip("-")
    calendar = Calendar()
    calendar.add("prodid", "-//ccpa-readiness//roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"CCPA roadmap: {roadmap.organization}")
    stamp = dt.datetime.combine(roadmap.start, dt.time(), tzinfo=dt.UTC)
    for milestone in milestones(roadmap):
        event = Event()
        event.add("uid", f"{slug}-{milestone.key}@ccpa-readiness")
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.day)
        event.add("dtend", milestone.day + dt.timedelta(days=1))
        event.add("summary", milestone.title)
        event.add("description", milestone.description)
        calendar.add_component(event)
    return bytes(calendar.to_ical())

"""Run history, diff, task tracking and progress on the store (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from sqlalchemy import select

from ccpa_readiness.reports.trend_chart import TrendPoint, render_trend
from ccpa_readiness.review import audit, tracking
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.history import roadmap_tasks
from ccpa_readiness.review.progress import progress
from ccpa_readiness.review.recording import record_assessment
from ccpa_readiness.review.tables import AuditEntry, RunFinding, User
from tests.review.conftest import Browser, World, findings_doc, roadmap_doc

FILES = {"inventory/vendors.yaml": "a" * 64, "transcripts/call1.txt": "b" * 64}


def _finding(doc: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in doc["findings"] if f["requirement_id"] == requirement_id)
    return found


def _second_assessment() -> dict[str, Any]:
    """NOT-100 gap -> met (closed); SEC-150 met -> gap (regressed); REQ-110 partial, risk 40 -> 20
    (improved); NEW-200 not assessed -> gap (new)."""
    doc = findings_doc()
    doc["as_of"] = "2026-12-01"
    doc["scores"]["overall"] = 60.0
    _finding(doc, "NOT-100").update(outcome="met", risk_score=0, reason="notice now spoken")
    _finding(doc, "SEC-150").update(outcome="gap", risk_score=70, reason="encryption switched off")
    _finding(doc, "REQ-110")["risk_score"] = 20
    new = copy.deepcopy(_finding(doc, "SEC-150"))
    new.update(requirement_id="NEW-200", title="Requirement NEW-200", reason="now applies")
    doc["findings"].append(new)
    return doc


def _roadmap_without_notice() -> dict[str, Any]:
    roadmap = roadmap_doc()
    roadmap["tasks"] = [t for t in roadmap["tasks"] if t["id"] != "T-NOTICE"]
    roadmap["tasks"][0]["depends_on"] = []
    return roadmap


def test_two_runs_give_new_closed_regressed_improved(world: World) -> None:
    first = record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    assert first.run == 1 and first.diff is None and "first" in first.line
    changed = {**FILES, "inventory/vendors.yaml": "c" * 64}
    second = record_assessment(world.db, _second_assessment(), _roadmap_without_notice(), changed, "cli")
    diff = second.diff
    assert diff is not None
    assert set(diff) == {"from", "to", "new", "closed", "regressed", "improved", "unchanged_open", "scores"}
    assert diff["from"] == {"run": 1, "as_of": "2026-11-01"} and diff["to"] == {
        "run": 2,
        "as_of": "2026-12-01",
    }
    ids = {
        kind: [i["requirement_id"] for i in diff[kind]] for kind in ("new", "closed", "regressed", "improved")
    }
    assert ids == {
        "new": ["NEW-200"],
        "closed": ["NOT-100"],
        "regressed": ["SEC-150"],
        "improved": ["REQ-110"],
    }
    assert diff["unchanged_open"] == 0
    regressed = diff["regressed"][0]
    assert regressed["from"] == {"outcome": "met", "risk_score": 40}
    assert regressed["to"] == {"outcome": "gap", "risk_score": 70}
    assert regressed["reason"] == "encryption switched off"
    assert diff["new"][0]["from"] is None
    assert diff["closed"][0]["note"] == "closed without its task done: T-NOTICE (todo), T-PORTAL (todo)"
    assert diff["scores"]["from"]["readiness"] == 55.5 and diff["scores"]["to"]["readiness"] == 60.0
    assert (
        diff["scores"]["from"]["open_risk"] == 80 + 40 and diff["scores"]["to"]["open_risk"] == 20 + 70 + 70
    )
    assert "1 new, 1 closed, 1 regressed, 1 improved" in second.line


def test_a_changed_evidence_snippet_and_file_are_named(world: World) -> None:
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    doc = findings_doc()
    _finding(doc, "NOT-100")["evidence"][0]["snippet"] = "***-**-1234"
    _finding(doc, "NOT-100")["risk_score"] = 90
    changed = {**FILES, "transcripts/call1.txt": "d" * 64}
    diff = record_assessment(world.db, doc, roadmap_doc(), changed, "cli").diff
    assert diff is not None
    item = diff["regressed"][0]
    assert item["requirement_id"] == "NOT-100"
    assert item["sources_changed"] == ["transcripts/call1.txt"]
    assert len(item["evidence_added"]) == 1 and len(item["evidence_removed"]) == 1
    assert item["evidence_added"][0].startswith("observed transcripts/call1.txt:3 #")


def test_the_store_keeps_no_snippet(world: World) -> None:
    doc = findings_doc()
    _finding(doc, "NOT-100")["evidence"][0]["snippet"] = "caller said ***-**-6789 twice"
    record_assessment(world.db, doc, roadmap_doc(), FILES, "cli")
    with world.db.read() as session:
        stored = " ".join(f.evidence_json for f in session.execute(select(RunFinding)).scalars())
    assert "caller said" not in stored and "6789" not in stored


def _status(db: Database, task_id: str) -> str:
    return {v.task_id: v.status for v in _views(db)}[task_id]


def _views(db: Database) -> list[tracking.TaskView]:
    with db.read() as session:
        return tracking.task_views(session)


def _admin(db: Database) -> User:
    with db.read() as session:
        return session.execute(select(User).where(User.email == "admin@example.com")).scalar_one()


def test_statuses_survive_a_reassessment_and_tasks_no_longer_needed_say_why(world: World) -> None:
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    admin = _admin(world.db)
    with world.db.write() as session:
        tracking.set_status(
            session, admin, admin.email, "T-PORTAL", "blocked", "waiting for the vendor", "Sam"
        )
        tracking.set_status(session, admin, admin.email, "T-NOTICE", "in_progress")
    record_assessment(world.db, _second_assessment(), _roadmap_without_notice(), FILES, "cli")
    views = {v.task_id: v for v in _views(world.db)}
    assert views["T-PORTAL"].status == "blocked" and views["T-PORTAL"].owner == "Sam"
    assert [n.body for n in views["T-PORTAL"].notes] == ["waiting for the vendor"]
    assert views["T-NOTICE"].status == "not_needed"
    assert (
        views["T-NOTICE"].status_reason
        == "run 2's roadmap no longer needs it (NOT-100 met); it was in_progress"
    )
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    assert _status(world.db, "T-NOTICE") == "todo", "needed again"
    assert _status(world.db, "T-PORTAL") == "blocked"


def test_a_done_task_whose_gap_remains_is_flagged(world: World) -> None:
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    admin = _admin(world.db)
    with world.db.write() as session:
        tracking.set_status(session, admin, admin.email, "T-PORTAL", "done")
    assert not next(v for v in _views(world.db) if v.task_id == "T-PORTAL").flag, (
        "not before it is re-assessed"
    )
    recorded = record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    portal = next(v for v in _views(world.db) if v.task_id == "T-PORTAL")
    assert portal.status == "done"
    assert portal.flag == "done, but the gap remains: NOT-100, REQ-110"
    assert recorded.progress is not None and [t["id"] for t in recorded.progress["flagged"]] == ["T-PORTAL"]
    assert "1 task(s) done, but the gap remains" in recorded.line


def test_not_needed_is_not_settable_and_unknown_statuses_are_refused(world: World) -> None:
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    admin = _admin(world.db)
    for status in ("not_needed", "finished"):
        try:
            with world.db.write() as session:
                tracking.set_status(session, admin, admin.email, "T-PORTAL", status)
        except tracking.TaskError:
            continue
        raise AssertionError(f"{status} was accepted")


def test_progress_counts_done_of_planned_late_and_due_soon(world: World) -> None:
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    admin = _admin(world.db)
    with world.db.write() as session:
        tracking.set_status(session, admin, admin.email, "T-NOTICE", "done")
    views = _views(world.db)
    # T-NOTICE due 2027-01-10 (done), T-PORTAL due 2027-02-15
    on_time = progress(views, dt.date(2027, 1, 20))
    assert (on_time["done_of_planned"], on_time["planned_by_today"], on_time["total"]) == (1, 1, 2)
    assert on_time["late"] == [] and list(on_time["due_soon"]) == ["IT"]
    late = progress(views, dt.date(2027, 2, 20))
    assert [(t["id"], t["days_late"]) for t in late["late"]] == [("T-PORTAL", 5)]
    assert late["due_soon"] == {}
    early = progress(views, dt.date(2026, 12, 20))
    assert early["planned_by_today"] == 0 and early["due_soon"] == {}, "T-NOTICE is done: not due"


def test_the_trend_chart_has_one_point_per_run() -> None:
    points = [
        TrendPoint(n, f"2026-1{n}-01", 50.0 + n, None if n == 1 else 70.0, 100 - 10 * n) for n in (1, 2, 3)
    ]
    svg = str(render_trend(points))
    assert len(re.findall(r'-point-readiness-\d"', svg)) == 3
    assert len(re.findall(r'-point-open_risk-\d"', svg)) == 3
    assert len(re.findall(r'-point-coverage-\d"', svg)) == 2, "no point where coverage is unknown"
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg


def test_departments_set_their_own_tasks_in_the_app_and_the_audit_holds(
    world: World, browsers: dict[str, Browser]
) -> None:
    legal, it = browsers["legal"], browsers["it"]
    assert (
        legal.post("/tasks/T-NOTICE/status", {"status": "done", "note": "notice recorded"}).status_code == 303
    )
    assert it.post("/tasks/T-NOTICE/status", {"status": "todo"}).status_code == 403
    assert legal.post("/tasks/T-NOTICE/status", {"status": "finished"}).status_code == 400
    assert legal.post("/tasks/NOPE/status", {"status": "done"}).status_code == 404
    page = legal.client.get("/tasks/T-NOTICE").text
    assert "notice recorded" in page and 'action="/tasks/T-NOTICE/status"' in page
    assert 'action="/tasks/T-NOTICE/status"' not in it.client.get("/tasks/T-NOTICE").text
    assert _status(world.db, "T-NOTICE") == "done"
    roadmap_page = it.client.get("/roadmap").text
    assert re.search(r'T-NOTICE</a>.*?status-done">done<', roadmap_page)
    assert re.search(r'T-PORTAL</a>.*?status-todo">todo<', roadmap_page)
    with world.db.read() as session:
        entries = (
            session.execute(select(AuditEntry).where(AuditEntry.action == "task.status")).scalars().all()
        )
        assert [(e.actor, e.subject) for e in entries] == [("legal@example.com", "T-NOTICE")]
        assert '"to":"done"' in entries[0].detail
        assert audit.verify(session).intact
    dashboard = legal.client.get("/").text
    assert "tasks planned by today are done" in dashboard and "-point-readiness-" not in dashboard
    record_assessment(world.db, findings_doc(), roadmap_doc(), FILES, "cli")
    dashboard = legal.client.get("/").text
    assert len(re.findall(r'-point-readiness-\d"', dashboard)) == 1 and "style=" not in dashboard


def test_roadmap_tasks_read_due_dates_by_name() -> None:
    roadmap = roadmap_doc()
    roadmap["tasks"][0]["due_date"] = "2027-01-31"
    tasks = {t["id"]: t for t in roadmap_tasks(roadmap)}
    assert tasks["T-NOTICE"]["due_date"] == "2027-01-31", "the latest finish allowed, when given"
    assert tasks["T-PORTAL"]["due_date"] == "2027-02-15", "else the scheduled end"

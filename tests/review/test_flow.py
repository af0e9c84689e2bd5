"""The review flow end to end: comment, request changes, approve, consensus, a new version, stale."""

from __future__ import annotations

import csv
import io
import json
import shutil

from sqlalchemy import func, select

from ccpa_readiness.review.inputs import load_inputs
from ccpa_readiness.review.tables import AuditEntry, Comment, SignOff
from tests.conftest import AssessedExample
from tests.review.conftest import Browser, World, write_out


def _decide(world: World, browser: Browser, decision: str, reason: str = "") -> int:
    digest = load_inputs(world.workspace).content_hash
    response = browser.post("/signoff", {"decision": decision, "reason": reason, "content_hash": digest})
    return response.status_code


def _actions(world: World) -> list[str]:
    with world.db.read() as session:
        return list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())


def test_full_review_until_consensus_then_a_new_version(world: World, browsers: dict[str, Browser]) -> None:
    legal, it, admin = browsers["legal"], browsers["it"], browsers["admin"]

    comment = legal.post(
        "/comments", {"target": "task", "target_id": "T-NOTICE", "body": "Add the Spanish notice."}
    )
    assert comment.status_code == 303
    assert comment.headers["location"].startswith("/tasks/T-NOTICE#comment-")
    task_page = it.client.get("/tasks/T-NOTICE").text
    assert "Add the Spanish notice." in task_page and "legal@example.com" in task_page

    assert _decide(world, it, "request_changes") == 400  # a reason is required
    assert _decide(world, it, "request_changes", "Portal needs two more weeks.") == 303
    assert "Changes requested by IT" in legal.client.get("/tasks/T-PORTAL").text
    assert _decide(world, legal, "approve") == 303
    page = admin.client.get("/signoff").text
    assert "No consensus yet: IT still to approve." in page

    assert _decide(world, it, "approve", "Fine with the new dates.") == 303
    dashboard = admin.client.get("/").text
    assert "Consensus reached" in dashboard

    write_out(world.workspace, note=" (re-assessed)")
    assert admin.post("/admin/import").status_code == 303
    page = admin.client.get("/signoff").text
    assert "Version 2" in page and "No consensus yet: IT, Legal still to approve." in page
    assert page.count(">stale<") == 2
    assert "reason for NOT-100 (re-assessed)" in admin.client.get("/findings/NOT-100").text
    assert "on version 1" in admin.client.get("/tasks/T-NOTICE").text  # comments keep their version

    assert _decide(world, legal, "approve") == 303
    page = admin.client.get("/signoff").text
    assert page.count(">stale<") == 1 and page.count(">approved<") == 1

    assert _actions(world)[-6:] == [
        "comment.add",
        "signoff.request_changes",
        "signoff.approve",
        "signoff.approve",
        "version.import",
        "signoff.approve",
    ]


def test_an_approval_of_a_version_no_longer_current_is_refused(
    world: World, browsers: dict[str, Browser]
) -> None:
    old_hash = load_inputs(world.workspace).content_hash
    write_out(world.workspace, note=" v2")
    assert browsers["admin"].post("/admin/import").status_code == 303
    response = browsers["legal"].post("/signoff", {"decision": "approve", "content_hash": old_hash})
    assert response.status_code == 409
    with world.db.read() as session:
        assert session.execute(select(func.count()).select_from(SignOff)).scalar_one() == 0


def test_importing_unchanged_content_makes_no_version(world: World, browsers: dict[str, Browser]) -> None:
    assert browsers["admin"].post("/admin/import").status_code == 303
    assert "Version 1 " in browsers["admin"].client.get("/").text
    assert _actions(world).count("version.import") == 1


def test_a_reviewer_signs_off_only_for_their_department(world: World, browsers: dict[str, Browser]) -> None:
    assert _decide(world, browsers["legal"], "approve") == 303
    with world.db.read() as session:
        departments = session.execute(select(SignOff.department)).scalars().all()
    assert departments == ["Legal"]
    page = browsers["it"].client.get("/signoff").text
    assert "Decide for IT" in page and "Decide for Legal" not in page


def test_empty_or_unknown_decisions_are_refused(world: World, browsers: dict[str, Browser]) -> None:
    assert _decide(world, browsers["legal"], "maybe") == 400
    empty = browsers["legal"].post("/comments", {"target": "finding", "target_id": "NOT-100", "body": "   "})
    assert empty.status_code == 400 and "a comment needs some text" in empty.text
    with world.db.read() as session:
        assert session.execute(select(func.count()).select_from(Comment)).scalar_one() == 0


def test_comments_on_findings_are_escaped(world: World, browsers: dict[str, Browser]) -> None:
    body = "<script>alert(1)</script>"
    browsers["it"].post("/comments", {"target": "finding", "target_id": "NOT-100", "body": body})
    page = browsers["viewer"].client.get("/findings/NOT-100").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and body not in page


def test_signoff_record_exports(world: World, browsers: dict[str, Browser]) -> None:
    _decide(world, browsers["legal"], "approve", "ok")
    _decide(world, browsers["it"], "request_changes", "later")
    viewer = browsers["viewer"].client
    record = viewer.get("/signoff/record.json").json()["signoffs"]
    assert [(r["department"], r["decision"], r["reviewer"], r["current"]) for r in record] == [
        ("Legal", "approve", "legal@example.com", True),
        ("IT", "request_changes", "it@example.com", True),
    ]
    assert record[0]["content_hash"] == load_inputs(world.workspace).content_hash
    response = viewer.get("/signoff/record.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["reason"] for r in rows] == ["ok", "later"]
    assert json.loads(viewer.get("/signoff/record.json").text) == {"signoffs": record}


def test_the_example_workspace_output_renders(
    world: World, browsers: dict[str, Browser], assessed_example: AssessedExample
) -> None:
    """The real `ccpa assess` output of the example imports and every page shows it."""
    assert assessed_example.exit_code == 0, assessed_example.output
    shutil.copytree(assessed_example.root / "out", world.workspace / "out", dirs_exist_ok=True)
    assert browsers["admin"].post("/admin/import").status_code == 303
    inputs = load_inputs(world.workspace)
    client = browsers["viewer"].client
    task, finding = inputs.roadmap.tasks[0], inputs.assessment.findings[0]
    for path in [
        "/",
        "/findings",
        "/roadmap",
        "/signoff",
        f"/tasks/{task.id}",
        f"/findings/{finding.requirement_id}",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert inputs.assessment.organization in client.get("/").text

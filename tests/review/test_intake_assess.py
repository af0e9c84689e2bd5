"""`/intake/assess`: an admin runs `ccpa assess` in the background and the result becomes the next
version for review; only admins; one run at a time; a failed run says why and changes nothing."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ccpa_readiness.review import assess_job
from ccpa_readiness.review.assess_job import AssessJob, AssessJobs, Stage
from ccpa_readiness.review.tables import AuditEntry
from ccpa_readiness.review.versions import current_version, inputs_of
from tests.review.conftest import Browser, World

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-contact-center"
WAIT_SECONDS = 300


def finished(world: World) -> AssessJob:
    jobs: AssessJobs = world.app.state.assess_jobs
    deadline = time.monotonic() + WAIT_SECONDS
    while jobs.latest is None or jobs.latest.running:
        assert time.monotonic() < deadline, "the assessment did not finish"
        time.sleep(0.2)
    return jobs.latest


def current_number(world: World) -> int:
    with world.db.read() as session:
        version = current_version(session)
        assert version is not None
        return version.number


@pytest.mark.slow
def test_an_admin_assesses_the_workspace_and_the_result_is_the_next_version(
    world: World, browsers: dict[str, Browser]
) -> None:
    for part in ("ccpa.yaml", "inventory", "evidence"):
        source = EXAMPLE / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, world.workspace / part)
    admin = browsers["admin"]
    assert admin.post("/intake/assess").status_code == 303
    running = admin.client.get("/intake/assess").text
    assert "Run 1, started by admin@example.com" in running
    job = finished(world)
    assert job.stage == Stage.done, (job.message, list(job.tail))
    assert job.version == 2 and current_number(world) == 2
    with world.db.read() as session:
        version = current_version(session)
        assert version is not None
        assessment = inputs_of(session, version).assessment
        actions = session.execute(select(AuditEntry.actor, AuditEntry.action)).all()
    assert assessment.organization == "Acme Home Services, Inc."
    written = json.loads((world.workspace / "out" / "findings.json").read_text(encoding="utf-8"))
    assert [f.requirement_id for f in assessment.findings] == [
        f["requirement_id"] for f in written["findings"]
    ]
    observed = {e.source for f in assessment.findings if f.outcome == "gap" for e in f.evidence}
    assert "evidence/flows/acme-main-ivr.json" in observed
    assert ("admin@example.com", "assess.start") in actions and (
        "admin@example.com",
        "version.import",
    ) in actions
    page = admin.client.get("/intake/assess/status").text
    assert "version 2 imported for review" in page and "hx-trigger" not in page
    assert "Version 2" in browsers["legal"].client.get("/").text


def test_a_workspace_that_does_not_load_fails_the_run_and_changes_nothing(
    world: World, browsers: dict[str, Browser]
) -> None:
    (world.workspace / "ccpa.yaml").write_text("organization: [unclosed\n", encoding="utf-8")
    assert browsers["admin"].post("/intake/assess").status_code == 303
    job = finished(world)
    assert job.stage == Stage.failed and "exit 2" in job.message
    assert any("ccpa.yaml" in line for line in job.tail)
    assert current_number(world) == 1
    page = browsers["admin"].client.get("/intake/assess").text
    assert "failed" in page and "ccpa.yaml" in page


def test_one_run_at_a_time(
    world: World, browsers: dict[str, Browser], monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = [sys.executable, "-c", "import time; time.sleep(2)"]
    monkeypatch.setattr(assess_job, "assess_command", lambda workspace, url: slow)
    admin = browsers["admin"]
    assert admin.post("/intake/assess").status_code == 303
    second = admin.post("/intake/assess")
    assert second.status_code == 409 and "still running" in second.text
    assert 'hx-trigger="every 2s"' in admin.client.get("/intake/assess/status").text
    job = finished(world)
    assert job.stage == Stage.done and job.message == "no change: version 1 is already current"


@pytest.mark.parametrize("who", ["legal", "it", "viewer"])
def test_only_admins_see_or_start_the_assessment(
    world: World, browsers: dict[str, Browser], who: str
) -> None:
    browser = browsers[who]
    assert browser.client.get("/intake/assess").status_code == 403
    assert browser.client.get("/intake/assess/status").status_code == 403
    assert browser.post("/intake/assess").status_code == 403
    assert world.app.state.assess_jobs.latest is None


def test_anonymous_and_forged_starts_are_refused(world: World, browsers: dict[str, Browser]) -> None:
    assert TestClient(world.app).post("/intake/assess", follow_redirects=False).status_code == 401
    forged = browsers["admin"].client.post(
        "/intake/assess", data={"csrf_token": "nope"}, follow_redirects=False
    )
    assert forged.status_code == 403
    assert world.app.state.assess_jobs.latest is None

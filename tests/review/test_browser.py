"""The review in a real browser (Debian's Chromium) against the real server on 127.0.0.1: log in,
filter, comment, request changes, approve, consensus, import a new version, approvals stale."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.ports import free_port
from tests.review.conftest import PASSWORD, World, write_out

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/browser.sh)"),
]


@pytest.fixture
def server(world: World) -> Iterator[str]:
    config = uvicorn.Config(world.app, host="127.0.0.1", port=free_port(), log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{config.port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _log_in(browser: Browser, base: str, email: str, errors: list[str], password: str = PASSWORD) -> Page:
    """A page logged in as `email` (the login form sends it back to "/"); console errors (CSP
    violations, failed loads) go to `errors`."""
    page = browser.new_context(base_url=base).new_page()
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("form.whoami")).to_contain_text(email)
    return page


def _decide(page: Page, button: str, reason: str = "") -> None:
    page.goto("/signoff")
    if reason:
        page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/signoff")


def test_review_to_consensus_then_stale_on_a_new_version(world: World, server: str, browser: Browser) -> None:
    errors: list[str] = []
    legal = _log_in(browser, server, "legal@example.com", errors)
    expect(legal.get_by_role("heading", name="Acme Contact Center")).to_be_visible()  # back on "/"

    legal.goto("/findings")
    legal.get_by_label("Severity").select_option("high")  # HTMX swaps the table in place
    expect(legal.locator("#findings-table caption")).to_have_text("1 finding")
    assert "severity=high" in legal.url

    legal.goto("/tasks/T-NOTICE")
    legal.get_by_label("Your comment").fill("   ")  # passes `required`, refused by the server
    legal.get_by_role("button", name="Comment").click()
    expect(legal.locator("#comments .error")).to_have_text("a comment needs some text")
    assert [e for e in errors if "status of 400" not in e] == []
    errors.clear()  # the browser logs the deliberate 400
    legal.get_by_label("Your comment").fill("Add the Spanish version of the notice.")
    legal.get_by_role("button", name="Comment").click()
    expect(legal.locator("#comments .body")).to_have_text("Add the Spanish version of the notice.")

    it = _log_in(browser, server, "it@example.com", errors)
    _decide(it, "Request changes", "The portal needs two more weeks.")
    expect(it.locator("#consensus")).to_contain_text("No consensus yet")
    it.goto("/tasks/T-PORTAL")
    expect(it.locator(".proposal")).to_contain_text("The portal needs two more weeks.")

    _decide(legal, "Approve version 1")
    _decide(it, "Approve version 1", "Agreed after the call.")
    it.goto("/")
    expect(it.locator("#consensus")).to_contain_text("Consensus reached")

    write_out(world.workspace, note=" (re-assessed)")
    admin = _log_in(browser, server, "admin@example.com", errors)
    admin.get_by_role("button", name="Import the workspace's out/ as a new version").click()
    expect(admin.locator(".version")).to_contain_text("Version 2")
    admin.goto("/signoff")
    expect(admin.locator(".state-stale")).to_have_count(2)
    expect(admin.locator("#consensus")).to_contain_text("No consensus yet")

    legal.reload()
    expect(legal.get_by_role("button", name="Approve version 2")).to_be_visible()
    assert errors == []  # no CSP violation, no script error, nothing missing


def test_pages_fit_a_phone_screen(server: str, browser: Browser) -> None:
    errors: list[str] = []
    page = _log_in(browser, server, "legal@example.com", errors)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ["/", "/findings", "/roadmap", "/tasks/T-PORTAL", "/findings/NOT-100", "/signoff"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path  # wide tables scroll inside
    assert errors == []


def test_a_reviewer_marks_their_departments_task_done_another_department_cannot(
    world: World, server: str, browser: Browser
) -> None:
    errors: list[str] = []
    legal = _log_in(browser, server, "legal@example.com", errors)
    legal.goto("/tasks/T-NOTICE")
    expect(legal.locator("#tracking .task-status")).to_have_text("todo")
    legal.get_by_label("Status").select_option("done")
    legal.get_by_label("Owner").fill("Dana")
    legal.get_by_label("Note").fill("Notice recorded in English and Spanish.")
    legal.get_by_role("button", name="Save progress").click()
    legal.wait_for_url("**/tasks/T-NOTICE#tracking")
    expect(legal.locator("#tracking .task-status")).to_have_text("done")
    expect(legal.locator("#tracking")).to_contain_text("Notice recorded in English and Spanish.")
    legal.goto("/")
    expect(legal.locator("#progress")).to_contain_text("tasks planned by today are done")

    it = _log_in(browser, server, "it@example.com", errors)
    it.goto("/tasks/T-NOTICE")
    expect(it.locator("#tracking .task-status")).to_have_text("done")
    expect(it.get_by_role("button", name="Save progress")).to_have_count(0)
    forged = it.request.post(
        f"{server}/tasks/T-NOTICE/status",
        form={"status": "todo", "csrf_token": it.locator("form.whoami input[name=csrf_token]").input_value()},
    )
    assert forged.status == 403
    it.goto("/tasks/T-PORTAL")
    expect(it.get_by_role("button", name="Save progress")).to_be_visible()  # its own department's task
    assert errors == []

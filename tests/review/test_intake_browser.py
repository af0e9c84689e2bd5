"""The intake forms in a real browser (Debian's Chromium) against the real server: a reviewer adds
a system and saves, a wrong answer is shown at its field and nothing is written, another
department's section is read only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from ccpa_readiness.workspace.loader import load_workspace
from ccpa_readiness.workspace.models import Systems
from ccpa_readiness.workspace.template_files import create_workspace
from tests.review.conftest import World
from tests.review.test_browser import _log_in, browser, pytestmark, server  # noqa: F401  (fixtures, marks)


def _served(request: pytest.FixtureRequest) -> tuple[str, Browser]:
    """The running server's address and the browser (the fixtures of test_browser.py)."""
    return request.getfixturevalue("server"), request.getfixturevalue("browser")


def test_a_reviewer_answers_their_section_and_a_wrong_answer_is_shown_at_its_field(
    world: World, request: pytest.FixtureRequest
) -> None:
    base, chromium = _served(request)
    create_workspace(world.workspace)
    systems_file = world.workspace / "inventory" / "systems.yaml"
    errors: list[str] = []
    it = _log_in(chromium, base, "it@example.com", errors)
    it.get_by_role("link", name="Intake").click()
    expect(it.locator("#intake-sections")).to_contain_text("IT, Security (yours)")
    it.get_by_role("link", name="Systems").click()
    it.get_by_role("button", name="Add to systems").click()
    it.locator('[name="systems.0.id"]').fill("crm")
    it.locator('[name="systems.0.name"]').fill("Customer CRM")
    it.locator('[name="systems.0.kind"]').select_option("crm")
    it.locator('[name="systems.0.mfa"][value="true"]').check()
    it.locator('[name="systems.0.encryption_at_rest"][value="unknown"]').check()
    it.locator('[name="systems.0.retention_days"]').fill("-3")
    it.locator('[name="systems~complete"][value="complete"]').check()
    before = systems_file.read_text(encoding="utf-8")
    it.get_by_role("button", name="Save systems").click()
    expect(it.locator('[data-field="systems.0.retention_days"] .field-error')).to_contain_text(
        "greater than or equal to 0"
    )
    expect(it.locator("#not-saved")).to_be_visible()
    assert systems_file.read_text(encoding="utf-8") == before
    errors.clear()  # the browser logs the deliberate 400
    it.locator('[name="systems.0.retention_days"]').fill("365")
    it.get_by_role("button", name="Save systems").click()
    expect(it.locator(".notice")).to_have_text("Saved.")
    expect(it.locator('[name="systems.0.mfa"][value="true"]')).to_be_checked()
    saved = load_workspace(world.workspace).part("systems.yaml", Systems)
    assert saved is not None
    system = saved.systems[0]
    assert (system.id, system.mfa, system.encryption_at_rest, system.retention_days) == (
        "crm",
        True,
        None,
        365,
    )
    assert saved.complete_lists == ["systems"]
    assert "# Where the data is stored." in systems_file.read_text(encoding="utf-8")

    it.goto("/intake/practices")
    expect(it.locator(".readonly")).to_contain_text("answered by Legal, Privacy")
    expect(it.get_by_role("button", name="Save privacy practices")).to_have_count(0)
    expect(it.locator('[name="sells_personal_information"][value="true"]')).to_be_disabled()
    assert errors == []


def test_the_intake_fits_a_phone_screen(world: World, request: pytest.FixtureRequest) -> None:
    base, chromium = _served(request)
    create_workspace(world.workspace)
    errors: list[str] = []
    page = _log_in(chromium, base, "admin@example.com", errors)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ["/intake", "/intake/channels", "/intake/resources", "/intake/organization"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    assert errors == []

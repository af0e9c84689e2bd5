"""Issue 15 end to end in a real browser: from an empty folder (`ccpa serve DIR --create`), an
admin and three department reviewers fill in a small contact center entirely through the forms,
upload a flow export and a privacy policy, start the assessment, and the findings appear."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ccpa_readiness.workspace.loader import load_workspace
from tests.ports import free_port
from tests.review.test_browser import _log_in, browser, pytestmark  # noqa: F401  (the browser fixture, marks)
from tests.review.test_serve_create import _serve, _wait_until_up

PASSWORD = "a long enough password"
FLOW = "connect/amazon-connect-callback-contact-management__test_callback_contact_flow.json"
POLICY = "docs/Allstate__Privacy_Policy.md"
ASSESS_SECONDS = 240_000  # ms: the run scans the evidence in a subprocess on a loaded machine


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`ccpa serve EMPTY --create`: the workspace of "Small Center" and its admin, served."""
    folder, port = tmp_path / "small-center", free_port()
    options = ["--create", "--organization", "Small Center", "--admin-email", "admin@small.example"]
    process = _serve(folder, port, *options, "--password-stdin", stdin=PASSWORD + "\n")
    try:
        _wait_until_up(process, port)
        yield folder, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _answer(page: Page, section: str, answers: dict[str, str]) -> None:
    """Open a section, answer (a radio or checkbox by `name=value`, a select or input by name), save."""
    page.goto(f"/intake/{section}")
    for name, value in answers.items():
        choice = page.locator(f'[name="{name}"][value="{value}"]')
        field = page.locator(f'[name="{name}"]').first
        if choice.count() and choice.first.get_attribute("type") in ("radio", "checkbox"):
            choice.first.check()
        elif field.evaluate("node => node.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Save ").click()
    expect(page.locator(".notice")).to_have_text("Saved.")


def _upload(page: Page, kind: str, path: Path) -> str:
    page.goto("/intake/evidence")
    page.get_by_label("Kind").select_option(kind)
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Upload").click()
    row = page.locator(f"#evidence-{kind} tbody tr").first
    expect(row).to_be_visible()
    return row.locator("th").inner_text()


@pytest.mark.slow
def test_an_admin_and_three_reviewers_fill_in_a_contact_center_and_the_findings_appear(
    served: tuple[Path, str], shared_dir: Path, request: pytest.FixtureRequest
) -> None:
    folder, base = served
    chromium: Browser = request.getfixturevalue("browser")
    errors: list[str] = []
    admin = _log_in(chromium, base, "admin@small.example", errors, PASSWORD)
    for email, department in [
        ("ops@small.example", "Operations"),
        ("it@small.example", "IT"),
        ("legal@small.example", "Legal"),
    ]:
        admin.goto("/admin/users")
        admin.locator("#new-email").fill(email)
        admin.locator("#new-department").select_option(department)
        admin.locator("#new-role").select_option("reviewer")
        admin.locator("#new-password").fill(PASSWORD)
        admin.get_by_role("button", name="Add user").click()
        expect(admin.get_by_role("row", name=email)).to_be_visible()
    _answer(
        admin,
        "organization",
        {
            "organization.annual_gross_revenue_usd": "48000000",
            "organization.revenue_year": "2025",
            "organization.consumers_per_year": "90000",
            "organization.is_data_broker": "false",
            "organization.california_workforce": "true",
        },
    )

    ops = _log_in(chromium, base, "ops@small.example", errors, PASSWORD)
    flow = _upload(ops, "flows", shared_dir / "data" / "flows" / FLOW)
    _answer(ops, "volumes", {"volumes.calls_per_year": "250000", "volumes.california_share": "0.6"})
    _answer(
        ops,
        "channels",
        {
            "channels.0.name": "Small Center main line",
            "channels.0.recorded": "true",
            "channels.0.decline_recording_option": "false",
            "channels.0.flows": flow,
            "channels~complete": "complete",
        },
    )
    ops.goto("/intake/systems")
    expect(ops.locator(".readonly")).to_contain_text("answered by IT, Security")

    it = _log_in(chromium, base, "it@small.example", errors, PASSWORD)
    it.goto("/intake/systems")
    it.get_by_role("button", name="Add to systems").click()
    _fill_after_add = {
        "systems.0.id": "ccaas",
        "systems.0.name": "Cloud contact center",
        "systems.0.kind": "telephony",
        "systems.0.encryption_at_rest": "true",
        "systems.0.encryption_in_transit": "true",
        "systems.0.mfa": "false",
        "systems~complete": "complete",
    }
    for name, value in _fill_after_add.items():
        choice = it.locator(f'[name="{name}"][value="{value}"]')
        if choice.count():
            choice.check()
        elif name.endswith(".kind"):
            it.locator(f'[name="{name}"]').select_option(value)
        else:
            it.locator(f'[name="{name}"]').fill(value)
    it.get_by_role("button", name="Save systems").click()
    expect(it.locator(".notice")).to_have_text("Saved.")

    legal = _log_in(chromium, base, "legal@small.example", errors, PASSWORD)
    policy = _upload(legal, "notices", shared_dir / "data" / "notices" / POLICY)
    _answer(
        legal,
        "practices",
        {
            "privacy_policy.document": policy,
            "privacy_policy.describes_contact_center": "false",
            "sells_personal_information": "false",
        },
    )

    workspace = load_workspace(folder)  # the forms wrote a workspace `ccpa assess` loads
    assert workspace.organization.organization.name == "Small Center"
    assert workspace.organization.volumes.calls_per_year == 250000
    assert (folder / "evidence" / "flows" / flow).is_file() and (
        folder / "evidence" / "notices" / policy
    ).is_file()

    admin.goto("/intake/assess")
    admin.get_by_role("button", name="Start the assessment").click()
    expect(admin.locator("#assess-stage")).to_have_text("done", timeout=ASSESS_SECONDS)
    admin.goto("/findings")
    expect(admin.locator("#findings-table")).to_be_visible()
    decline = admin.locator("#findings-table tr", has_text="CIPA-DECLINE-PATH-01")
    expect(decline).to_contain_text("gap")  # the recorded line with no way to decline, as Operations said
    admin.goto("/findings/CIPA-DECLINE-PATH-01")
    expect(admin.locator("main")).to_contain_text("inventory/channels.yaml")
    admin.goto("/intake")
    expect(admin.locator("#intake-departments")).to_contain_text("Operations")
    assert [e for e in errors if "status of 400" not in e] == []

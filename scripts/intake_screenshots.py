"""Screenshots of the intake for docs/review.md, taken by Playwright with Debian's Chromium.

Serves a copy of examples/acme-contact-center (a throwaway store, an admin and an Operations
reviewer) on 127.0.0.1 and writes docs/images/intake-*.png.
Run: .venv/bin/python scripts/intake_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "screenshots only, not a secret"
VIEWPORT = {"width": 1100, "height": 900}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _log_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("form.whoami")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ccpa-screens-"))
    os.environ["CCPA_AUDIT_KEY_FILE"] = str(folder / "audit.key")
    from ccpa_readiness.review.app import create_app
    from ccpa_readiness.review.database import Database
    from ccpa_readiness.review.settings import Settings
    from ccpa_readiness.review.users import add_user

    workspace = folder / "acme"
    shutil.copytree(
        REPO / "examples" / "acme-contact-center", workspace, ignore=shutil.ignore_patterns("out")
    )
    url = f"sqlite:///{folder / 'review.db'}"
    store = Database(url)
    store.upgrade()
    with store.write() as session:
        add_user(session, "screenshots", "privacy@acme.example", "Privacy", "admin", PASSWORD)
        add_user(session, "screenshots", "ops@acme.example", "Operations", "reviewer", PASSWORD)
    store.engine.dispose()
    config = uvicorn.Config(create_app(Settings(db_url=url, workspace=workspace)), port=_free_port())
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    IMAGES.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
            )
            base = f"http://127.0.0.1:{config.port}"
            admin = chromium.new_context(base_url=base, viewport=VIEWPORT).new_page()
            _log_in(admin, "privacy@acme.example")
            admin.goto("/intake")
            admin.screenshot(path=str(IMAGES / "intake-index.png"), full_page=True)
            ops = chromium.new_context(base_url=base, viewport=VIEWPORT).new_page()
            _log_in(ops, "ops@acme.example")
            ops.goto("/intake/channels")
            ops.locator('[data-field="channels.0.decline_recording_option"] details').first.evaluate(
                "node => node.open = true"
            )
            ops.screenshot(path=str(IMAGES / "intake-channels.png"), clip={"x": 0, "y": 0, **VIEWPORT})
            ops.goto("/intake/volumes")
            ops.locator('[name="volumes.calls_per_year"]').fill("about two million")
            ops.get_by_role("button", name="Save contact volumes").click()
            ops.wait_for_selector(".field-error")
            ops.screenshot(path=str(IMAGES / "intake-error.png"), clip={"x": 0, "y": 0, **VIEWPORT})
            ops.goto("/intake/systems")
            ops.screenshot(
                path=str(IMAGES / "intake-read-only.png"), clip={"x": 0, "y": 0, "width": 1100, "height": 500}
            )
            chromium.close()
    finally:
        server.should_exit = True
        shutil.rmtree(folder, ignore_errors=True)
    for image in sorted(IMAGES.glob("intake-*.png")):
        print(image.relative_to(REPO), image.stat().st_size, "bytes", file=sys.stdout)


if __name__ == "__main__":
    main()

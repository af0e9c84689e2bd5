"""Submit an intake page's form as a browser would: every input's value as the page shows it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import REPO

ACME = REPO / "examples" / "acme-contact-center"
NO_FILE_DIGEST = hashlib.sha256(b"").hexdigest()  # the digest a form shows for a file not written yet


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    """(name, value) pairs the form posting to `action` submits, without pressing a button."""
    form = HTMLParser(html).css_first(f'form[action="{action}"]')
    assert form is not None, f"no form posting to {action}"
    fields: list[tuple[str, str]] = []
    for node in form.css("input, select, textarea"):
        name = node.attributes.get("name")
        if not name or "disabled" in node.attributes:
            continue
        kind = (node.attributes.get("type") or "text").lower()
        if node.tag == "select":
            chosen = node.css_first("option[selected]") or node.css_first("option")
            fields.append((name, (chosen.attributes.get("value") or "") if chosen else ""))
        elif kind in ("checkbox", "radio"):
            if "checked" in node.attributes:
                fields.append((name, node.attributes.get("value") or "on"))
        elif kind not in ("submit", "button"):
            fields.append((name, node.attributes.get("value") or ""))
    return fields


def replace(fields: list[tuple[str, str]], name: str, value: str | None) -> list[tuple[str, str]]:
    """The fields with `name` set to `value` (None: left out, as an unticked box)."""
    kept = [(n, v) for n, v in fields if n != name]
    return kept if value is None else [*kept, (name, value)]


def copy_acme(target: Path) -> Path:
    """The example workspace's YAML (and evidence) in `target`, to change freely."""
    shutil.copytree(ACME, target, ignore=shutil.ignore_patterns("out", ".ccpa"))
    return target

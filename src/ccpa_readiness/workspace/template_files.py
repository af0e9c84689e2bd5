"""`ccpa init`: copy the commented template into a new workspace folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ccpa_readiness.errors import InputError
from ccpa_readiness.workspace.loader import EVIDENCE_KINDS, ORGANIZATION_FILE

TEMPLATE_DIR = Path(__file__).parent / "template"
TEMPLATE_NAME_LINE = "  name: Example Co.\n"  # the organization's name in the template's ccpa.yaml


def create_workspace(root: Path, organization: str | None = None) -> list[Path]:
    """Write the template into `root` (which must not hold a ccpa.yaml yet), named `organization`
    when given; returns files written."""
    if (root / "ccpa.yaml").exists():
        raise InputError.single(str(root / "ccpa.yaml"), "a workspace already exists here; not overwritten")
    written = []
    for source in sorted(TEMPLATE_DIR.rglob("*.yaml")):
        target = root / source.relative_to(TEMPLATE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    for kind in EVIDENCE_KINDS:
        (root / "evidence" / kind).mkdir(parents=True, exist_ok=True)
    if organization is not None:
        name_organization(root / ORGANIZATION_FILE, organization)
    return written


def name_organization(path: Path, organization: str) -> None:
    """Put `organization` as the name in a ccpa.yaml fresh from the template (a YAML double-quoted
    scalar, which a JSON string is), keeping the template's comments."""
    text = path.read_text(encoding="utf-8")
    if TEMPLATE_NAME_LINE not in text:
        raise InputError.single(str(path), "not the template's ccpa.yaml: the organization name was not set")
    named = f"  name: {json.dumps(organization.strip(), ensure_ascii=False)}\n"
    path.write_text(text.replace(TEMPLATE_NAME_LINE, named, 1), encoding="utf-8")

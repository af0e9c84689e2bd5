"""`ccpa init`: copy the commented template into a new workspace folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from ccpa_readiness.errors import InputError
from ccpa_readiness.workspace.loader import EVIDENCE_KINDS

TEMPLATE_DIR = Path(__file__).parent / "template"


def create_workspace(root: Path) -> list[Path]:
    """Write the template into `root` (which must not hold a ccpa.yaml yet); returns files written."""
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
    return written

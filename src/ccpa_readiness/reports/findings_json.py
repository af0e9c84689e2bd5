"""`findings.json`: the assessment as stable, sorted JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ccpa_readiness.assess.models import Assessment


def findings_document(assessment: Assessment) -> str:
    """The JSON text: findings in catalog id order, keys as in the models, ends with a newline."""
    data = assessment.model_dump(mode="json")
    data["findings"] = sorted(data["findings"], key=lambda f: f["requirement_id"])
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_findings_json(assessment: Assessment, out_dir: Path) -> Path:
    path = out_dir / "findings.json"
    path.write_text(findings_document(assessment), encoding="utf-8")
    return path

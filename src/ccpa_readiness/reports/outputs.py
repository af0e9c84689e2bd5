"""Read back what `ccpa assess` wrote to `out/` (findings.json, roadmap.json, proposals/), for
`ccpa report` to render again in another format without re-assessing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.errors import InputError
from ccpa_readiness.roadmap.models import Roadmap

Model = TypeVar("Model", Assessment, Roadmap)
MAX_BYTES = 64 * 1024 * 1024  # far above any findings.json or roadmap.json the tool writes


@dataclass(frozen=True)
class Outputs:
    assessment: Assessment
    roadmap: Roadmap | None


def _document(path: Path) -> dict[str, Any]:
    if path.stat().st_size > MAX_BYTES:
        raise InputError.single(str(path), f"larger than {MAX_BYTES:,} bytes: not a file ccpa wrote")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError.single(str(path), f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise InputError.single(str(path), "not a JSON object")
    return data


def _validated(model: type[Model], data: dict[str, Any], path: Path) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError.single(str(path), f"{first['msg']} (run `ccpa assess` again)", where) from None


def _roadmap(path: Path) -> Roadmap:
    """roadmap.json leaves out the proposals' text (it is in proposals/) and the solver's wall time."""
    data = _document(path)
    for proposal in data.get("proposals") or []:
        if isinstance(proposal, dict):
            text = path.parent / "proposals" / f"{proposal.get('key')}.md"
            proposal.setdefault("markdown", text.read_text(encoding="utf-8") if text.is_file() else "")
    if isinstance(data.get("solver"), dict):
        data["solver"].setdefault("wall_time_s", 0.0)
    return _validated(Roadmap, data, path)


def read_outputs(out_dir: Path) -> Outputs:
    """The assessment and the roadmap (None when none was planned) from `out_dir`."""
    findings = out_dir / "findings.json"
    if not findings.is_file():
        raise InputError.single(str(findings), "not found: run `ccpa assess` on the workspace first")
    assessment = _validated(Assessment, _document(findings), findings)
    roadmap_file = out_dir / "roadmap.json"
    return Outputs(assessment, _roadmap(roadmap_file) if roadmap_file.is_file() else None)

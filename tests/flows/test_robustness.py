"""Real flows with one value of the wrong type anywhere (a string turned into a list, anything else into a
number): read or FLOW-INVALID, never a crash."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ccpa_readiness.evidence.flows.scan import analyse

Key = str | int
DEPTH = 5
SMALL_FLOWS = [
    "connect/amazon-connect-with-bankid-integration__contact-flow.json",
    "connect-legacy/amazon-connect-collect-feedback-via-phone-ivr__ivr-feedback-flow.json",
    "twilio/twilio-ivr-studio__ivr.json",
    "archy/genesys-cloud-call-park__call-park-agent-inbound-flow.yaml",
]


def _places(value: Any, where: tuple[Key, ...] = ()) -> Iterator[tuple[Key, ...]]:
    """Every key or index path into the document, down to `DEPTH` levels."""
    if where:
        yield where
    if len(where) == DEPTH:
        return
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    )
    for key, child in children:
        yield from _places(child, (*where, key))


def _replaced(document: Any, where: tuple[Key, ...], value: object) -> Any:
    copied = copy.deepcopy(document)
    parent = copied
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    return copied


@pytest.mark.parametrize("name", SMALL_FLOWS)
def test_wrong_types_never_crash(flows_dir: Path, tmp_path: Path, name: str) -> None:
    original = flows_dir / name
    is_yaml = original.suffix == ".yaml"
    text = original.read_text(encoding="utf-8").replace("{{", "${").replace("}}", "}")
    document = yaml.safe_load(text) if is_yaml else json.loads(text)
    mutated = tmp_path / original.name
    outcomes = set()
    for where in _places(document):
        current = document
        for key in where:
            current = current[key]
        changed = _replaced(document, where, [] if isinstance(current, str) else 1)
        mutated.write_text(yaml.safe_dump(changed) if is_yaml else json.dumps(changed), encoding="utf-8")
        report = analyse([mutated])
        outcomes.add("invalid" if any(f.rule == "FLOW-INVALID" for f in report.findings) else "read")
    assert outcomes == {"invalid", "read"}

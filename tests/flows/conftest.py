"""Fixtures for the flow analyser's tests: the shared real flows, and running the scan on edits."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from ccpa_readiness.evidence.flows import ANALYSED, scan_flows

Results = set[tuple[str, str]]
"""(rule id, node id) pairs, FLOW-ANALYSED left out."""


@pytest.fixture(scope="session")
def flows_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "flows"


def results_of(paths: Sequence[Path], notice_prompts: Sequence[str] = ()) -> Results:
    scan = scan_flows(list(paths), notice_prompts)
    return {(o.kind, o.location) for o in scan.observations if o.kind != ANALYSED}


@pytest.fixture
def write_flow(tmp_path: Path) -> Callable[[str, object], Path]:
    """Write a (mutated) flow document as JSON into the test's folder."""

    def write(name: str, document: object) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


def load(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data

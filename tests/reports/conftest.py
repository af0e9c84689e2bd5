"""The example workspace assessed and planned once for the chart and spreadsheet tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccpa_readiness.assess.models import Assessment
from ccpa_readiness.pipeline import run_assessment
from ccpa_readiness.roadmap import Roadmap
from ccpa_readiness.roadmap.plan import build_roadmap

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-contact-center"
AS_OF = dt.date(2026, 11, 29)


@dataclass(frozen=True)
class ExampleRun:
    assessment: Assessment
    roadmap: Roadmap


@pytest.fixture(scope="session")
def example() -> ExampleRun:
    if not (EXAMPLE / "ccpa.yaml").is_file():
        pytest.skip("the example workspace is not in this checkout")
    run = run_assessment(EXAMPLE, AS_OF)
    return ExampleRun(run.assessment, build_roadmap(run.assessment, run.catalog, run.facts))

"""Workspaces written as a new user would from `ccpa init`: the outcome of every requirement, written out.

Each `workspaces/<name>/` has its expected outcomes in `workspaces/<name>.expected.yaml` (one line per
requirement), so a change of the law or of a check is one reviewed edit of a data file.
"""

from __future__ import annotations

import datetime as dt
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

import ccpa_readiness.workspace
from ccpa_readiness.assess.models import Assessment, Outcome
from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.pipeline import run_assessment
from ccpa_readiness.roadmap.models import Roadmap

WORKSPACES = Path(__file__).parent / "workspaces"
NAMES = sorted(path.name for path in WORKSPACES.iterdir() if path.is_dir())
AS_OF = dt.date(2026, 12, 1)


@cache
def assessed(name: str) -> Assessment:
    return run_assessment(WORKSPACES / name, as_of=AS_OF).assessment


def expected(name: str) -> dict[str, str]:
    loaded: dict[str, str] = yaml.safe_load(
        (WORKSPACES / f"{name}.expected.yaml").read_text(encoding="utf-8")
    )
    return loaded


def test_the_four_kinds_of_center_are_there() -> None:
    assert {"mostly_compliant", "many_gaps", "bare", "mostly_null"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_requirement_has_its_expected_outcome(name: str) -> None:
    catalog_ids = {r.id for r in default_catalog().requirements}
    want = expected(name)
    assert set(want) == catalog_ids, "the expected file names every requirement of the catalog, once"
    got = {f.requirement_id: f.outcome.value for f in assessed(name).findings}
    wrong = {rid: f"expected {want[rid]}, got {got[rid]}" for rid in sorted(want) if got[rid] != want[rid]}
    assert not wrong, wrong


@pytest.mark.parametrize("name", NAMES)
def test_every_gap_rests_on_a_declaration_or_an_observation(name: str) -> None:
    for finding in assessed(name).findings:
        if finding.outcome in (Outcome.gap, Outcome.partial):
            assert finding.evidence, f"{finding.requirement_id}: {finding.reason}"
            assert all(item.location for item in finding.evidence if item.basis == "declared"), (
                f"{finding.requirement_id} cites a declaration without its line"
            )


@pytest.mark.parametrize("name", NAMES)
def test_every_unknown_names_what_would_decide_it(name: str) -> None:
    for finding in assessed(name).findings:
        if finding.outcome == Outcome.unknown:
            assert finding.missing_information, finding.requirement_id


def test_the_mostly_compliant_center_reads_well_above_the_many_gaps_center() -> None:
    good = assessed("mostly_compliant").scores
    poor = assessed("many_gaps").scores
    assert good.overall is not None and poor.overall is not None
    assert good.overall >= 80
    assert good.overall - poor.overall >= 50
    assert good.coverage is not None and poor.coverage is not None
    assert good.coverage > 60 and poor.coverage > 60


def test_a_center_that_said_little_shows_low_coverage_not_low_readiness() -> None:
    bare = assessed("bare").scores
    assert bare.coverage is not None and bare.coverage < 20
    good = assessed("mostly_compliant").scores
    assert good.coverage is not None and good.coverage > bare.coverage


def test_the_template_of_ccpa_init_declares_no_gap(tmp_path: Path) -> None:
    template = Path(ccpa_readiness.workspace.__file__).parent / "template"
    root = tmp_path / "new"
    shutil.copytree(template, root)
    findings = run_assessment(root, as_of=AS_OF).assessment.findings
    declared = [f.requirement_id for f in findings if f.outcome in (Outcome.gap, Outcome.partial)]
    assert not declared, "a fresh workspace says nothing, so nothing in it is a gap"
    assert sum(f.outcome == Outcome.unknown for f in findings) > 60


def test_the_mostly_compliant_center_plans_a_fraction_of_the_many_gaps_centers_work() -> None:
    """Both centers declare the template's default staffing; the compliant one's plan fits it."""
    from ccpa_readiness.roadmap import build_roadmap

    def planned(name: str) -> Roadmap:
        run = run_assessment(WORKSPACES / name, as_of=AS_OF)
        return build_roadmap(run.assessment, default_catalog(), run.facts)

    good, poor = planned("mostly_compliant"), planned("many_gaps")
    assert good.feasible and good.deadline is not None and good.finish is not None
    assert good.finish <= good.deadline and "NOT met" not in good.verdict
    assert good.budget.total.expected < poor.budget.total.expected / 2
    assert len(good.tasks) < len(poor.tasks) / 2

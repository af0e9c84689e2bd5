"""`ccpa catalog list|show|validate` and the shipped catalog's content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ccpa_readiness.catalog.loader import DATA_DIR, default_catalog
from ccpa_readiness.cli import app

runner = CliRunner()


def test_list_json_has_every_requirement_with_its_citations() -> None:
    result = runner.invoke(app, ["catalog", "list", "--format", "json"])
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert len(items) == 91  # the reference's 87 and the 4 service-provider duties (issue 12)
    for item in items:
        assert {"id", "title", "area", "citations", "severity"} <= set(item)
        assert item["citations"] and item["severity"] in {"high", "medium", "low"}


def test_catalog_matches_the_reference_ids(shared_dir: Path) -> None:
    reference = (shared_dir / "reference" / "ccpa-requirements.md").read_text()
    ids = set(re.findall(r"^### ([A-Z0-9-]+-\d\d):", reference, flags=re.MULTILINE))
    catalog_ids = {r.id for r in default_catalog().requirements}
    service_provider_duties = {
        "SP-CONTRACT-01",
        "SP-USE-LIMITS-01",
        "SP-SUBCONTRACTOR-01",
        "SP-CONSUMER-REQUESTS-01",
    }
    assert ids == catalog_ids - service_provider_duties  # added by issue 12 (law review E6)
    assert service_provider_duties <= catalog_ids


def test_every_figure_of_law_has_citation_and_date() -> None:
    law = default_catalog().law
    assert law.law_as_of.isoformat() == "2026-11-29"
    for key, figure in law.figures.items():
        assert figure.citation and figure.effective, key


def test_show_and_validate() -> None:
    shown = runner.invoke(app, ["catalog", "show", "cipa-consent-01"])
    assert shown.exit_code == 0 and "Pen." in shown.output and "remediation:" in shown.output
    assert runner.invoke(app, ["catalog", "show", "NOPE-01"]).exit_code == 2
    valid = runner.invoke(app, ["catalog", "validate"])
    assert valid.exit_code == 0 and "91 requirements" in valid.output


def test_validate_names_a_broken_catalog(tmp_path: Path) -> None:
    copy = tmp_path / "catalog"
    shutil.copytree(DATA_DIR, copy)
    notices = copy / "requirements" / "notices.yaml"
    notices.write_text(notices.read_text().replace("checks: [bot_disclosure]", "checks: [no_such_check]"))
    result = runner.invoke(app, ["catalog", "validate", str(copy)])
    assert result.exit_code == 2
    assert "BOT-DISCLOSURE-01: no check 'no_such_check'" in result.output

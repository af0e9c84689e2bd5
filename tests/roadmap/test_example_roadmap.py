"""`ccpa roadmap` on the example workspace: every task satisfies the model, checked from roadmap.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from tests.roadmap.model_check import model_violations

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-contact-center"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (EXAMPLE / "ccpa.yaml").is_file():
        pytest.skip("the example workspace is not in this checkout")
    workspace = tmp_path_factory.mktemp("acme") / "acme"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("out", ".ccpa"))
    result = CliRunner().invoke(app, ["roadmap", str(workspace), "--as-of", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert "Roadmap" in result.output
    return workspace / "out"


def test_every_task_satisfies_the_model(out_dir: Path) -> None:
    data = json.loads((out_dir / "roadmap.json").read_text())
    assert data["tasks"], "the example has open findings, so it has tasks"
    for key in ("start", "deadline", "feasible", "finish", "solver", "capacity", "working_days", "budget"):
        assert key in data
    assert set(data["solver"]) >= {"status", "objective", "bound"}
    assert data["solver"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert model_violations(data) == []
    deadline = data["deadline"]
    assert all(task["end"] <= deadline for task in data["tasks"])  # ISO dates compare as text


def test_the_model_check_catches_a_broken_schedule(out_dir: Path) -> None:
    data = json.loads((out_dir / "roadmap.json").read_text())
    dependent = next(t for t in data["tasks"] if t["depends_on"])
    dependent["start"] = data["working_days"][0]
    crowded = next(d for d, people in data["capacity"].items() if people == 1)
    for task in data["tasks"]:
        if task["department"] == crowded:
            task["start"], task["end"] = data["working_days"][0], data["working_days"][0]
    problems = model_violations(data)
    assert any("starts before" in p for p in problems)
    assert any(p.startswith(f"{crowded} uses") for p in problems)


def test_the_files_a_project_tool_imports(out_dir: Path) -> None:
    data = json.loads((out_dir / "roadmap.json").read_text())
    rows = (out_dir / "roadmap.csv").read_text().splitlines()
    assert rows[0].startswith(
        "Summary,Description,Issue Type,Section,Start Date,Due Date,Labels,Dependencies"
    )
    assert len(rows) == len(data["tasks"]) + 1
    calendar = Calendar.from_ical((out_dir / "milestones.ics").read_bytes())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "CCPA readiness deadline" in summaries and "CCPA roadmap complete" in summaries
    assert load_workbook(out_dir / "roadmap.xlsx").sheetnames == ["Summary", "Tasks", "Schedule", "Budget"]
    proposals = sorted(p.name for p in (out_dir / "proposals").iterdir())
    assert proposals, "the example has notice and vendor gaps"
    assert "notice_at_collection_ivr.es.docx" in proposals, "the example's IVR serves Spanish callers"
    for markdown in (out_dir / "proposals").glob("*.md"):
        spanish = ".es." in markdown.name
        draft = "DRAFT translation for counsel review" if spanish else "DRAFT for counsel review"
        assert draft in markdown.read_text()
        assert markdown.with_suffix(".docx").is_file()


def test_help_shows_an_example() -> None:
    result = CliRunner().invoke(app, ["roadmap", "--help"])
    assert result.exit_code == 0
    assert "Example: ccpa roadmap examples/acme-contact-center" in result.output


def test_a_missing_workspace_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["roadmap", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "workspace folder not found" in result.output

"""report.pdf of the example, as a board reads it (text extracted with pypdf), and `ccpa report`
in every format from out/ without re-assessing."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.review import views
from ccpa_readiness.review.inputs import load_inputs
from tests.reports.conftest import EXAMPLE

runner = CliRunner()
AS_OF = "2026-11-29"


def flat(text: str) -> str:
    """PDF text with its line breaks taken out (a sentence may wrap anywhere)."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("board") / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out", ".ccpa"))
    result = runner.invoke(app, ["assess", str(root), "--as-of", AS_OF, "--pdf"])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def pages(assessed: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(assessed / "out" / "report.pdf").pages]


@pytest.fixture(scope="module")
def findings(assessed: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((assessed / "out" / "findings.json").read_text())


@pytest.mark.slow
def test_the_first_page_is_the_summary_in_words(pages: list[str], findings: dict) -> None:  # type: ignore[type-arg]
    first = pages[0]
    assert "Executive summary" in first
    assert "The CCPA applies to Acme Home Services, Inc. as a business. Why:" in first
    assert "annual gross revenue above" in first
    scores = findings["scores"]
    assert (
        f"Readiness is {scores['overall']} of 100" in first and f"coverage is {scores['coverage']}%" in first
    )
    assert f"{scores['open_findings']} findings are open" in first
    top = sorted((f for f in findings["findings"] if f["priority"]), key=lambda f: f["priority"])[:5]
    for finding in top:
        exposure = finding["exposure"]
        assert f"({finding['requirement_id']})" in first.replace(" ", ""), "an id may wrap at its hyphen"
        assert f"expected ${exposure['expected_usd']:,.0f}, range ${exposure['low_usd']:,.0f}" in first
    assert re.search(r"The plan: \d+ tasks costing \$[\d,]+ expected .*within the budget of \$450,000", first)
    assert "against the deadline 2027-09-30" in first
    assert "What the departments must decide" in first and "Legal: sign off" in first
    assert "Risk picture" not in first and pages[1].startswith("Risk picture"), "the summary is one page"


@pytest.mark.slow
def test_the_pdf_has_the_heat_map_scores_gantt_task_table_and_every_finding(
    pages: list[str],
    findings: dict,  # type: ignore[type-arg]
    assessed: Path,
) -> None:
    text = " ".join(pages)
    heat = findings["scores"]["open_by_severity_likelihood"]
    assert "open findings by severity and likelihood" in text  # the heat map's own title
    high = " ".join(str(heat["high"][level]) for level in ("3", "2", "1", "0"))
    assert f"high {high}" in text, "the heat map's table of counts per cell"
    assert "Score per area" in text and "Call recording consent (CIPA)" in text
    roadmap = json.loads((assessed / "out" / "roadmap.json").read_text())
    gantt = text[text.index("Schedule") : text.index("Tasks with dates")]
    assert re.search(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*", gantt), "the Gantt's months"
    assert "deadline" in gantt.lower()
    table = text[text.index("Tasks with dates") :]
    for task in roadmap["tasks"]:
        assert task["start"] in table and task["end"] in table
    findings_part = text[text.index("Findings ") :]
    for finding in findings["findings"]:
        assert finding["requirement_id"] in findings_part
    evidenced = next(f for f in findings["findings"] if f["evidence"] and f["outcome"] == "met")
    source = evidenced["evidence"][0]["source"]
    assert source.replace(" ", "") in findings_part.replace(" ", ""), "collapsed findings print expanded"


@pytest.mark.slow
def test_ccpa_report_renders_every_format_from_out(assessed: Path, findings: dict) -> None:  # type: ignore[type-arg]
    before = (assessed / "out" / "findings.json").stat().st_mtime_ns
    for form in ("html", "pdf", "docx", "xlsx", "json"):
        target = assessed / f"board.{form}"
        result = runner.invoke(app, ["report", str(assessed), "--format", form, "--out", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    assert (assessed / "out" / "findings.json").stat().st_mtime_ns == before, "nothing re-assessed"
    document = json.loads((assessed / "board.json").read_text())
    assert document["assessment"]["scores"] == findings["scores"]
    assert document["summary"]["applicability"].startswith("The CCPA applies to Acme")
    assert len(document["summary"]["risks"]) == 5 and "<b>" not in document["summary"]["readiness"]
    assert "Tasks with dates" in (assessed / "board.html").read_text()
    assert flat(PdfReader(assessed / "board.pdf").pages[0].extract_text()).startswith("CCPA readiness: Acme")
    docx = Document(str(assessed / "board.docx"))
    assert docx.core_properties.title == "CCPA readiness: Acme Home Services, Inc."
    assert any("risks to fix first" in p.text for p in docx.paragraphs)
    assert load_workbook(assessed / "board.xlsx").sheetnames
    default = runner.invoke(app, ["report", str(assessed), "--format", "json"])
    assert default.exit_code == 0 and (assessed / "out" / "report.json").is_file()


def test_report_without_an_assessment_names_the_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2
    assert "findings.json" in result.output and "ccpa assess" in result.output
    assert "Traceback" not in result.output


def test_report_of_a_broken_findings_file_names_it(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "findings.json").write_text('{"organization": 3', encoding="utf-8")
    result = runner.invoke(app, ["report", str(tmp_path), "--format", "html"])
    assert result.exit_code == 2 and "findings.json: not JSON" in " ".join(result.output.split())


@pytest.mark.slow
def test_without_weasyprint_assess_names_the_problem_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "acme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("out", ".ccpa"))
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as when Pango is missing
    result = runner.invoke(app, ["assess", str(root), "--as-of", AS_OF, "--pdf"])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "report.pdf: not written: WeasyPrint cannot be loaded" in output and "Traceback" not in output
    for name in ("findings.json", "report.html", "roadmap.json", "roadmap.xlsx"):
        assert (root / "out" / name).is_file(), name
    assert not (root / "out" / "report.pdf").exists()


def test_an_undetermined_applicability_never_says_applies(tmp_path: Path) -> None:
    root = tmp_path / "blank"
    assert runner.invoke(app, ["init", str(root)]).exit_code == 0
    runner.invoke(app, ["assess", str(root), "--as-of", AS_OF])
    result = runner.invoke(app, ["report", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads((root / "out" / "report.json").read_text())["summary"]
    assert "is not determined" in summary["applicability"]
    assert "applies" not in summary["applicability"] + summary["applicability_why"]
    html = (root / "out" / "report.html").read_text()
    statement = html[html.index('id="statement"') : html.index("</p>", html.index('id="statement"'))]
    assert "not determined" in statement and "applies" not in statement


@pytest.mark.slow
def test_the_review_app_counts_open_findings_as_the_report_does(assessed: Path, findings: dict) -> None:  # type: ignore[type-arg]
    inputs = load_inputs(assessed)
    assert views.open_by_severity(inputs) == findings["scores"]["open_by_severity"]
    total = sum(sum(row.values()) for row in findings["scores"]["open_by_severity"].values())
    assert (
        total == findings["scores"]["open_findings"] == sum(1 for f in findings["findings"] if f["priority"])
    )
    html = (assessed / "out" / "report.html").read_text()
    assert f"{total} findings are open" in html

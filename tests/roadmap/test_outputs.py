"""The roadmap's files: CSV rows for Jira/Asana, milestones, the HTML section, proposal documents."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document
from icalendar import Calendar

from ccpa_readiness.reports.proposal_docx import write_docx
from ccpa_readiness.reports.roadmap_files import roadmap_csv, roadmap_json, write_roadmap_outputs
from ccpa_readiness.reports.roadmap_html import render_roadmap_section
from ccpa_readiness.roadmap import Roadmap
from tests.reports.svg_reading import SVG, by_id_pattern, parse
from tests.roadmap.builders import facts, finding, requirement, roadmap_for, task

DEADLINE = dt.date(2027, 3, 5)  # five working days from Monday 1 March


@pytest.fixture(scope="module")
def roadmap(tmp_path_factory: pytest.TempPathFactory) -> Roadmap:
    tasks = [
        task("draft-spoken-notice", "Privacy", days=2, proposal="notice_at_collection_ivr"),
        task("build-ivr-prompt", "IT", days=2, depends_on=["draft-spoken-notice"]),
        task("train-agents", "Training/HR", days=1, depends_on=["draft-spoken-notice"]),
    ]
    the_facts = facts(
        tmp_path_factory.mktemp("ws"),
        {"Privacy": {"people": 1}, "IT": {"people": 1}, "Training/HR": {"people": 1}},
        DEADLINE,
    )
    requirements = [requirement("NOTICE-01", ["draft-spoken-notice", "build-ivr-prompt", "train-agents"])]
    return roadmap_for(tasks, requirements, [finding("NOTICE-01")], the_facts)


def test_json_has_iso_dates_and_the_issue_fields(roadmap: Roadmap) -> None:
    data = json.loads(roadmap_json(roadmap))
    (first,) = [t for t in data["tasks"] if t["id"] == "draft-spoken-notice"]
    assert (first["start"], first["end"]) == ("2027-03-01", "2027-03-02")
    assert first["requirement_ids"] == ["NOTICE-01"] and first["critical"] is True
    assert first["cost"]["expected"] == 2000
    assert data["proposals"] == [
        {
            "key": "notice_at_collection_ivr",
            "title": "Spoken notice at collection: IVR",
            "task_ids": ["draft-spoken-notice"],
        }
    ]


def test_csv_lists_predecessors_first_with_jira_links_and_asana_names(roadmap: Roadmap) -> None:
    rows = list(csv.reader(io.StringIO(roadmap_csv(roadmap))))
    header, body = rows[0], rows[1:]
    assert header[:8] == [
        "Summary",
        "Description",
        "Issue Type",
        "Section",
        "Start Date",
        "Due Date",
        "Labels",
        "Dependencies",
    ]
    assert header.count("Blocked by") == 1
    assert body[0][header.index("Task Id")] == "draft-spoken-notice"
    prompt = next(r for r in body if r[header.index("Task Id")] == "build-ivr-prompt")
    assert prompt[header.index("Dependencies")] == "Task draft-spoken-notice"
    assert prompt[header.index("Blocked by")] == body[0][header.index("Issue Id")]
    assert prompt[header.index("Start Date")] == "03/03/2027"
    assert "critical-path" in prompt[header.index("Labels")].split()


def test_milestones_and_proposal_documents(roadmap: Roadmap, tmp_path: Path) -> None:
    paths = write_roadmap_outputs(roadmap, tmp_path / "out")
    ics = next(p for p in paths if p.name == "milestones.ics")
    events = {str(e["uid"]).split("-", 2)[-1]: e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert events["deadline@ccpa-readiness"].decoded("dtstart") == DEADLINE
    assert events["finish@ccpa-readiness"].decoded("dtstart") == roadmap.finish
    assert "proposal-notice_at_collection_ivr@ccpa-readiness" in events
    docx = next(p for p in paths if p.suffix == ".docx")
    text = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    assert "DRAFT for counsel review." in text and "Test Co" in text


def test_html_section_is_self_contained_with_gantt_deadline_and_critical_path(roadmap: Roadmap) -> None:
    html = render_roadmap_section(roadmap)
    assert "<script" not in html
    assert html.count("<svg") == 3, "the Gantt (one part for three tasks) and two budget charts"
    assert f"deadline {DEADLINE}" in html
    gantt = parse(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])
    bars = by_id_pattern(gantt, r"task-[a-z-]+")
    outlined = {key for key, bar in bars.items() if next(bar.iter(f"{SVG}path")).get("stroke") == "#202124"}
    assert outlined == {f"task-{t.id}" for t in roadmap.tasks if t.critical} != set()
    assert "Task build-ivr-prompt" in html


def test_docx_keeps_headings_lists_continued_items_and_tables(tmp_path: Path) -> None:
    markdown = (
        "# Title\n\n> **DRAFT for counsel review.** Generated\n> for Test Co.\n\n## Steps\n\n"
        "- We confirm receipt within\n  10 business days.\n- Second\n\n"
        "| Step | Deadline |\n|---|---|\n| Respond | 45 days |\n"
    )
    document = Document(str(write_docx(markdown, tmp_path / "draft.docx")))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert paragraphs == [
        ("Title", "Title"),
        ("Normal", "DRAFT for counsel review. Generated for Test Co."),
        ("Heading 1", "Steps"),
        ("List Bullet", "We confirm receipt within 10 business days."),
        ("List Bullet", "Second"),
    ]
    (table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Step", "Deadline"],
        ["Respond", "45 days"],
    ]

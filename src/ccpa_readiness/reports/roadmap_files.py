"""The roadmap's files in `out/`: roadmap.json, roadmap.csv, roadmap.xlsx, milestones.ics, proposals/."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from ccpa_readiness.reports.proposal_docx import DraftProperties, write_docx
from ccpa_readiness.reports.roadmap_ics import Milestone, render_milestones
from ccpa_readiness.reports.roadmap_xlsx import write_roadmap_xlsx
from ccpa_readiness.roadmap.models import PlannedTask, Roadmap
from ccpa_readiness.spreadsheet import safe_row

CSV_DATE = "%m/%d/%Y"  # what Asana's importer reads; Jira's importer is told this format


def roadmap_json(roadmap: Roadmap) -> str:
    """The whole roadmap with ISO dates; proposals by key and title (their text and translations
    are in proposals/).

    The solver's wall time is left out so that the same inputs give the same file."""
    data = roadmap.model_dump(
        mode="json",
        exclude={"proposals": {"__all__": {"markdown", "translations"}}, "solver": {"wall_time_s"}},
    )
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def csv_order(roadmap: Roadmap) -> list[PlannedTask]:
    """Start date, then id: a task always comes after the tasks it depends on (Asana needs that)."""
    return sorted(roadmap.tasks, key=lambda t: (t.start, t.end, t.id))


def roadmap_csv(roadmap: Roadmap) -> str:
    """One row a task. Asana: Summary (leftmost = name), Description, Section, Start Date, Due Date,
    Dependencies (names). Jira: Summary, Issue Type, Description, Labels, Due Date, Issue Id and
    "Blocked by" (issue ids, one column each)."""
    tasks = csv_order(roadmap)
    issue_id = {task.id: index + 1 for index, task in enumerate(tasks)}
    titles = {task.id: task.title for task in tasks}
    links = max((len(task.depends_on) for task in tasks), default=0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "Summary",
            "Description",
            "Issue Type",
            "Section",
            "Start Date",
            "Due Date",
            "Labels",
            "Dependencies",
            "Task Id",
            "Effort (person-days)",
            "Crew",
            "Cost (USD)",
            "Requirements",
            "Issue Id",
            *["Blocked by"] * links,
        ]
    )
    for task in tasks:
        labels = [task.phase.value, *(["critical-path"] if task.critical else [])]
        blocked_by = [str(issue_id[d]) for d in task.depends_on]
        writer.writerow(
            safe_row(
                [
                    task.title,
                    task.description,
                    "Task",
                    task.department.value,
                    f"{task.start:{CSV_DATE}}",
                    f"{task.end:{CSV_DATE}}",
                    " ".join(labels),
                    ", ".join(titles[d] for d in task.depends_on),
                    task.id,
                    f"{task.effort_days:g}",
                    task.crew,
                    f"{task.cost.expected:.0f}",
                    " ".join(task.requirement_ids),
                    issue_id[task.id],
                    *blocked_by,
                    *[""] * (links - len(blocked_by)),
                ]
            )
        )
    return buffer.getvalue()


def write_proposals(roadmap: Roadmap, out_dir: Path) -> list[Path]:
    """Each draft as `KEY.md` and `KEY.docx`, and each draft translation as `KEY.LANGUAGE.md|docx`."""
    folder = out_dir / "proposals"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for proposal in roadmap.proposals:
        versions = [(proposal.key, "en", proposal.title, proposal.markdown)]
        versions += [
            (f"{proposal.key}.{t.language}", t.language, t.title, t.markdown) for t in proposal.translations
        ]
        for name, language, title, text in versions:
            markdown = folder / f"{name}.md"
            markdown.write_text(text, encoding="utf-8")
            properties = DraftProperties(title=title, organization=roadmap.organization, language=language)
            written += [markdown, write_docx(text, folder / f"{name}.docx", properties)]
    return written


def write_roadmap_outputs(
    roadmap: Roadmap, out_dir: Path, obligations: Sequence[Milestone] = ()
) -> list[Path]:
    """Write every roadmap file into `out_dir` (created if needed); returns the paths written.

    `obligations` are the assessment's dated obligations, added to milestones.ics."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {
        "roadmap.json": roadmap_json(roadmap),
        "roadmap.csv": roadmap_csv(roadmap),
    }
    written = []
    for name, text in texts.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written.append(write_roadmap_xlsx(roadmap, out_dir / "roadmap.xlsx"))
    ics = out_dir / "milestones.ics"
    ics.write_bytes(render_milestones(roadmap, obligations))
    written.append(ics)
    return written + write_proposals(roadmap, out_dir)

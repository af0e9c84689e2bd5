"""A proposal's Markdown as a Word document: headings, paragraphs, bullets, numbered steps, tables,
filled into the Word template `templates/draft.docx` (docxtpl), whose page header says DRAFT on
every page, with the document's real properties (title, company, author, dates, language).

The header and footer wording, per language, is in `templates/draft_docx.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from ccpa_readiness import __version__
from ccpa_readiness.yamlfile import read_yaml

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = TEMPLATES / "draft.docx"
WORDING = TEMPLATES / "draft_docx.yaml"
TOOL = "ccpa-readiness"
APP_PROPERTIES = "/docProps/app.xml"
EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

HEADING = re.compile(r"^(#{1,3}) (.*)")
BULLET = re.compile(r"^\s*- (.*)")
NUMBERED = re.compile(r"^\s*\d+\. (.*)")
QUOTE = re.compile(r"^> ?(.*)")
RULE_ROW = re.compile(r"^\|[-| :]+\|$")
CONTINUATION = re.compile(r"^\s{2,}(\S.*)")


def _plain(text: str) -> str:
    return text.replace("**", "")


def _cells(line: str) -> list[str]:
    return [_plain(cell.strip()) for cell in line.strip().strip("|").split("|")]


class Body(Protocol):
    """What the Markdown is written into: a python-docx document or a docxtpl sub-document."""

    def add_paragraph(self, text: str = ..., style: str | None = ...) -> Paragraph: ...
    def add_heading(self, text: str = ..., level: int = ...) -> Paragraph: ...
    def add_table(self, rows: int, cols: int) -> Any: ...


@dataclass(frozen=True)
class DraftProperties:
    title: str
    organization: str = ""
    language: str = "en"  # a key of draft_docx.yaml
    created: dt.datetime | None = None  # default: now


@cache
def _wording() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = read_yaml(WORDING).data
    return loaded


def write_docx(markdown: str, path: Path, properties: DraftProperties | None = None) -> Path:
    """The draft as a Word document at `path`; its title is the Markdown's first heading unless given."""
    heading = next((m[2] for line in markdown.splitlines() if (m := HEADING.match(line))), path.stem)
    draft = properties or DraftProperties(title=_plain(heading))
    wording = _wording()[draft.language]
    created = draft.created or dt.datetime.now(dt.UTC).replace(microsecond=0)
    fields = {
        "organization": draft.organization or "[organization]",
        "title": draft.title,
        "date": created.date(),
    }
    template = DocxTemplate(str(TEMPLATE))
    body = template.new_subdoc()
    write_markdown(body, markdown)
    context = {"header": wording["header"].format(**fields), "footer": wording["footer"].format(**fields)}
    template.render({**context, "body": body}, autoescape=True)
    _set_properties(template, draft, wording, created)
    template.save(str(path))
    return path


def _set_properties(
    template: DocxTemplate, draft: DraftProperties, wording: dict[str, str], created: dt.datetime
) -> None:
    core = template.docx.core_properties
    core.title, core.subject = draft.title, wording["subject"]
    core.author = core.last_modified_by = f"{TOOL} {__version__}"
    core.created = core.modified = created.replace(tzinfo=None)
    core.revision = 1
    core.category, core.keywords = wording["category"], wording["keywords"]
    core.comments, core.language = wording["comments"], wording["language"]
    for part in template.docx.part.package.iter_parts():
        if part.partname == APP_PROPERTIES:
            tree = etree.fromstring(part.blob)
            for name, value in (("Company", draft.organization), ("Application", TOOL), ("AppVersion", "")):
                element = tree.find(EXTENDED + name)
                if element is None:
                    element = etree.SubElement(tree, EXTENDED + name)
                element.text = value or None
            part._blob = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_markdown(document: Body, markdown: str) -> None:
    """The Markdown's blocks added to `document`."""
    lines = markdown.splitlines()
    paragraph: list[str] = []
    item: Paragraph | None = None  # the list item an indented line continues

    def flush() -> None:
        if paragraph:
            document.add_paragraph(_plain(" ".join(paragraph)))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.startswith("|"):
            flush()
            rows = [_cells(line)]
            while index < len(lines) and lines[index].startswith("|"):
                if not RULE_ROW.match(lines[index].strip()):
                    rows.append(_cells(lines[index]))
                index += 1
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row[: len(rows[0])]):
                    table.cell(r, c).text = value
            continue
        match_heading, match_bullet = HEADING.match(line), BULLET.match(line)
        match_numbered, match_quote = NUMBERED.match(line), QUOTE.match(line)
        continued = CONTINUATION.match(line)
        if item is not None and continued and not (match_bullet or match_numbered):
            item.add_run(" " + _plain(continued[1]))
            continue
        item = None
        if match_heading:
            flush()
            document.add_heading(_plain(match_heading[2]), level=len(match_heading[1]) - 1)
        elif match_bullet:
            flush()
            item = document.add_paragraph(_plain(match_bullet[1]), style="List Bullet")
        elif match_numbered:
            flush()
            item = document.add_paragraph(_plain(match_numbered[1]), style="List Number")
        elif match_quote:
            paragraph.append(match_quote[1])
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    flush()

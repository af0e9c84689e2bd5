"""A proposal's Markdown as a Word document: headings, paragraphs, bullets, numbered steps, tables."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph

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


def write_docx(markdown: str, path: Path) -> Path:
    document = Document()
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
    document.save(str(path))
    return path

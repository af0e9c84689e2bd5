"""Markdown: ATX and setext headings, whole-line bold as minor headings, table rows as paragraphs."""

from __future__ import annotations

import re

from ccpa_readiness.evidence.documents.model import Block

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)([^*_]{2,120})\1\s*:?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|(?<![^\W_])_|_(?![^\W_]))")
_LIST_MARK = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_BOLD_HEADING_LEVEL = 5


def inline_text(line: str) -> str:
    return _EMPHASIS.sub("", _LINK.sub(r"\1", line)).replace("\\", "")


def _strip_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for end, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return lines[end + 1 :]
    return lines


def read_markdown(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(Block(text=inline_text(" ".join(lines))))
            lines.clear()

    for raw in _strip_front_matter(text.splitlines()):
        line = raw.strip()
        atx = _ATX.match(line)
        bold = _BOLD_LINE.match(line)
        if atx:
            flush()
            blocks.append(Block(text=inline_text(atx.group(2)), heading_level=len(atx.group(1))))
        elif _SETEXT.match(line) and len(lines) == 1:
            blocks.append(Block(text=inline_text(lines[0]), heading_level=1 if line[0] == "=" else 2))
            lines.clear()
        elif bold:
            flush()
            blocks.append(Block(text=bold.group(2), heading_level=_BOLD_HEADING_LEVEL))
        elif not line or _TABLE_RULE.match(line):
            flush()
        elif line.startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            blocks.append(Block(text=inline_text("; ".join(c for c in cells if c))))
        elif _LIST_MARK.match(line):
            flush()
            lines.append(_LIST_MARK.sub("", line))
        else:
            lines.append(line.lstrip("> "))
    flush()
    return blocks

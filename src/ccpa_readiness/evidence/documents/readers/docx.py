"""DOCX: paragraphs with their styles ("Title", "Heading N") and table rows, in body order."""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ccpa_readiness.evidence.documents.model import Block
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)


def _paragraph_block(paragraph: Paragraph) -> Block:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style)
    if heading:
        return Block(text=paragraph.text, heading_level=int(heading.group(1)))
    return Block(text=paragraph.text, heading_level=1 if style.lower() == "title" else None)


def _table_blocks(table: Table) -> list[Block]:
    return [Block(text="; ".join(cell.text for cell in row.cells if cell.text.strip())) for row in table.rows]


def read_docx(data: bytes) -> list[Block]:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged package can fail anywhere inside the parser
        raise UnreadableDocument(f"broken DOCX: {error}") from error
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(_paragraph_block(item))
        else:
            blocks.extend(_table_blocks(item))
    return blocks

"""Read any supported file into a `ParsedDocument`, choosing the reader by suffix, then by content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccpa_readiness.evidence.documents.model import Block, ParsedDocument
from ccpa_readiness.evidence.documents.readers.docx import read_docx
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument
from ccpa_readiness.evidence.documents.readers.html import read_html
from ccpa_readiness.evidence.documents.readers.markdown import read_markdown
from ccpa_readiness.evidence.documents.readers.pdf import read_pdf
from ccpa_readiness.evidence.documents.readers.plain import read_plain
from ccpa_readiness.evidence.documents.sectioning import build_sections

Reader = Callable[[bytes], list[Block]]


def _decoded(read_text: Callable[[str], list[Block]]) -> Reader:
    def read(data: bytes) -> list[Block]:
        if b"\x00" in data[:8192]:
            raise UnreadableDocument("binary file, not a text document")
        return read_text(data.decode("utf-8", errors="replace"))

    return read


_BY_SUFFIX: dict[str, Reader] = {
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".md": _decoded(read_markdown),
    ".markdown": _decoded(read_markdown),
    ".txt": _decoded(read_plain),
}


def _sniffed(data: bytes) -> Reader:
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return read_pdf
    if head.startswith(b"pk\x03\x04"):
        return read_docx
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return read_html
    return _decoded(read_plain)


def read_document(path: Path) -> ParsedDocument:
    """Parse one file; raise `UnreadableDocument` for an unreadable, binary or empty one."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"cannot read: {error.strerror}") from error
    if not data.strip():
        raise UnreadableDocument("empty file")
    reader = _BY_SUFFIX.get(path.suffix.lower()) or _sniffed(data)
    sections = build_sections(reader(data))
    if not sections:
        raise UnreadableDocument("no text found")
    return ParsedDocument(path=str(path), sections=sections)

"""Read any supported file into a `ParsedDocument`, choosing the reader by content, then by suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccpa_readiness.evidence.common.guard import ReadError, check_archive, limits, read_bytes, sniff
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
        return read_text(data.decode("utf-8", errors="replace"))

    return read


_TEXT_BY_SUFFIX: dict[str, Reader] = {
    ".html": read_html,
    ".htm": read_html,
    ".md": _decoded(read_markdown),
    ".markdown": _decoded(read_markdown),
    ".txt": _decoded(read_plain),
}
_CONTAINER_SUFFIXES = {".pdf": "pdf", ".docx": "zip"}


def _docx(data: bytes) -> list[Block]:
    try:
        check_archive(data)
    except ReadError as error:
        raise UnreadableDocument(f"broken DOCX: {error.message}") from None
    return read_docx(data)


def _reader(data: bytes, suffix: str) -> Reader:
    """The reader the content calls for, whatever the file's name: a suffix only chooses among
    text formats (HTML, Markdown, plain); a PDF or DOCX name on other content is refused."""
    kind = sniff(data)
    expected = _CONTAINER_SUFFIXES.get(suffix)
    if expected is not None and kind != expected:
        raise UnreadableDocument(f"named {suffix} but the content is {kind}: not read")
    if kind == "pdf":
        return read_pdf
    if kind == "zip":
        return _docx
    if kind != "text":
        raise UnreadableDocument(f"{kind} content, not a text document" if kind != "binary" else _BINARY)
    if suffix in _TEXT_BY_SUFFIX:
        return _TEXT_BY_SUFFIX[suffix]
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return read_html
    return _decoded(read_plain)


_BINARY = "binary file, not a text document"


def read_document(path: Path) -> ParsedDocument:
    """Parse one file; raise `UnreadableDocument` for an unreadable, binary, oversized or empty one."""
    try:
        data = read_bytes(path, limits().file_bytes, "document")
    except ReadError as error:
        raise UnreadableDocument(error.message) from None
    if not data.strip():
        raise UnreadableDocument("empty file")
    blocks = _reader(data, path.suffix.lower())(data)
    most = limits().document_chars
    if sum(len(block.text) for block in blocks) > most:
        raise UnreadableDocument(f"more than {most:,} characters of text (CCPA_LIMIT_DOCUMENT_CHARS)")
    sections = build_sections(blocks)
    if not sections:
        raise UnreadableDocument("no text found")
    return ParsedDocument(path=str(path), sections=sections)

"""Hostile inputs, built small in memory or streamed to disk: bombs, deep nesting, broken archives."""

from __future__ import annotations

import gzip
import itertools
import zipfile
import zlib
from pathlib import Path

MB = 1_000_000


def yaml_alias_bomb(levels: int = 9, width: int = 9, key: str = "") -> str:
    """About 1 KB of YAML whose aliases expand to `width ** levels` values (9**9: 387 million)."""
    names = [chr(ord("a") + i) for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * width)}]")
    indent = "  " if key else ""
    return (f"{key}:\n" if key else "") + "".join(f"{indent}{line}\n" for line in lines)


def yaml_recursive_alias(key: str = "") -> str:
    indent = "  " if key else ""
    return (f"{key}:\n" if key else "") + f"{indent}loop: &loop [*loop]\n{indent}name: x\n"


def deep_json(levels: int = 100_000) -> str:
    return "[" * levels + "]" * levels


def deep_yaml(levels: int = 100_000) -> str:
    """Block sequences nested on one line, `- - - ... x` (libyaml refuses deep flow-style nesting
    by itself, not this)."""
    return "- " * levels + "x\n"


def gzip_bomb(path: Path, expanded_bytes: int, prefix: bytes = b"") -> Path:
    """A gzip file of `prefix` then `expanded_bytes` of the letter a (no newline): about 1/1000 its size."""
    chunk = b"a" * MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    with path.open("wb") as handle:
        handle.write(compressor.compress(prefix))
        for _ in range(expanded_bytes // MB):
            handle.write(compressor.compress(chunk))
        handle.write(compressor.flush())
    return path


def corrupt_gzip(path: Path, text: bytes) -> Path:
    """A gzip file whose compressed data is damaged half way."""
    data = bytearray(gzip.compress(text * 200))
    middle = len(data) // 2
    data[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data[: len(data) - 8]))
    return path


DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx_bomb(path: Path, expanded_bytes: int) -> Path:
    """A DOCX whose document part expands to `expanded_bytes` of tiny paragraphs."""
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    chunk = paragraph * (MB // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(expanded_bytes // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return path


def huge_jsonl_record(path: Path, text_bytes: int, then: str = "") -> Path:
    """One JSONL record whose text is `text_bytes` long, streamed to disk, then the lines `then`."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"id": "huge", "text": "')
        piece = "my number is 555 0100 " * 45_455  # about 1 MB
        for _ in range(text_bytes // len(piece)):
            handle.write(piece)
        handle.write('"}\n')
        handle.write(then)
    return path

"""WebVTT and SRT captions: one conversation a file, each caption line a turn.

The speaker comes from a `<v Name>` voice tag or a `NAME:` prefix, else from the line before. A
cue whose timing line is malformed is reported with its line and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document, TurnBuilder
from ccpa_readiness.evidence.transcripts.readers.speakers import SPEAKER_LINE

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}"
TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s.*)?$")
_VOICE = re.compile(r"^<v(?:\.[\w.]+)?\s+([^>]+)>")
_CLOSING_VOICE = "</v>"


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks with the index of their first line."""
    block: list[str] = []
    first = 0
    for index, line in enumerate([*lines, ""]):
        if line.strip():
            if not block:
                first = index
            block.append(line)
        elif block:
            yield first, block
            block = []


def read(lines: Iterable[str], source: str, fmt: str) -> Iterator[Document | Problem]:
    raw = [line.rstrip("\r\n") for line in lines]
    if fmt == "vtt" and not (raw and raw[0].lstrip("\ufeff").startswith("WEBVTT")):
        yield Problem(source=source, location="line 1", message="no WEBVTT header; read as captions anyway")
    builder = TurnBuilder()
    speaker = "UNKNOWN"
    for first, block in _blocks(raw):
        if block[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        timing_at = 1 if block[0].strip().isdigit() or "-->" not in block[0] else 0
        if len(block) <= timing_at or not TIMING.match(block[timing_at]):
            where = f"line {first + timing_at + 1}"
            yield Problem(source=source, location=where, message="broken cue skipped")
            continue
        for offset, line in enumerate(block[timing_at + 1 :], start=first + timing_at + 1):
            speaker, start = _speaker(line, speaker)
            end = len(line) - len(_CLOSING_VOICE) if line.endswith(_CLOSING_VOICE) else len(line)
            builder.add(speaker, line[start:end], (offset,), start)
    yield builder.document(source, source, 1, fmt, raw)


def _speaker(line: str, current: str) -> tuple[str, int]:
    voice = _VOICE.match(line)
    if voice is not None:
        return voice.group(1).strip(), voice.end()
    named = SPEAKER_LINE.match(line)
    if named is not None and len(named.group(1)) <= 20:
        return named.group(1).strip(), named.start(2)
    return current, 0


def write(handle: IO[str], lines: Any, first: bool) -> None:
    handle.write("\n".join(lines) + "\n")

"""`SPEAKER: text` lines: the plain-text transcript convention, also inside canonical `text`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ccpa_readiness.evidence.transcripts.models import Document, Path_, Segment, Turn

SPEAKER_LINE = re.compile(r"^[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*:[ \t]?(.*)$")
# what comes before a speaker line's colon (the speaker's name holds no colon: the first one ends it)
_SPEAKER = re.compile(r"[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*")


# a named tuple made as a tuple is (the named tuple's own `__new__` is a Python function, called
# once a line)
_new_turn = tuple.__new__


@lru_cache(maxsize=4096)
def _head(head: str) -> tuple[str, int] | None:
    """The speaker named by a line's head (its text up to its first colon and the character after
    it) and where the words start in the line (past one blank after the colon), or None. Heads
    repeat: the same speakers in every conversation."""
    colon = head.find(":")
    match = _SPEAKER.fullmatch(head[:colon])
    if match is None:
        return None
    return match.group(1).strip(), colon + 2 if head[colon + 1 :] in (" ", "\t") else colon + 1


def turns_from_text(text: str) -> list[Turn]:
    """The turns of a text whose every non-empty line is `SPEAKER: words` (`SPEAKER_LINE`);
    otherwise none. Lines are cut at `\\n` only, as `SPEAKER_LINE` reads them."""
    found: list[Turn] = []
    offset = 0
    for line in text.split("\n"):
        size = len(line)
        colon = line.find(":")
        head = None if colon < 0 else _head(line[: colon + 2])
        if head is not None:
            found.append(_new_turn(Turn, (head[0], offset + head[1], offset + size)))
        elif size and not line.isspace():
            return []
        offset += size + 1
    return found


def text_document(
    doc_id: str, source: str, line: int, fmt: str, text: str, path: Path_, raw: Any
) -> Document:
    """A document whose text is one field of its record (canonical `text`, a CSV column)."""
    return Document(
        doc_id, source, line, fmt, text, turns_from_text(text), [Segment(0, len(text), path)], raw
    )

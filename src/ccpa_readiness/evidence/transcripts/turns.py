"""The turns of a text written as `SPEAKER: words` lines (plain-text transcripts, canonical `text`):
split out only where they are needed, and whether a text is a conversation without splitting it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple


class Turn(NamedTuple):
    """One speaker's turn: its span in the document's text (the words, without `SPEAKER: `).
    A named tuple: a conversation has many, and a tuple is built several times faster."""

    speaker: str
    start: int
    end: int


SPEAKER_LINE = re.compile(r"^[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*:[ \t]?(.*)$")
# what comes before a speaker line's colon (the speaker's name holds no colon: the first one ends it)
_SPEAKER = re.compile(r"[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*")
# a line of `turns_from_text` that is a turn (up to its line break: no class here holds `:` or
# `\n`, so the colon is the line's first), and one that is blank (`str.isspace` is `\s`). The
# quantifiers are possessive (they never give back what they took), so a line matches in one way
# only: the name takes up to 30 of its characters and the blanks the rest before the colon (a name
# may end in spaces, so this accepts what `SPEAKER_LINE` accepts). With backtracking quantifiers
# the spaces before a colon could be split between the name and the blanks in several ways, and a
# text of such lines that is no conversation took time exponential in its lines to refuse
_TURN_LINE = r"[ \t]*+[A-Za-z][\w .'\-]{0,30}+[ \t]*+:[^\n]*+"
_BLANK_LINE = r"[^\S\n]*"
# two turns or more and no other line than turns and blank ones
_CONVERSATION = re.compile(
    rf"(?:{_BLANK_LINE}\n)*{_TURN_LINE}\n(?:{_BLANK_LINE}\n)*{_TURN_LINE}(?:\n(?:{_TURN_LINE}|{_BLANK_LINE}))*"
)

# the speaker of each turn line of a conversation (its every non-blank line is one), searched for
# in the text with a line break put before it (`_lines`): a match starts at the break before its
# line, which is where the line starts in the text itself. A pattern that starts with a literal is
# searched for it in C; `^` with MULTILINE is tried at every character (a third more CPU)
_TURN_SPEAKER = re.compile(r"\n[ \t]*([A-Za-z][\w .'\-]{0,30}?)[ \t]*:")


def _lines(text: str) -> str:
    return "\n" + text


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


def is_conversation(text: str) -> bool:
    """`len(turns_from_text(text)) > 1`, in one regex call (no turn made)."""
    return _CONVERSATION.fullmatch(text) is not None


def speakers_of(text: str) -> tuple[str, ...]:
    """The speakers of the turns of a text that `is_conversation`, in order, none split out."""
    return tuple(_TURN_SPEAKER.findall(_lines(text)))


def turns_at(text: str, offsets: Sequence[int]) -> list[int]:
    """For each offset, the index of the turn of a text that `is_conversation` whose words hold
    it, or -1 (a speaker's label, a line break, a blank line): read from the offset's line and
    one pass over the text's speaker labels, no turn split out."""
    if not offsets:
        return []
    heads = [match.start() for match in _TURN_SPEAKER.finditer(_lines(text))]  # where each turn's line starts
    return [_turn_at(text, heads, offset) for offset in offsets]


def _turn_at(text: str, heads: list[int], offset: int) -> int:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if offset >= (len(text) if line_end < 0 else line_end):
        return -1
    line = text[line_start : len(text) if line_end < 0 else line_end]
    colon = line.find(":")
    head = None if colon < 0 else _head(line[: colon + 2])
    if head is None or offset < line_start + head[1]:
        return -1
    return bisect_left(heads, line_start)  # the turns on the lines before


def turn_holding(turns: Sequence[Turn], offset: int) -> int:
    """The index of the one of `turns` (in order) whose span holds `offset`, or -1."""
    index = bisect_right(turns, offset, key=_START) - 1
    return index if index >= 0 and offset < turns[index].end else -1


_START = attrgetter("start")

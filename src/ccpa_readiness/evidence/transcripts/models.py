"""A transcript document: its text for detection, its turns, and where each piece came from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ccpa_readiness.evidence.transcripts.turns import Turn as Turn
from ccpa_readiness.evidence.transcripts.turns import (
    is_conversation,
    speakers_of,
    turn_holding,
    turns_at,
    turns_from_text,
)

Path_ = tuple[str | int, ...]


class Segment(NamedTuple):
    """`doc.text[start:end]` equals `value_at(doc.raw, path)[raw_start:raw_start + end - start]`.
    A named tuple, as `Turn`: every document has one at least."""

    start: int
    end: int
    path: Path_
    raw_start: int = 0


@dataclass(slots=True)
class Document:
    """One conversation or text. `text` is what detectors read and what span offsets refer to:
    the record's `text`, or its turns joined as `SPEAKER: text` lines with `\\n`. `given_turns`:
    the turns as the record gives them, or None for a text whose own `SPEAKER: words` lines are
    its turns (`turns`, split out the first time they are asked for)."""

    id: str
    source: str
    line: int
    fmt: str
    text: str
    given_turns: list[Turn] | None = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    raw: Any = None

    @property
    def turns(self) -> list[Turn]:
        if self.given_turns is None:
            self.given_turns = turns_from_text(self.text)
        return self.given_turns

    @property
    def is_conversation(self) -> bool:
        """Whether it has two turns or more (a text's are not split out to tell)."""
        if self.given_turns is None:
            return is_conversation(self.text)
        return len(self.given_turns) > 1

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speaker of each turn of a conversation (a text's turns not split out)."""
        if self.given_turns is None:
            return speakers_of(self.text)
        return tuple(turn.speaker for turn in self.given_turns)

    def turns_at(self, offsets: Sequence[int]) -> list[int]:
        """The index of the conversation's turn whose words hold each offset, or -1 (a text's
        turns not split out)."""
        if self.given_turns is None:
            return turns_at(self.text, offsets)
        return [turn_holding(self.given_turns, offset) for offset in offsets]


class TurnBuilder:
    """Joins turns as `SPEAKER: text` lines, recording each turn's span and raw segment."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.turns: list[Turn] = []
        self.segments: list[Segment] = []

    def add(self, speaker: str, text: str, path: Path_ | None = None, raw_start: int = 0) -> None:
        if self.parts:
            self._append("\n")
        self._append(f"{speaker}: ")
        start = self.length
        self._append(text)
        self.turns.append(Turn(speaker, start, self.length))
        if path is not None:
            self.segments.append(Segment(start, self.length, path, raw_start))

    def add_words(self, speaker: str, words: list[tuple[str, Path_, bool]]) -> None:
        """A turn made of recognised words `(content, path, is_punctuation)` (AWS Transcribe items)."""
        if self.parts:
            self._append("\n")
        self._append(f"{speaker}: ")
        start = self.length
        for index, (content, path, punctuation) in enumerate(words):
            if index and not punctuation:
                self._append(" ")
            self.segments.append(Segment(self.length, self.length + len(content), path))
            self._append(content)
        self.turns.append(Turn(speaker, start, self.length))

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def document(self, id: str, source: str, line: int, fmt: str, raw: Any) -> Document:
        return Document(id, source, line, fmt, "".join(self.parts), self.turns, self.segments, raw)

"""Cue phrases as the YAML files write them, compiled to case-insensitive whole-word patterns."""

from __future__ import annotations

import re
from functools import cache

_GAP = r"[\W_]+"
# A character class (kept as written) or a run of spaces (any gap between words).
_CLASS_OR_SPACES = re.compile(r"\[(?:\\.|[^\]])*\]| +")


def _body(cue: str) -> str:
    return _CLASS_OR_SPACES.sub(lambda m: m.group() if m.group().startswith("[") else _GAP, cue.strip())


def _whole_words(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


@cache
def compile_cue(cue: str) -> re.Pattern[str]:
    """`right to opt[- ]?out` matches "Right to Opt-Out": a space outside `[...]` matches any gap."""
    return _whole_words(_body(cue))


@cache
def _compile_union(cues: tuple[str, ...]) -> re.Pattern[str]:
    return _whole_words("|".join(f"(?:{_body(cue)})" for cue in cues))


class CueSet:
    """A list of cues searched together (one pattern for all), and one by one when asked which."""

    def __init__(self, cues: list[str]) -> None:
        self.cues = cues
        self.union = _compile_union(tuple(cues)) if cues else None

    def __bool__(self) -> bool:
        return bool(self.cues)

    def first(self, text: str) -> re.Match[str] | None:
        """The earliest match of any cue in `text`."""
        return self.union.search(text) if self.union else None

    def any(self, text: str) -> bool:
        return self.first(text) is not None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.union.finditer(text)) if self.union else []

    def matched(self, text: str) -> set[str]:
        """The cues (as written) that occur in `text`."""
        return {cue for cue in self.cues if compile_cue(cue).search(text)}

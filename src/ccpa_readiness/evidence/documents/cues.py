"""Cue phrases as the YAML files write them, compiled to case-insensitive whole-word patterns."""

from __future__ import annotations

import re
from functools import cache

_GAP = r"[\W_]+"
# A character class (kept as written) or a run of spaces (any gap between words).
_CLASS_OR_SPACES = re.compile(r"\[(?:\\.|[^\]])*\]| +")


@cache
def compile_cue(cue: str) -> re.Pattern[str]:
    """`right to opt[- ]?out` matches "Right to Opt-Out": a space outside `[...]` matches any gap."""
    body = _CLASS_OR_SPACES.sub(lambda m: m.group() if m.group().startswith("[") else _GAP, cue.strip())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


class CueSet:
    """A list of cues searched together; remembers which cue matched."""

    def __init__(self, cues: list[str]) -> None:
        self.cues = cues
        self.patterns = [compile_cue(cue) for cue in cues]

    def __bool__(self) -> bool:
        return bool(self.cues)

    def first(self, text: str) -> re.Match[str] | None:
        """The earliest match of any cue in `text`."""
        found = [m for m in (p.search(text) for p in self.patterns) if m]
        return min(found, key=lambda m: (m.start(), -m.end()), default=None)

    def matched(self, text: str) -> set[str]:
        """The cues (as written) that occur in `text`."""
        return {cue for cue, pattern in zip(self.cues, self.patterns, strict=True) if pattern.search(text)}

    def any(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)

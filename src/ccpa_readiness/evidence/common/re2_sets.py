"""google-re2 sets and patterns as the scanners match them: on UTF-8 bytes, through the compiled
objects' own match.

google-re2's Python `Set.Match` and `finditer` wrap a C++ match that gives what the scanners need
(a set's list of matching ids, a pattern's span) and add a Python call and objects per match on
top; the scanners call the C++ match directly. google-re2 is pinned in `pyproject.toml`, and this
module is the one place that reads its private attributes (`_set`, `_regexp`, `_Anchor`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import re2

MAX_MEMORY = 64 << 20  # per compiled set or pattern: the largest sets (phone plans) need it

SetMatch = Callable[[bytes], list[int]]
"""The ids of a set's patterns (their order of adding) that match a UTF-8 text: empty for none."""

UNANCHORED: Any = re2._Anchor.UNANCHORED


def options() -> re2.Options:
    """The options every set and pattern of the scanners is compiled with."""
    compiled = re2.Options()
    compiled.max_mem = MAX_MEMORY
    return compiled


def set_match(patterns: Iterable[str], whole: bool = False) -> SetMatch:
    """The match of one set of `patterns`: those found anywhere in a text or, `whole`, those that
    match all of it."""
    found = re2.Set.FullMatchSet(options()) if whole else re2.Set.SearchSet(options())
    for pattern in patterns:
        found.Add(pattern.encode("utf-8"))
    found.Compile()
    match: SetMatch = found._set.Match
    return match


def span_match(pattern: str) -> Any:
    """The compiled pattern behind `re2.compile`: `.Match(UNANCHORED, data, start, end)[0]` is
    the span of the first match in `data[start:end]`, (-1, -1) for none."""
    return re2.compile(pattern.encode("utf-8"), options())._regexp

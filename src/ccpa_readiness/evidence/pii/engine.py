"""Multi-pattern scanning: google-re2 on UTF-8 bytes when installed, Python `re` otherwise.

`PatternSet.scan` first asks an RE2 set which patterns match anywhere in the text (one pass for
all of them), then runs only those patterns; most texts match none and cost that one pass. The
matches of a pattern are found by calling RE2's own match in a loop, as google-re2's `finditer` on
bytes does, without building a match object per match. Without re2 every pattern runs with `re`.
Patterns use the syntax both engines share (no look-around, no back-references); case-insensitive
parts are written `(?i:...)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:
    from ccpa_readiness.evidence.common import re2_sets
except ImportError:  # pragma: no cover - exercised by the fallback test through `use_re2=False`
    re2_sets = None  # type: ignore[assignment]


class PatternSet:
    """Compiled patterns, scanned together; yields `(pattern index, start, end)` in characters.

    `gates`: per pattern, None or a pattern that every match worth reporting contains (a match
    without it is one its caller rejects anyway); with re2, a pattern whose gate matches nowhere
    in a text is not run on it."""

    def __init__(
        self, patterns: Sequence[str], use_re2: bool = True, gates: Sequence[str | None] = ()
    ) -> None:
        self.patterns = list(patterns)
        self.engine = "re2" if use_re2 and re2_sets is not None else "re"
        self._match: re2_sets.SetMatch | None = None
        self._compiled: list[Any]
        self._gates: list[int | None] = []  # the set index of each pattern's gate
        if self.engine == "re2":
            in_set = list(self.patterns)  # the gates follow the patterns: their ids come after
            for gate in gates:
                self._gates.append(None if gate is None else len(in_set))
                if gate is not None:
                    in_set.append(gate)
            self._gates += [None] * (len(self.patterns) - len(gates))
            self._match = re2_sets.set_match(in_set)
            self._compiled = [re2_sets.span_match(p) for p in self.patterns]
        else:
            self._compiled = [re.compile(p) for p in self.patterns]

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        """Every match of every pattern, by pattern index, then by position."""
        if self.engine == "re":
            return [
                (index, match.start(), match.end())
                for index, regex in enumerate(self._compiled)
                for match in regex.finditer(text)
            ]
        assert self._match is not None
        data = text.encode("utf-8")
        hits = self._match(data)
        if not hits:
            return []
        found = []
        size = len(data)
        for index in sorted(hits):
            if index >= len(self._compiled):
                break  # gates, after the patterns
            gate = self._gates[index]
            if gate is not None and gate not in hits:
                continue
            regexp, pos = self._compiled[index], 0
            while True:
                start, end = regexp.Match(_UNANCHORED, data, pos, size)[0]
                if start < 0:
                    break
                found.append((index, start, end))
                if pos == size:
                    break
                pos = pos + 1 if end == pos else end  # past an empty match, as `finditer` steps
        if size == len(text):
            return found
        to_chars = _ByteToChar(data)
        return [(index, to_chars(start), to_chars(end)) for index, start, end in found]


_UNANCHORED = None if re2_sets is None else re2_sets.UNANCHORED


class _ByteToChar:
    """Byte offset -> character offset in a UTF-8 text (only built for non-ASCII texts). Offsets
    mostly come in increasing order, so each call decodes only the bytes since the last one."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._byte = 0
        self._char = 0

    def __call__(self, offset: int) -> int:
        if offset < self._byte:
            self._byte = self._char = 0
        self._char += len(self._data[self._byte : offset].decode("utf-8", errors="ignore"))
        self._byte = offset
        return self._char

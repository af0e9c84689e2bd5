"""Numbers as speech recognition writes them, turned into digits with offsets kept.

"four one one one", "oh" for zero, "double five", "triple seven", "twenty three", "eight hundred",
digits split by spaces, dashes or the word "dash". `normalize` rewrites each run of three or more
number tokens (at least one of them a word) as its digits, and returns a map from every character
of the new text to its span in the original, so detections on the new text map back exactly.

The pauses a speaker makes are part of the value's shape: a run said in groups (commas, dashes,
"dash") whose sizes are those of an identifier (3-3-4 a phone number, 3-2-4 an SSN, 4-4-4-4 a
card) keeps its groups as `-`, so "two one two, five five one, three four four nine" reads
`212-551-3449` and is a phone number by its own shape, whatever words stand around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

try:
    import re2
except ImportError:  # pragma: no cover - google-re2 is a dependency; `re` gives the same runs
    re2 = None

UNITS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip
TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
    "eighty": "8", "ninety": "9",
}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}
SEPARATOR_WORDS = ("dash", "hyphen")  # "five five five dash one two three four"
_WORDS = [*UNITS, *TEENS, *TENS, *REPEATS, "hundred"]
_TOKEN = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"|\d+)"
_WORD = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_SEPARATOR = r"(?:[ ,.\-]{1,3}|[ ,]{1,2}(?:" + "|".join(SEPARATOR_WORDS) + r")[ ,]{1,2})"
# a run: three or more number tokens separated by spaces, commas, dashes or dots
_RUN_TEXT = r"(?i:\b" + _TOKEN + r"(?:" + _SEPARATOR + _TOKEN + r"){2,}\b)"
# the same runs on an ASCII text, where RE2's word boundaries and case folding are `re`'s (RE2
# scans in one pass what `re` tries token by token at every position)
_RUN_ASCII = None if re2 is None else re2.compile(_RUN_TEXT)
# what the multi-pattern scan looks for first (RE2 and re syntax): a number word next to another
# number token; only texts with one are normalised
RUN_PATTERN = r"(?i:\b(?:" + _WORD + _SEPARATOR + _TOKEN + "|" + r"\d+" + _SEPARATOR + _WORD + r")\b)"
_TOKENS = re.compile(r"[A-Za-z]+|\d")
_GROUP_BREAK = re.compile(r"[,\-]|\b(?:dash|hyphen)\b", re.IGNORECASE)
# digit-group sizes that are an identifier's own: phone (with or without the trunk 1), SSN, cards
GROUP_SHAPES = frozenset({(3, 3, 4), (1, 3, 3, 4), (3, 2, 4), (4, 4, 4, 4), (4, 6, 5), (4, 4, 4, 4, 3)})


@dataclass(frozen=True, slots=True)
class Normalized:
    """`text` with spoken runs as digits; `starts[i]`/`ends[i]`: original span of `text[i]`."""

    text: str
    starts: list[int]
    ends: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


Digit = tuple[str, int, int, int]
"""A digit, the original span of the token that said it, and the index of its spoken group."""


def _run_digits(run: str, offset: int) -> list[Digit]:
    """The digits a run says, each with the original span of the token that said it."""
    out: list[Digit] = []
    repeat = 1
    group = 0
    previous_end = 0
    pending_tens: tuple[str, int, int] | None = None
    for token in _TOKENS.finditer(run):
        word = token.group().lower()
        start, end = offset + token.start(), offset + token.end()
        if previous_end and _GROUP_BREAK.search(run, previous_end, token.start()):
            group += 1
        previous_end = token.end()
        if pending_tens is not None:
            digit, tens_start, _ = pending_tens
            pending_tens = None
            if word in UNITS and word not in ("oh", "o", "zero"):
                out.extend([(digit, tens_start, end, group), (UNITS[word], tens_start, end, group)])
                continue
            out.extend([(digit, tens_start, start, group), ("0", tens_start, start, group)])
        if word in SEPARATOR_WORDS:
            group += 1
            continue
        if word in REPEATS:
            repeat = REPEATS[word]
            continue
        if word in TENS:
            pending_tens = (TENS[word], start, end)
            continue
        if word == "hundred":
            out.extend([("0", start, end, group), ("0", start, end, group)])
            continue
        digits = UNITS.get(word) or TEENS.get(word) or word
        out.extend((d, start, end, group) for _ in range(repeat) for d in digits)
        repeat = 1
    if pending_tens is not None:
        digit, tens_start, tens_end = pending_tens
        out.extend([(digit, tens_start, tens_end, group), ("0", tens_start, tens_end, group)])
    return out


def _shaped(digits: list[Digit]) -> list[tuple[str, int, int]]:
    """The digits, with a `-` between spoken groups when their sizes are an identifier's."""
    sizes: list[int] = []
    for _, _, _, group in digits:
        if group >= len(sizes):
            sizes.extend([0] * (group + 1 - len(sizes)))
        sizes[group] += 1
    sizes = [size for size in sizes if size]
    out = [(d, start, end) for d, start, end, _ in digits]
    if tuple(sizes) not in GROUP_SHAPES:
        return out
    shaped: list[tuple[str, int, int]] = []
    for index, (d, start, end, group) in enumerate(digits):
        if index and group != digits[index - 1][3]:
            shaped.append(("-", digits[index - 1][2], start))
        shaped.append((d, start, end))
    return shaped


def _runs(text: str) -> Iterator[re.Match[str]]:
    if _RUN_ASCII is not None and text.isascii():
        return _RUN_ASCII.finditer(text)  # type: ignore[no-any-return]
    return run_pattern().finditer(text)


@cache
def run_pattern() -> re.Pattern[str]:
    """The runs with `re`, on any text: compiled at the first text that needs it (1.5 ms)."""
    return re.compile(_RUN_TEXT)


def normalize(text: str) -> Normalized | None:
    """The text with its spoken number runs as digits, or None when it has none."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = 0
    for run in _runs(text):
        if run.group().replace(" ", "").replace("-", "").replace(",", "").replace(".", "").isdigit():
            continue  # written digits already: nothing to rewrite
        digits = _shaped(_run_digits(run.group(), run.start()))
        pieces.append(text[cursor : run.start()])
        starts.extend(range(cursor, run.start()))
        ends.extend(range(cursor + 1, run.start() + 1))
        pieces.append("".join(d for d, _, _ in digits))
        starts.extend(s for _, s, _ in digits)
        ends.extend(e for _, _, e in digits)
        cursor = run.end()
    if not pieces:
        return None
    pieces.append(text[cursor:])
    starts.extend(range(cursor, len(text)))
    ends.extend(range(cursor + 1, len(text) + 1))
    return Normalized("".join(pieces), starts, ends)

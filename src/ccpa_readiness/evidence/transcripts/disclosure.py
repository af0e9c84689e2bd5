"""Recording disclosure and notice at collection, per conversation.

A turn gives a disclosure when it says so by meaning (`evidence/language`: "calls are monitored
and recorded", "this conversation is being recorded", "we use the details you give us, see our
privacy policy"), or when it fuzzily contains one of the workspace's approved texts (rapidfuzz
`partial_ratio`, which tolerates transcription errors) and the matched stretch is not negated.
Approved texts (`--disclosure FILE`, the inventory's notices) add to the recognition by
meaning; they never replace it. A text's kind is said in the file (`recording_disclosure: ...`)
or read by meaning; a text of neither kind cannot be used and is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccpa_readiness.evidence.language import Recogniser

RECORDING, NOTICE = "recording_disclosure", "notice_at_collection"
KINDS = (RECORDING, NOTICE)
MATCH_THRESHOLD = 85.0
MIN_WORDS = 4
_NEGATION = re.compile(r"(?i)\b(?:not|never|no longer|isn't|aren't|won't|wasn't|don't|doesn't|nor)\b|n't\b")
_KIND_PREFIX = re.compile(rf"^\s*({'|'.join(KINDS)})\s*:\s*(.*)$")


class UnusableText(ValueError):
    """An approved text that cannot be used, with its line (1-based) in the file it came from."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class ApprovedText:
    kind: str
    text: str


@cache
def recogniser() -> Recogniser:
    """The recogniser by meaning, imported when first used (a scan whose output shows no verdicts
    and has no approved texts reads none)."""
    from ccpa_readiness.evidence.language import recogniser as shipped

    return shipped()


def kinds_of(text: str) -> tuple[str, ...]:
    """The disclosure kinds a text gives, read by meaning."""
    return tuple(kind for kind in KINDS if recogniser().says(kind, text))


def approved_text(line: str, number: int = 1) -> ApprovedText | None:
    """One line of a disclosure file: `TEXT` or `KIND: TEXT`; blank and `#` lines give None."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    prefixed = _KIND_PREFIX.match(stripped)
    text = (prefixed.group(2) if prefixed else stripped).strip()
    if len(text.split()) < MIN_WORDS:
        raise UnusableText(
            number, f"too short to match safely ({len(text.split())} words, {MIN_WORDS} needed)"
        )
    if prefixed:
        return ApprovedText(prefixed.group(1), text.lower())
    kinds = kinds_of(text)
    if not kinds:
        raise UnusableText(
            number,
            "neither a recording disclosure nor a notice at collection by its meaning; "
            f"start the line with '{RECORDING}:' or '{NOTICE}:' to say which",
        )
    return ApprovedText(kinds[0], text.lower())


def approved_texts(lines: Iterable[str]) -> list[ApprovedText]:
    """Every usable line; raise `UnusableText` at the first line that cannot be used."""
    found = (approved_text(line, number) for number, line in enumerate(lines, start=1))
    return [text for text in found if text is not None]


Approved = ApprovedText | tuple[str, str] | str


def _approved(item: Approved) -> ApprovedText:
    if isinstance(item, ApprovedText):
        return item
    if isinstance(item, tuple):
        return ApprovedText(item[0], item[1].strip().lower())
    text = approved_text(item)
    if text is None:
        raise UnusableText(1, "empty approved text")
    return text


@dataclass(frozen=True, slots=True)
class DisclosureMatcher:
    """The workspace's approved texts by kind (lower-cased), on top of recognition by meaning."""

    texts: dict[str, tuple[str, ...]]

    @classmethod
    def from_texts(cls, texts: Sequence[Approved] = ()) -> DisclosureMatcher:
        approved = [_approved(item) for item in texts]
        return cls({kind: tuple(a.text for a in approved if a.kind == kind) for kind in KINDS})

    def may_give(self, text: str) -> bool:
        """Whether some part of `text` (a turn of a conversation, whose text holds every turn)
        may give a disclosure of some kind: a necessary condition of `first_givings` finding one,
        cheaper than cutting the turns out. It holds with approved texts to match, for a text
        that is not ASCII, and where the recogniser's word prefilter holds for the whole text (it
        holds for a text whenever it holds for a part of it)."""
        if any(self.texts.values()) or not text.isascii():
            return True
        return recogniser().may_say_any(KINDS, text)

    def first_giving(self, kind: str, turns: Sequence[str]) -> int | None:
        """The index of the first of `turns` that gives a disclosure of `kind`, or None."""
        return self.first_givings(turns, (kind,))[kind]

    def first_givings(self, turns: Sequence[str], kinds: Sequence[str] = KINDS) -> dict[str, int | None]:
        """For each of `kinds`, the index of the first of `turns` that gives it, or None.

        Each turn is read by meaning only when the conversation can say it at all: the
        recogniser's word prefilter over the turns joined is a necessary condition (a part of an
        ASCII text holds no word the whole lacks). Approved texts are matched turn by turn
        (rapidfuzz, in C++), only when the workspace has some of the kind and the turn is long
        enough to reach the threshold (`_can_reach`)."""
        joined = "\n".join(turns)
        by_meaning = recogniser().may_say_each(kinds, joined) if joined.isascii() else [True] * len(kinds)
        found: dict[str, int | None] = {}
        lowered: list[str] = []
        for kind, meaning in zip(kinds, by_meaning, strict=True):
            approved = self.texts.get(kind, ())
            if not meaning and not approved:  # most conversations: no turn to read
                found[kind] = None
                continue
            if approved and not lowered:
                lowered = [turn.lower() for turn in turns]
            found[kind] = next(
                (
                    index
                    for index, turn in enumerate(turns)
                    if (meaning and recogniser().says(kind, turn))
                    or (approved and self._approved_in(kind, lowered[index]))
                ),
                None,
            )
        return found

    def gives(self, kind: str, turn: str) -> bool:
        """Whether `turn` gives a disclosure of `kind`: by meaning, or by an approved text not negated."""
        return recogniser().says(kind, turn) or self._approved_in(kind, turn.lower())

    def _approved_in(self, kind: str, lowered: str) -> bool:
        return _approved_match(self.texts.get(kind, ()), lowered)


@lru_cache(maxsize=16384)
def _approved_match(approved: tuple[str, ...], lowered: str) -> bool:
    """Whether one of `approved` (a kind's texts, lower-cased) is fuzzily in `lowered` and not
    negated there. Cached: a contact center's agents say the same scripted lines in conversation
    after conversation, and a match costs about 3.5 microseconds of rapidfuzz a text."""
    from rapidfuzz import fuzz  # imported by the scans that have approved texts only

    for text in approved:
        if len(lowered) <= len(text):
            if not _can_reach(len(lowered), len(text)):
                continue
            window = lowered if fuzz.ratio(text, lowered) >= MATCH_THRESHOLD else None
        else:
            found = fuzz.partial_ratio_alignment(text, lowered, score_cutoff=MATCH_THRESHOLD)
            window = None if found is None else lowered[max(0, found.dest_start - 12) : found.dest_end + 12]
        if window is not None and not _NEGATION.search(window):
            return True
    return False


def _can_reach(shorter: int, longer: int) -> bool:
    """Whether texts of these lengths can reach `MATCH_THRESHOLD` by `fuzz.ratio`: at least
    `longer - shorter` characters differ, so the ratio is at most 200 * shorter / (shorter +
    longer) (compared in integers, exactly)."""
    return 200 * shorter * 100 >= int(MATCH_THRESHOLD * 100) * (shorter + longer)

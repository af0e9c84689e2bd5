"""Recording disclosure and notice at collection, per conversation.

A turn gives a disclosure when it fuzzily contains one of the approved texts (rapidfuzz
`partial_ratio`, which tolerates transcription errors) and the matched stretch is not negated
("this call is not recorded"). Approved texts are the workspace's (`--disclosure FILE`, one a
line; the inventory's scripts) or, when none is given, the common phrasings below. A text is a
recording disclosure when it speaks of recording or monitoring, a notice at collection when it
speaks of collecting personal information or of a privacy notice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

RECORDING, NOTICE = "recording_disclosure", "notice_at_collection"
KINDS = (RECORDING, NOTICE)
DEFAULT_TEXTS = (
    "this call may be recorded for quality and training purposes",
    "this call is being recorded",
    "calls are recorded and monitored",
    "this call may be monitored or recorded",
    "we collect personal information to help you and as described in our privacy notice",
    "you can find our privacy notice at",
    "the personal information we collect",
)
MATCH_THRESHOLD = 85.0
_RECORDING_WORDS = re.compile(r"(?i)record|monitor")
_NOTICE_WORDS = re.compile(r"(?i)privacy|collect|personal information|notice")
_NEGATION = re.compile(r"(?i)\b(?:not|never|no longer|isn't|aren't|won't|wasn't|don't|doesn't|nor)\b|n't\b")


@dataclass(frozen=True, slots=True)
class DisclosureMatcher:
    """Approved texts by kind, lower-cased."""

    texts: dict[str, tuple[str, ...]]

    @classmethod
    def from_texts(cls, texts: Sequence[str] = ()) -> DisclosureMatcher:
        chosen = [t.strip().lower() for t in texts if t.strip()] or list(DEFAULT_TEXTS)
        return cls(
            {
                RECORDING: tuple(t for t in chosen if _RECORDING_WORDS.search(t)),
                NOTICE: tuple(t for t in chosen if _NOTICE_WORDS.search(t)),
            }
        )

    def gives(self, kind: str, turn: str) -> bool:
        """Whether `turn` contains an approved text of `kind`, not negated."""
        lowered = turn.lower()
        for approved in self.texts[kind]:
            if len(lowered) <= len(approved):
                window = lowered if fuzz.ratio(approved, lowered) >= MATCH_THRESHOLD else None
            else:
                found = fuzz.partial_ratio_alignment(approved, lowered, score_cutoff=MATCH_THRESHOLD)
                window = (
                    None if found is None else lowered[max(0, found.dest_start - 12) : found.dest_end + 12]
                )
            if window is not None and not _NEGATION.search(window):
                return True
        return False

"""Retention periods a document states, per taxonomy category: "call recordings ... kept for 90 days"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ccpa_readiness.evidence.documents.cues import CueSet
from ccpa_readiness.evidence.documents.definitions import practice_vocabulary
from ccpa_readiness.evidence.documents.model import ParsedDocument
from ccpa_readiness.evidence.documents.sectioning import sentences

_CLAUSE_END = re.compile(r";|,? and |,? but |,? while ", re.IGNORECASE)


@dataclass(frozen=True)
class StatedPeriod:
    days: int
    phrase: str


@cache
def _duration_pattern() -> re.Pattern[str]:
    vocabulary = practice_vocabulary()
    numbers = "|".join(sorted(vocabulary.number_words, key=len, reverse=True))
    units = "|".join(vocabulary.duration_units)
    return re.compile(rf"\b(?P<n>\d+|{numbers})[\s-]*(\(\d+\)\s*)?(?P<unit>{units})s?\b", re.IGNORECASE)


def category_cues(key: str) -> CueSet:
    """The category's cues; a key without any reads as its own words (`call_recordings`)."""
    cues = practice_vocabulary().categories.get(key) or [key.replace("_", " ")]
    return CueSet(cues)


def _days(match: re.Match[str]) -> int:
    vocabulary = practice_vocabulary()
    amount = match.group("n").lower()
    number = int(amount) if amount.isdigit() else vocabulary.number_words[amount]
    return number * vocabulary.duration_units[match.group("unit").lower()]


def stated_periods(document: ParsedDocument, keys: list[str]) -> dict[str, list[StatedPeriod]]:
    """For each key, the periods stated in clauses about retention that name the category."""
    retention = CueSet(practice_vocabulary().retention_cues)
    pattern = _duration_pattern()
    found: dict[str, list[StatedPeriod]] = {}
    for section in document.sections:
        about_retention = retention.any(" ".join([*section.trail, section.heading]))
        for sentence in sentences(section.paragraphs):
            if not (about_retention or retention.any(sentence)):
                continue
            for clause in _CLAUSE_END.split(sentence):
                periods = [StatedPeriod(_days(m), m.group()) for m in pattern.finditer(clause)]
                for key in keys:
                    if periods and category_cues(key).any(clause):
                        found.setdefault(key, []).extend(periods)
    return found

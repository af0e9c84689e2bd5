"""PERSON without a statistical model: census name lists, cue phrases and speaker patterns.

A capitalised word starts a name when the US census lists it as a first name, or when a strong cue
("my name is", "this is", "directed by", "the actor is", ...) stands right before it; following
capitalised words extend it (surname). A lower-case word is a name only after a cue and when the
census lists it as a first name. Words the lists share with ordinary speech (`common_words.txt`)
count only capitalised inside a sentence; places (`place_words.txt`) and words next to a place word
("San Jose", "Wilson Avenue", "Morgan Hill") only after a strong cue.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# a capitalised run of one to three words (not all capitals: speaker labels, acronyms), or a
# lower-case word right after a cue
CAPITALISED = r"\b[A-Z][a-z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]+){0,2}\b"
AFTER_CUE = r"(?i:\b(?:with|to|from|for|pay|send|named|called|is|am|by)) [a-z][a-z'\-]+\b"

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_STRONG_CUE = re.compile(
    r"(?i:(?:my name is|name is|name's|this is|i am|i'm|call me|speaking with|talking to|directed by"
    r"|acted by|starring|stars|featuring|mr\.?|mrs\.?|ms\.?|actor is|actors is|actress is"
    r"|director is|actors are|dear) +$)"
)
# the last word of every strong cue: only after one of these is the cue pattern tried
_STRONG_TAILS = frozenset(
    [
        "is",
        "name's",
        "am",
        "i'm",
        "me",
        "with",
        "to",
        "by",
        "starring",
        "stars",
        "featuring",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "are",
        "dear",
    ]
)
_WEAK_CUES = frozenset(["with", "to", "from", "for", "pay", "send", "by", "and", "is", "am", "like"])
_PLACE_PREFIXES = frozenset(
    [
        "San",
        "Santa",
        "St",
        "St.",
        "Saint",
        "Los",
        "Las",
        "Fort",
        "Mount",
        "Mt",
        "Mt.",
        "Lake",
        "Port",
        "El",
        "La",
        "New",
        "Palo",
    ]
)
_PLACE_WORDS = frozenset(
    (
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "lane",
        "ln",
        "drive",
        "dr",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "parkway",
        "highway",
        "circle",
        "square",
        "plaza",
        "trail",
        "station",
        "park",
        "center",
        "centre",
        "hotel",
        "restaurant",
        "theater",
        "theatre",
        "airport",
        "international",
        "university",
        "college",
        "hospital",
        "church",
        "bar",
        "cafe",
        "grill",
        "inn",
        "hill",
        "hills",
        "city",
        "town",
        "valley",
        "beach",
        "heights",
        "village",
        "playhouse",
        "airlines",
        "airline",
        "subtitles",
        "runs",
        "county",
        "island",
        "bay",
        "creek",
    )
)


def _census_names(filename: str, limit: int | None = None) -> frozenset[str]:
    text = resources.files("names").joinpath(filename).read_text("utf-8")
    return frozenset(line.split(maxsplit=1)[0].lower() for line in text.splitlines()[:limit] if line.strip())


def _word_list(filename: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath(filename).read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@cache
def first_names() -> frozenset[str]:
    return _census_names("dist.male.first") | _census_names("dist.female.first")


@cache
def last_names() -> frozenset[str]:
    return _census_names("dist.all.last", limit=20000)


@cache
def common_words() -> frozenset[str]:
    return _word_list("common_words.txt")


@cache
def place_words() -> frozenset[str]:
    return _word_list("place_words.txt")


def _previous_word(text: str, start: int) -> str:
    """The word right before `start` on its line, with its punctuation; "" at a line's start."""
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    words = text[max(line_start, start - 40) : start].split()
    return words[-1] if words and text[start - 1 : start] == " " else ""


def _starts_name(text: str, start: int, word: str) -> tuple[bool, bool] | None:
    """Whether `word` at `start` may begin a name: (known first name, strong cue), or None."""
    low = word.lower()
    known = low in first_names()
    previous = _previous_word(text, start)
    strong = (
        previous.lower() in _STRONG_TAILS and _STRONG_CUE.search(text[max(0, start - 24) : start]) is not None
    )
    if strong:
        return (known, True) if word.istitle() or (known and low not in common_words()) else None
    if not known or low in place_words() or previous in _PLACE_PREFIXES or (word.isupper() and len(word) > 1):
        return None
    cued = previous.lower() in _WEAK_CUES
    if word.islower() and not cued:
        return None
    if low in common_words() and (word.islower() or not cued):
        return None
    return known, False


def refine_person(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """The name inside candidate `text[start:end]` with its score, or None when there is none."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    for index, (s, e, word) in enumerate(tokens):
        starts = _starts_name(text, s, word)
        if starts is None:
            continue
        known, strong = starts
        name_end, surnamed = e, False
        for _, e2, word2 in tokens[index + 1 :]:
            low2 = word2.lower()
            if low2 in _PLACE_WORDS:
                return None
            if low2 in common_words() or low2 in place_words():
                break
            name_end, surnamed = e2, surnamed or low2 in last_names()
        score = 0.55 + 0.2 * known + 0.2 * strong + 0.1 * surnamed
        return s, name_end, min(score, 1.0)
    return None

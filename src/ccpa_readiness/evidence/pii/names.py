"""PERSON without a statistical model: name lists, cue phrases and speaker patterns.

A capitalised word starts a name when a first-name list has it (the US census lists and an
international one), or when a strong cue ("my name is", "this is", "directed by", "the actor is",
"the account holder is"...) stands right before it; following capitalised words extend it
(surname). A lower-case word is a name only after a cue and when the lists have it.

Given names that are also ordinary words (`name_words.txt`: "Hope", "Will", "Grace") and brands
of payment talk (`brand_words.txt`: "Visa", "Chase") are decided by their context, not by the list:
a name right after a strong cue ("my name is Hope") or before a known surname ("Will Jackson"),
never after a possessive or an article ("my Visa", "the Grace period"); such a given name is a
name also capitalised after a weak cue ("share it with Grace"). Other words the lists share with
ordinary speech (`common_words.txt`: "In", "My", "Not") count only capitalised after a weak cue.
Places (`place_words.txt`), words after "in"/"at" or a place prefix ("San Jose") and words next to
a place word ("Wilson Avenue") are not names unless a strong cue says so; a surname that is also a
place word ("Karen Hill", "Grace Washington") stays with a known first name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

# a capitalised run of one to three words (not all capitals: speaker labels, acronyms), or a
# lower-case word right after a cue
# (Latin letters with diacritics spelled as ranges, which RE2 and `re` read alike)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏ"
_LOWER = "a-zß-öø-ÿĀ-ɏ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ɏ"
CAPITALISED = rf"\b[{_UPPER}][{_LOWER}][{_LETTER}'\-]*(?: [{_UPPER}][{_LETTER}'\-]+){{0,2}}"
AFTER_CUE = rf"(?i:\b(?:with|to|from|for|pay|send|named|called|is|am|by|me|i'm)) [{_LOWER}][{_LOWER}'\-]+"

_WORD = re.compile(rf"[{_LETTER}][{_LETTER}'\-]*")
_STRONG_CUE = re.compile(
    r"(?i:(?:my name is|name is|name's|this is|i am|i'm|call me|speaking with|talking to|directed by"
    r"|acted by|starring|stars|featuring|mr\.?|mrs\.?|ms\.?|actor is|actors is|actress is"
    r"|director is|actors are|dear|holder is|holder's name is|on the card is|on the account is) +$)"
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
# a possessive or an article before a word makes it a thing: "my Visa", "the Grace period"
_DETERMINERS = frozenset(["my", "your", "the", "a", "an", "our", "their", "his", "her", "this"])
_PLACE_CUES = frozenset(["in", "at", "near", "around", "downtown"])  # "a salon in Gilroy"
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


_STREET_SUFFIXES = frozenset(
    ("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr", "way", "court",
     "ct", "place", "pl", "parkway", "highway")
)  # fmt: skip


def _census_names(filename: str, limit: int | None = None) -> frozenset[str]:
    text = resources.files("names").joinpath(filename).read_text("utf-8")
    return frozenset(line.split(maxsplit=1)[0].lower() for line in text.splitlines()[:limit] if line.strip())


def _word_list(filename: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath(filename).read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _international_names() -> frozenset[str]:
    """First names of many countries (Jörg Michael's `nam_dict.txt`, shipped by gender-guesser):
    a line is a gender code, the name in columns 4-29, then frequencies by country."""
    text = (
        resources.files("gender_guesser")
        .joinpath("data/nam_dict.txt")
        .read_bytes()
        .decode("utf-8", "replace")
    )
    names = (line[3:29].strip() for line in text.splitlines() if not line.startswith("#") and len(line) > 29)
    return frozenset(fold(name) for name in names if name and "+" not in name and " " not in name)


@cache
def first_names() -> frozenset[str]:
    """US census first names and the international list, folded."""
    return _census_names("dist.male.first") | _census_names("dist.female.first") | _international_names()


@cache
def last_names() -> frozenset[str]:
    return _census_names("dist.all.last", limit=20000)


@cache
def common_words() -> frozenset[str]:
    return _word_list("common_words.txt")


@cache
def name_words() -> frozenset[str]:
    return _word_list("name_words.txt")


@cache
def brand_words() -> frozenset[str]:
    return _word_list("brand_words.txt")


@cache
def place_words() -> frozenset[str]:
    return _word_list("place_words.txt")


def fold(word: str) -> str:
    """Lower case without diacritics, as the census lists spell names (`Aimée` -> `aimee`)."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))


def _previous_word(text: str, start: int) -> str:
    """The word right before `start` on its line, with its punctuation; "" at a line's start."""
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    words = text[max(line_start, start - 40) : start].split()
    return words[-1] if words and text[start - 1 : start] == " " else ""


def _starts_name(text: str, start: int, word: str, surname_next: bool) -> tuple[bool, bool] | None:
    """Whether `word` at `start` may begin a name: (known first name, strong cue), or None.
    `surname_next`: a capitalised known surname follows it."""
    low = fold(word)
    known = low in first_names()
    previous = _previous_word(text, start)
    if previous.lower() in _DETERMINERS:
        return None
    strong = (
        previous.lower() in _STRONG_TAILS and _STRONG_CUE.search(text[max(0, start - 24) : start]) is not None
    )
    contextual = low in name_words() or low in brand_words()
    if strong:
        if contextual:
            return (known, True) if word.istitle() else None
        return (known, True) if low not in common_words() and (known or word.istitle()) else None
    if (
        not known
        or low in place_words()
        or previous in _PLACE_PREFIXES
        or previous.lower() in _PLACE_CUES
        or (word.isupper() and len(word) > 1)
    ):
        return None
    if low in brand_words():
        return (known, False) if surname_next else None
    cued = previous.lower() in _WEAK_CUES
    if word.islower() and not cued:
        return None
    if low in name_words() and word.istitle() and (cued or surname_next):
        return known, False
    if low in common_words() and (word.islower() or not cued):
        return None
    return known, False


def _is_surname(word: str) -> bool:
    """A capitalised known surname that is no common word nor place type ("Jackson", not "Beach")."""
    low = fold(word)
    return (
        word[:1].isupper() and low in last_names() and low not in common_words() and low not in _PLACE_WORDS
    )


def _place_surname(low: str, strong: bool, known: bool) -> bool:
    """A surname that is also a place word ("Grace Washington", "Karen Hill", never a street
    suffix) stays with a known first name or a name after a strong cue."""
    if low not in last_names() or low in _STREET_SUFFIXES:
        return False
    return (low in _PLACE_WORDS or low in place_words()) and (known or strong)


def refine_person(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """The name inside candidate `text[start:end]` with its score, or None when there is none."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    for index, (s, e, word) in enumerate(tokens):
        surname_next = index + 1 < len(tokens) and _is_surname(tokens[index + 1][2])
        starts = _starts_name(text, s, word, surname_next)
        if starts is None:
            continue
        known, strong = starts
        name_end, surnamed = e, False
        following = tokens[index + 1 :]
        for position, (_, e2, word2) in enumerate(following):
            low2 = fold(word2)
            after = fold(following[position + 1][2]) if position + 1 < len(following) else ""
            if _place_surname(low2, strong, known) and after not in _PLACE_WORDS:
                name_end, surnamed = e2, True
                continue
            if low2 in _PLACE_WORDS:
                return None
            if low2 in common_words() or low2 in place_words() or low2 in brand_words():
                break
            name_end, surnamed = e2, surnamed or low2 in last_names()
        score = 0.55 + 0.2 * known + 0.2 * strong + 0.1 * surnamed
        return s, name_end, min(score, 1.0)
    return None

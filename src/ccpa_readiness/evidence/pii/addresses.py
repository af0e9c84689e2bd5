"""ADDRESS by structure: house number + street name + optional suffix + unit, city, state, ZIP.

The multi-pattern scan finds a house number followed by street-name words; `refine_address` then
reads the structure at that place: where the street name ends (its suffix word, or a unit
designator, or the city), the unit, and the city with its state and ZIP. The span it returns is the
whole address, so redaction leaves no part of it. A street without a suffix word ("1200 Hollis")
is an address only when a unit, a city with its state or ZIP, or an address cue ("I live at",
"ship it to") stands with it; "I waited 20 Minutes" has none of them. Words in `address_words.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

STREET_SUFFIX = (
    r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|parkway|pkwy"
    r"|highway|hwy|circle|cir|terrace|square|sq|plaza|trail|alley|row|crescent|close|walk|loop|pike"
    r"|expressway|freeway|landing|broadway|mall|park)"
)
DIRECTION = r"(?:(?i:north|south|east|west|northeast|northwest|southeast|southwest)|[NSEW]\.?|[NS][EW])"
# what the multi-pattern scan looks for (RE2 and `re` alike): a house number and one to six
# street-name words (capitalised names, ordinals such as `20th`, suffix words in any case)
_NAME_WORD = r"(?:[A-Z][A-Za-z'\-]*\.?|\d{1,3}(?:st|nd|rd|th)\b|" + STREET_SUFFIX + r"\b\.?)"
STREET_PATTERN = r"\b\d{1,6}[A-Za-z]?(?: " + _NAME_WORD + r"){1,6}"
# Continental forms: "12, rue de la Paix", "3 Via Roma"
CONTINENTAL_PATTERN = (
    r"\b\d{1,6},? (?i:rue|avenue|via|calle|boulevard) (?:[A-Z][A-Za-z'\-]+ ?){1,4}(?:, \d{5})?"
)
ZIP_PATTERN = r"\b\d{5}(?:-\d{4})?\b"
ZIP_CONTEXT = ("zip", "postal code", "post code", "zipcode")

_SUFFIX = re.compile(STREET_SUFFIX + r"\.?")
_DIRECTION = re.compile(DIRECTION)
_WORDS = re.compile(r"\S+")
WITH_SUFFIX_SCORE = 0.7
STRUCTURED_SCORE = 0.7  # no suffix word, but a unit or a city with state or ZIP
CUED_SCORE = 0.5  # no suffix word, only an address cue before the number


@dataclass(frozen=True)
class _Grammar:
    unit: re.Pattern[str]
    place: re.Pattern[str]
    cue: re.Pattern[str]
    unit_words: frozenset[str]
    not_street: frozenset[str]


@cache
def _grammar() -> _Grammar:
    raw = yaml.safe_load(resources.files(__package__).joinpath("address_words.yaml").read_text("utf-8"))
    units = "|".join(re.escape(u) for u in sorted(raw["units"], key=len, reverse=True) if u != "#")
    # a designator as a whole word, then an id with a digit or a single letter ("Apt 4B", "Unit C")
    unit = rf",? (?:#|(?i:{units})\b\.?(?: ?#)?) ?(?:[A-Za-z]?\d[A-Za-z0-9\-]{{0,5}}|[A-Za-z])\b"
    names = "|".join(re.escape(n) for n in sorted(raw["state_names"], key=len, reverse=True))
    abbreviations = "|".join(re.escape(a) for a in raw["state_abbreviations"])
    codes = "|".join(raw["state_codes"])
    state = rf"(?:(?:{codes})\b|(?i:{names})\b|(?i:{abbreviations})\b\.?)"
    city = r"[A-Z][A-Za-z'\-]*\.?(?: [A-Z][A-Za-z'\-]*\.?){0,3}"
    zip_code = r"\d{5}(?:-\d{4})?\b"
    country = r"(?:,? (?:USA|U\.S\.A\.|U\.S\.|United States))?"
    place = (
        rf"(?:,? {city},? {state}(?:,? {zip_code})?{country}|,? {state},? {zip_code}{country}"
        rf"|,? {city},? {zip_code}{country})"
    )
    cues = "|".join(re.escape(c) for c in sorted(raw["cues"], key=len, reverse=True))
    return _Grammar(
        unit=re.compile(unit),
        place=re.compile(place),
        cue=re.compile(rf"(?i:\b(?:{cues})):? *$"),
        unit_words=frozenset(raw["units"]),
        not_street=frozenset(w.lower() for w in raw["not_street"]),
    )


def _bare(word: str) -> str:
    return word.rstrip(".,").lower()


def _tail(text: str, at: int) -> int | None:
    """The end of the unit and the city, state, ZIP that follow position `at`, or None."""
    grammar = _grammar()
    end, found = at, False
    unit = grammar.unit.match(text, end)
    if unit is not None:
        end, found = unit.end(), True
    place = grammar.place.match(text, end)
    if place is not None:
        end, found = place.end(), True
    return end if found else None


def refine_address(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """The whole address that starts at the house number `text[start:...]`, with its score."""
    grammar = _grammar()
    tokens = [(start + m.start(), start + m.end(), m.group()) for m in _WORDS.finditer(text[start:end])]
    words = tokens[1:]
    first = _bare(words[0][2])
    if first in grammar.not_street:
        return None
    cut = next((i for i, (_, _, w) in enumerate(words) if _bare(w) in grammar.unit_words), len(words))
    words = words[:cut] or words[:1]
    suffix_at = next(
        (i for i, (_, _, w) in enumerate(words) if i >= 1 and _SUFFIX.fullmatch(w)),
        0 if len(words) == 1 and _SUFFIX.fullmatch(words[0][2]) else None,
    )
    if suffix_at is not None:
        street_end = words[suffix_at][1]
        if suffix_at + 1 < len(words) and _DIRECTION.fullmatch(words[suffix_at + 1][2]):
            street_end = words[suffix_at + 1][1]
        street_end = _trim_period(text, street_end)
        return start, _tail(text, street_end) or street_end, WITH_SUFFIX_SCORE
    # no suffix word: the street name may run into the city ("908 Kearny San Francisco CA")
    for last in range(len(words), 0, -1):
        street_end = _trim_period(text, words[last - 1][1])
        tail = _tail(text, street_end)
        if tail is not None:
            return start, tail, STRUCTURED_SCORE
    if grammar.cue.search(text[max(0, start - 40) : start]) is None:
        return None
    return start, _trim_period(text, words[-1][1]), CUED_SCORE


def _trim_period(text: str, end: int) -> int:
    """A sentence's full stop is not part of the address (an abbreviation's is: `St.`)."""
    if text[end - 1 : end] != ".":
        return end
    word = text[text.rfind(" ", 0, end) + 1 : end - 1]
    return end if _SUFFIX.fullmatch(word) or len(word) == 1 else end - 1

"""Numbers as speech recognition writes them become digits, with offsets into the original."""

from __future__ import annotations

import random

import pytest

from ccpa_readiness.evidence.pii import detect, spoken
from ccpa_readiness.evidence.pii.spoken import normalize


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("four one one one", "4111"),
        ("five five five, oh one two three", "5550123"),
        ("double five two triple seven", "552777"),
        ("twenty three forty five sixty", "234560"),
        ("one eight hundred five five five", "1800555"),
        ("Nine One Four - Two Two", "91422"),
        ("five five five dash one two", "55512"),
    ],
)
def test_runs_become_digits(spoken: str, digits: str) -> None:
    normalized = normalize(f"it is {spoken} thanks")
    assert normalized is not None
    assert normalized.text == f"it is {digits} thanks"


def test_offsets_map_back_to_the_words() -> None:
    text = "call me on five five five, oh one two three please"
    normalized = normalize(text)
    assert normalized is not None
    start = normalized.text.index("5550123")
    assert normalized.original_span(start, start + 7) == (text.index("five"), text.index(" please"))


def test_text_without_spoken_runs_is_left_alone() -> None:
    assert normalize("I have one or two questions") is None
    assert normalize("digits 415 555 0132 are written already") is None


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        (
            "my card number is four one one one one one one one one one one one one one one one",
            "CREDIT_CARD",
            "four one one one one one one one one one one one one one one one",
        ),
        (
            "my social is oh seven eight oh five one one two three",
            "US_SSN",
            "oh seven eight oh five one one two three",
        ),
        (
            "you can call me at four one five, five five five, oh one three two",
            "PHONE_NUMBER",
            "four one five, five five five, oh one three two",
        ),
        (
            "my number is eight one eight dash five five five dash one two one two",
            "PHONE_NUMBER",
            "eight one eight dash five five five dash one two one two",
        ),
        (
            "my date of birth is march third nineteen eighty five",
            "DATE_OF_BIRTH",
            "march third nineteen eighty five",
        ),
        ("I live at one two three four Oak Street", "ADDRESS", "one two three four Oak Street"),
        ("card 4111-1111-1111-1111 please", "CREDIT_CARD", "4111-1111-1111-1111"),
        ("social security 078 05 1123", "US_SSN", "078 05 1123"),
    ],
)
def test_spoken_and_split_numbers_are_detected(text: str, label: str, value: str) -> None:
    found = [(text[d.start : d.end], d.label) for d in detect(text)]
    assert (value, label) in found


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("two one two, five five one, three four four nine", "212-551-3449"),
        ("five three one, four two, seven seven eight one", "531-42-7781"),
        ("one, eight hundred, five five five, one two one two", "1-800-555-1212"),
        ("five five five, oh one two three", "5550123"),  # no identifier's grouping: digits only
    ],
)
def test_spoken_groups_of_an_identifiers_shape_are_kept(spoken: str, digits: str) -> None:
    normalized = normalize(f"it is {spoken} thanks")
    assert normalized is not None
    assert normalized.text == f"it is {digits} thanks"


def test_runs_on_ascii_texts_are_those_of_re() -> None:
    """On ASCII texts the runs are found by RE2: the same runs as `re` finds, on random texts of
    number words, digits, separators and other words."""
    rng = random.Random(11)
    tokens = [*spoken.UNITS, *spoken.TEENS, *spoken.TENS, "double", "hundred", "dash", "Five", "OH"]
    tokens += ["12", "7", "305", "a", "the", "phone", "x1", "_", "one2", "ninety-nine"]
    separators = [" ", ", ", "-", " - ", ".", " dash ", "  ", ",", "\n", ":"]
    with_runs = 0
    for _ in range(400):
        text = "".join(rng.choice(tokens) + rng.choice(separators) for _ in range(rng.randint(1, 14)))
        found = [(m.start(), m.end()) for m in spoken._runs(text)]
        assert found == [(m.start(), m.end()) for m in spoken.run_pattern().finditer(text)], text
        with_runs += bool(found)
    assert with_runs > 100

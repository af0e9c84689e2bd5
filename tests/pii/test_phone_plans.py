"""The fast phone check agrees with phonenumbers' own parse-and-validate loop on random numbers."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from ccpa_readiness.evidence.pii.phones import PhonePlans, is_valid
from ccpa_readiness.evidence.pii.validators import PHONE_REGIONS, phone_validity

# starts a number may have: none, a trunk or national prefix, an IDD prefix of some region
PREFIXES = ("", "", "", "0", "1", "00", "011", "010", "001", "0011", "90", "015", "183")


def reference(value: str) -> tuple[bool, bool]:
    """phonenumbers alone, region by region (what `phone_validity` answered before its fast path)."""
    for region in (None,) if value.lstrip().startswith("+") else PHONE_REGIONS:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return True, number.country_code == 1
    return False, False


def phone_like(rng: random.Random) -> str:
    """Digits in a phone's shape: a prefix, then 7 to 15 digits in groups, some in parentheses."""
    digits = rng.choice(PREFIXES) + "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 15)))
    groups, cursor = [], 0
    while cursor < len(digits):
        size = rng.randint(1, 5)
        group = digits[cursor : cursor + size]
        groups.append(f"({group})" if rng.random() < 0.1 else group)
        cursor += size
    separator = rng.choice(("", " ", "-", ".", " - "))
    text = separator.join(groups) if rng.random() < 0.8 else "".join(groups)
    return ("+" if rng.random() < 0.1 else "") + text


def test_the_fast_path_answers_as_phonenumbers_on_random_numbers() -> None:
    rng = random.Random(17)
    plans = PhonePlans(PHONE_REGIONS)
    rejected = valid = 0
    for _ in range(1000):
        value = phone_like(rng)
        expected = reference(value)
        if plans.none_valid(value):
            rejected += 1
            assert expected == (False, False), value
        assert phone_validity(value) == expected, value
        valid += expected[0]
    # both answers occur often, and the fast path rejects many of the invalid ones unparsed
    assert valid > 200 and rejected > 150


def test_validity_is_phonenumbers_own_on_parsed_numbers() -> None:
    rng = random.Random(18)
    checked = 0
    for _ in range(300):
        value = phone_like(rng)
        for region in ("US", "GB", "DE", "CA", "AU", None):
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                continue
            assert is_valid(number) == phonenumbers.is_valid_number(number), (value, region)
            checked += 1
    assert checked > 800


@pytest.mark.parametrize(
    "value",
    ["(415) 555-2671", "020 7946 0018", "030 901820", "011 44 20 7946 0018", "1-800-555-0199", "0012 3456"],
)
def test_real_numbers_are_never_rejected_by_the_fast_path(value: str) -> None:
    assert phone_validity(value) == reference(value)
    if reference(value)[0]:
        assert not PhonePlans(PHONE_REGIONS).none_valid(value)

"""The fast phone check agrees with phonenumbers' own parse-and-validate loop on random numbers."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from ccpa_readiness.evidence.pii.phones import is_valid
from ccpa_readiness.evidence.pii.validators import PHONE_REGIONS, phone_validity

# starts a number may have: none, a trunk or national prefix, a country code, an IDD prefix
PREFIXES = (
    "", "", "", "", "0", "1", "44", "49", "91", "972", "55", "33", "81", "86", "61",
    "00", "011", "010", "001", "0011", "90", "015", "183", "0000",
)  # fmt: skip


DIGITS = "0123456789"


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
    if rng.random() < 0.3:  # North American: area code and exchange start with 2-9
        shape = ("23456789", DIGITS, DIGITS, "23456789", *[DIGITS] * 6)
        digits = rng.choice(("", "1")) + "".join(rng.choice(choices) for choices in shape)
    else:
        digits = rng.choice(PREFIXES) + "".join(rng.choice(DIGITS) for _ in range(rng.randint(7, 15)))
    groups, cursor = [], 0
    while cursor < len(digits):
        size = rng.randint(1, 5)
        group = digits[cursor : cursor + size]
        groups.append(f"({group})" if rng.random() < 0.1 else group)
        cursor += size
    separator = rng.choice(("", " ", "-", ".", " - "))
    text = separator.join(groups) if rng.random() < 0.8 else "".join(groups)
    return ("+" if rng.random() < 0.1 else "") + text


def test_validity_is_phonenumbers_own_on_random_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(17)
    values = list(dict.fromkeys(phone_like(rng) for _ in range(1000)))
    expected = [reference(value) for value in values]
    parses = 0
    parse = phonenumbers.parse

    def counted(*args: object, **kwargs: object) -> phonenumbers.PhoneNumber:
        nonlocal parses
        parses += 1
        return parse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(phonenumbers, "parse", counted)
    assert [phone_validity.__wrapped__(value) for value in values] == expected
    # both answers are common, and most values are decided without phonenumbers' parsing
    assert 200 < sum(valid for valid, _ in expected) < len(values) - 200
    assert sum(north_american for _, north_american in expected) > 100
    assert parses < 0.3 * len(values)


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
def test_real_numbers_are_read_as_phonenumbers_reads_them(value: str) -> None:
    assert phone_validity.__wrapped__(value) == reference(value)

"""The analyzer on each label, the validators, and the pure-Python fallback engine."""

from __future__ import annotations

import pytest

from ccpa_readiness.evidence.pii import Analyzer, detect, validator_for


def found(text: str, mode: str = "full") -> set[tuple[str, str]]:
    return {(d.label, text[d.start : d.end]) for d in detect(text, mode)}


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("my SSN is 078-05-1123.", "US_SSN", "078-05-1123"),
        ("ITIN 912-70-1234 on file", "US_ITIN", "912-70-1234"),
        ("visa 4012 8888 8888 1881 exp", "CREDIT_CARD", "4012 8888 8888 1881"),
        ("reach me at (415) 555-0132", "PHONE_NUMBER", "(415) 555-0132"),
        ("or +44 20 7123 4567 in London", "PHONE_NUMBER", "+44 20 7123 4567"),
        ("mail jane.doe@example.com now", "EMAIL_ADDRESS", "jane.doe@example.com"),
        ("routing number 121000358", "ABA_ROUTING_NUMBER", "121000358"),
        ("checking account 945456787654", "BANK_ACCOUNT", "945456787654"),
        ("driver license H12234567", "DRIVER_LICENSE", "H12234567"),
        ("passport number A12803456", "US_PASSPORT", "A12803456"),
        ("born on March 3, 1985", "DATE_OF_BIRTH", "March 3, 1985"),
        ("from 192.168.0.1 today", "IP_ADDRESS", "192.168.0.1"),
        ("connect to [2001:db8::1]:8080", "IP_ADDRESS", "2001:db8::1"),
        ("my member id is AB-99812", "ACCOUNT_ID", "AB-99812"),
        ("I was diagnosed with diabetes", "HEALTH", "diabetes"),
        ("Hi, my name is Jane Whitaker.", "PERSON", "Jane Whitaker"),
        ("send 20 dollars to wilson please", "PERSON", "wilson"),
        ("The movie is directed by Jagan Shakti.", "PERSON", "Jagan Shakti"),
        ("They are at 1020 South Figueroa Street #3.", "ADDRESS", "1020 South Figueroa Street #3"),
        ("It is at 4370 Alpine Rd # 102 nearby", "ADDRESS", "4370 Alpine Rd # 102"),
    ],
)
def test_each_label(text: str, label: str, value: str) -> None:
    assert (label, value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ticket 4012-8888-8888-1882 fails Luhn",
        "the number 078-05-1120 is the famous invalid SSN",
        "version 300.168.1.1 is not an address",
        "I am looking for a hotel in San Jose on Sunday",
        "Will you book a table at 7 pm for 2 people?",
        "this call is about 10:30:00 tomorrow",
    ],
)
def test_no_false_alarm(text: str) -> None:
    assert found(text) == set()


def test_bare_nine_digits_need_context() -> None:
    assert found("reference 078051121 ok") == set()
    assert ("US_SSN", "078051121") in found("my social security number is 078051121")
    candidates = {d.label for d in detect("078051121", min_score=0.0)}
    assert {"US_SSN", "US_PASSPORT"} <= candidates


def test_patterns_mode_skips_names_and_addresses() -> None:
    text = "My name is Jane Whitaker, I live at 12 Oak Street, SSN 078-05-1123."
    assert {label for label, _ in found(text, "patterns")} == {"US_SSN"}
    assert {"PERSON", "ADDRESS", "US_SSN"} <= {label for label, _ in found(text)}


def test_detections_carry_ccpa_keys_and_non_ascii_offsets() -> None:
    text = "Zoë’s card: 4111 1111 1111 1111"
    (card,) = [d for d in detect(text) if d.label == "CREDIT_CARD"]
    assert text[card.start : card.end] == "4111 1111 1111 1111"
    assert (card.category, card.sensitive_kind) == ("customer_records", "account_credentials")


@pytest.mark.parametrize(
    "text",
    [
        "Jane Whitaker, 078-05-1123, (415) 555-0132, card four one one one one one one one one one",
        "Zoë’s card: 4111 1111 1111 1111, my name is Aimée Ström, call +33 1 42 68 53 00 é",
    ],
)
def test_fallback_engine_finds_the_same(text: str) -> None:
    fallback = Analyzer("full", use_re2=False)
    assert fallback.patterns.engine == "re"
    assert fallback.analyze(text) == Analyzer("full").analyze(text)
    assert len(fallback.analyze(text)) >= 3


def test_value_validators() -> None:
    assert validator_for("CREDIT_CARD")("4111-1111-1111-1111")  # type: ignore[misc]
    assert not validator_for("CREDIT_CARD")("4111-1111-1111-1112")  # type: ignore[misc]
    assert validator_for("US_SSN")("078-05-1123")  # type: ignore[misc]
    assert not validator_for("US_SSN")("693-09.4444")  # type: ignore[misc]
    assert validator_for("ABA_ROUTING_NUMBER")("0711-0130-7")  # type: ignore[misc]
    assert validator_for("PHONE_NUMBER")("+33 1 42 68 53 00")  # type: ignore[misc]
    assert validator_for("PERSON") is None

"""The one masker: the PII detectors decide, identifiers keep at most their last four digits,
names and e-mails keep no letter; dates and statute sections stay readable."""

from __future__ import annotations

import pytest

from ccpa_readiness.evidence.common.masking import mask_value
from ccpa_readiness.evidence.documents.snippets import excerpt
from ccpa_readiness.evidence.pii.masking import mask_label, mask_text

# values of every structured label, each in a sentence that gives it its context
PLANTED = {
    "US_SSN": ("My social security number is 078-05-1120.", "078-05-1120"),
    "US_ITIN": ("Our taxpayer ITIN is 912-70-1234 on file.", "912-70-1234"),
    "CREDIT_CARD": ("Card 4111 1111 1111 1111 was charged.", "4111 1111 1111 1111"),
    "PHONE_NUMBER": ("Call me back on (415) 555-0132 tonight.", "(415) 555-0132"),
    "EMAIL_ADDRESS": ("Write to jane.quill@example.org today.", "jane.quill@example.org"),
    "BANK_ACCOUNT": ("The checking account 000123456789 is closed.", "000123456789"),
    "ABA_ROUTING_NUMBER": ("Routing number 021000021 for the transfer.", "021000021"),
    "US_PASSPORT": ("Passport C03005988 was shown.", "C03005988"),
    "DRIVER_LICENSE": ("Driver license D1234567 expired.", "D1234567"),
    "IP_ADDRESS": ("The server logged IP 203.0.113.77 for the call.", "203.0.113.77"),
    "ACCOUNT_ID": ("Your account number is AC99812 today.", "AC99812"),
    "DATE_OF_BIRTH": ("I was born on 03/14/1985 in Fresno.", "03/14/1985"),
}


@pytest.mark.parametrize("label", sorted(PLANTED))
def test_every_identifier_is_masked_to_its_last_four_digits_at_most(label: str) -> None:
    sentence, value = PLANTED[label]
    masked = mask_text(sentence)
    assert value not in masked
    shown = "".join(ch for ch in masked if ch.isdigit())  # the sentences hold no other digit
    digits = "".join(ch for ch in value if ch.isdigit())
    assert len(shown) <= 4 and digits.endswith(shown)
    assert not any(ch.isalpha() for ch in mask_label(value, label))


def test_ssn_and_itin_in_a_policy_excerpt_are_masked_not_taken_for_dates() -> None:
    """The old excerpt masker let NNN-NN-NNNN through as a date."""
    text = "For example, an SSN such as 078-05-1120 or an ITIN like 912-70-1234 is sensitive (1798.140)."
    quoted = excerpt(text)
    assert "078-05-1120" not in quoted and "912-70-1234" not in quoted
    assert "***-**-1120" in quoted and "***-**-1234" in quoted and "1798.140" in quoted


def test_names_and_emails_show_no_letters() -> None:
    assert mask_label("Quillfeather", "PERSON") == "************"
    assert mask_label("jane@example.com", "EMAIL_ADDRESS") == "****@*******.***"
    assert mask_value("AB123456") == "****3456"
    masked = mask_text("Hi, my name is Margarethe Quillfeather and I live at 1420 Juniper Street.")
    assert "Quillfeather" not in masked and "Margarethe" not in masked and "Juniper" not in masked


def test_dates_sections_and_plain_words_stay_readable() -> None:
    text = (
        "This policy takes effect on 01/05/2024 (updated 2026-06-12) under Civ. §1798.100; volumes rose 12%."
    )
    assert mask_text(text) == text


def test_unrecognised_long_numbers_are_masked_too() -> None:
    assert (
        mask_text("ref 4111 1111 1111 1112 (not a valid card)")
        == "ref **** **** **** 1112 (not a valid card)"
    )

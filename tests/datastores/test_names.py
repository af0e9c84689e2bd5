"""Column names: the label they suggest, free text, the date a record was made."""

from __future__ import annotations

import pytest

from ccpa_readiness.evidence.datastores.names import is_free_text_name, is_record_date_name, label_from_name


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("first_name", "PERSON"),
        ("CustomerName", "PERSON"),
        ("customerEmail", "EMAIL_ADDRESS"),
        ("mobile_number", "PHONE_NUMBER"),
        ("caller_ani", "PHONE_NUMBER"),
        ("SSN", "US_SSN"),
        ("cc_num", "CREDIT_CARD"),
        ("bank_account_number", "BANK_ACCOUNT"),
        ("routing_number", "ABA_ROUTING_NUMBER"),
        ("drivers_license_no", "DRIVER_LICENSE"),
        ("passport_number", "US_PASSPORT"),
        ("dob", "DATE_OF_BIRTH"),
        ("client_ip", "IP_ADDRESS"),
        ("billing_zip_code", "ADDRESS"),
        ("account_id", "ACCOUNT_ID"),
        ("diagnosis", "HEALTH"),
        ("product_name", None),
        ("id", None),
        ("duration_seconds", None),
        ("recording_path", None),
    ],
)
def test_label_from_name(name: str, label: str | None) -> None:
    assert label_from_name(name) == label


@pytest.mark.parametrize(("name", "free"), [("agent_notes", True), ("chat_body", True), ("status", False)])
def test_free_text_names(name: str, free: bool) -> None:
    assert is_free_text_name(name) is free


@pytest.mark.parametrize(("name", "dated"), [("created_at", True), ("callDate", True), ("birth_date", False)])
def test_record_date_names(name: str, dated: bool) -> None:
    assert is_record_date_name(name) is dated

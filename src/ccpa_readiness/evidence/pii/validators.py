"""Per-value checks, one per label that has a checksum or a registry of valid forms.

The data-store scanner reuses these on column values: `validator_for(label)(value)`. python-stdnum
and phonenumbers (with the phone plans built from its metadata) are imported at the first value
that needs them: a scan whose text holds no candidate number does not load them (0.07 CPU s).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ccpa_readiness.evidence.pii.digits import digits_of

if TYPE_CHECKING:
    from ccpa_readiness.evidence.pii.phones import PhonePlans

# regions tried for numbers written without a country code, US first
PHONE_REGIONS = ("US", "GB", "DE", "IL", "IN", "CA", "BR", "FR", "JP", "CN", "AU")
_SEPARATORS = re.compile(r"[ .\-]")
# also the vectorised e-mail check of data-store columns (evidence/datastores/columns.py)
EMAIL_PATTERN = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:[A-Za-z]{2,}|xn--[a-z0-9\-]+)"
)


def _one_separator_kind(value: str) -> bool:
    """`078-05-1123` or `078 05 1123`, never `693-09.4444`."""
    return len(set(_SEPARATORS.findall(value))) <= 1


def is_ssn(value: str) -> bool:
    digits = digits_of(value)
    if len(digits) != 9 or not _one_separator_kind(value) or len(set(digits)) < 2:
        return False
    from stdnum.us import ssn

    return bool(ssn.is_valid(digits))


# the IRS added middle digits 50-65 in 2011; python-stdnum still checks the older 70-99 only
_ITIN_GROUPS_SINCE_2011 = frozenset(str(group) for group in range(50, 66))


def is_itin(value: str) -> bool:
    digits = digits_of(value)
    if len(digits) != 9 or not _one_separator_kind(value):
        return False
    from stdnum.us import itin

    return itin.is_valid(digits) or (digits[0] == "9" and digits[3:5] in _ITIN_GROUPS_SINCE_2011)


def is_aba_routing(value: str) -> bool:
    digits = digits_of(value)
    if len(digits) != 9 or digits == "000000000":
        return False
    from stdnum.us import rtn

    return bool(rtn.is_valid(digits))


def is_credit_card(value: str) -> bool:
    """Luhn-valid, 12 (Maestro) to 19 digits, a card network's first digit (not 13 digits starting
    with 1)."""
    digits = digits_of(value)
    if not 12 <= len(digits) <= 19 or digits[0] not in "123456" or len(set(digits)) < 2:
        return False
    if len(digits) == 13 and digits[0] == "1":
        return False
    if not _one_separator_kind(value):
        return False
    from stdnum import luhn

    return bool(luhn.is_valid(digits))


@lru_cache(maxsize=1 << 16)
def phone_validity(value: str) -> tuple[bool, bool]:
    """(valid for its country code or for one of `PHONE_REGIONS`, valid as a North American number).

    Cached: contact-center text repeats the same numbers (the business's own, callbacks). The
    answer of `phonenumbers.parse` + `is_valid_number`, read from its metadata (`phones`)."""
    return _phone_plans().validity(value)


@cache
def _phone_plans() -> PhonePlans:
    from ccpa_readiness.evidence.pii.phones import PhonePlans

    return PhonePlans(PHONE_REGIONS)


def is_phone_number(value: str) -> bool:
    return phone_validity(value)[0]


def is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def is_email_address(value: str) -> bool:
    return EMAIL_PATTERN.fullmatch(value) is not None


def is_bank_account(value: str) -> bool:
    digits = digits_of(value)
    return 8 <= len(digits) <= 17 and len(set(digits)) > 1


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "US_SSN": is_ssn,
    "US_ITIN": is_itin,
    "ABA_ROUTING_NUMBER": is_aba_routing,
    "CREDIT_CARD": is_credit_card,
    "PHONE_NUMBER": is_phone_number,
    "IP_ADDRESS": is_ip_address,
    "EMAIL_ADDRESS": is_email_address,
    "BANK_ACCOUNT": is_bank_account,
}


def validator_for(label: str) -> Callable[[str], bool] | None:
    """The value check for `label`, or None when the label has no check of its own."""
    return VALIDATORS.get(label)

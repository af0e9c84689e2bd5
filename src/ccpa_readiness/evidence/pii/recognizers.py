"""The registry: one small recognizer per way a label shows up in text.

A recognizer is a pattern (RE2 and `re` syntax alike), a base score, the context words that raise
it, and either a value validator (checksums, number plans) or a refiner that trims the match and
scores it. The analyzer scans all patterns of a mode at once.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from ccpa_readiness.evidence.pii import validators as v
from ccpa_readiness.evidence.pii.addresses import (
    CONTINENTAL_PATTERN,
    STREET_PATTERN,
    ZIP_CONTEXT,
    ZIP_PATTERN,
    refine_address,
)
from ccpa_readiness.evidence.pii.digits import digits_of
from ccpa_readiness.evidence.pii.names import AFTER_CUE, CAPITALISED, refine_person

Refiner = Callable[[str, int, int], tuple[int, int, float] | None]


@dataclass(frozen=True, slots=True)
class Recognizer:
    """`score`: the highest score before context (a refiner may give less). `refine_trims`: the
    refiner keeps the match's start and never ends after the match (so the analyzer may spare it
    for a match that a kept candidate already beats). `costly`: the check is worth sparing so (a
    phone number's parsing); other checks run at once. `needs`: a pattern that every match the
    check accepts contains (where a text has none, the recognizer's pattern is not run on it)."""

    label: str
    pattern: str
    score: float
    context: tuple[str, ...] = ()
    validate: Callable[[str], bool] | None = None
    refine: Refiner | None = None
    refine_trims: bool = False
    costly: bool = False
    needs: str | None = None


NORTH_AMERICAN_BONUS = 0.15


@dataclass(frozen=True, slots=True)
class PhoneRefiner:
    """Valid number, trimming trailing digit groups a greedy pattern took too many of: `base`,
    and `north_american_bonus` more for a North American number."""

    base: float
    north_american_bonus: float = NORTH_AMERICAN_BONUS

    def __call__(self, text: str, start: int, end: int) -> tuple[int, int, float] | None:
        while len(digits_of(text[start:end])) >= PHONE_MIN_DIGITS:
            value = text[start:end]
            valid, north_american = v.phone_validity(value)
            if valid:
                return start, end, self.base + self.north_american_bonus * north_american
            cut = max(value.rfind(" "), value.rfind("-"), value.rfind("."))
            if cut <= 0:
                return None
            end = start + cut
        return None


def dominates(first: Recognizer, second: Recognizer) -> bool:
    """Whether `first` gives, for every span `second` makes a candidate of, the same candidate
    with at least its score: the same label, context and check, and scores never lower. Of two
    matches of the same span, the analyzer then need not propose `second`'s (it always loses)."""
    if first.label != second.label or first.context != second.context or first.validate != second.validate:
        return False
    if first.refine == second.refine:  # the same check: a refiner scores alike, a validator by `score`
        return first.refine is not None or first.score >= second.score
    one, other = first.refine, second.refine
    return (
        isinstance(one, PhoneRefiner)
        and isinstance(other, PhoneRefiner)
        and one.base >= other.base
        and one.north_american_bonus >= other.north_american_bonus
    )


def _ssn_like(validate: Callable[[str], bool]) -> Refiner:
    """`078-05-1123` scores higher than `078051123`: the grouping is the identifier's own."""

    def refine(text: str, start: int, end: int) -> tuple[int, int, float] | None:
        value = text[start:end]
        if not validate(value):
            return None
        grouped = len(digits_of(value)) == 9 and value[3] in " .-" and value[6] in " .-"
        return start, end, 0.5 if grouped else 0.05

    return refine


def _last_token(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """An id after its cue phrase (`account number is AB12345`): keep only the id."""
    cut = max(text.rfind(" ", start, end), text.rfind(":", start, end), text.rfind("#", start, end))
    value_start = cut + 1
    value = text[value_start:end]
    if not any(ch.isdigit() for ch in value):
        return None
    return value_start, end, 0.45


# what every match `_ipv6` accepts holds: two colons with at most a hex group between them
_TWO_COLONS = r":[0-9A-Fa-f]{0,4}:"


def _ipv6(text: str, start: int, end: int) -> tuple[int, int, float] | None:
    """A valid IPv6 address standing alone (`std::cout` and `text2001:db8::1` are not)."""
    value = text[start:end]
    before, after = text[start - 1 : start], text[end : end + 1]
    if value.count(":") < 2 or before.isalnum() or before == ":" or after.isalnum() or after == ":":
        return None
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return None
    return start, end, 0.6


PHONE_MIN_DIGITS = 8
PHONE_CONTEXT = (
    "phone", "call", "contact", "reach", "cell", "mobile", "telephone", "tel", "fax", "text me", "desk",
    "messages to", "answering at", "whatsapp", "my number", "your number", "best number", "callback",
    "call back", "number to reach",
)  # fmt: skip
_EXTENSION = r"(?: ?(?:x|ext\.?) ?\d{1,5})?"
CARD_CONTEXT = ("card", "credit", "debit", "visa", "mastercard", "amex", "discover", "cc")
# "march third nineteen eighty five" reads as "march third 1985" once spoken numbers are digits
_ORDINAL = (
    r"(?i:(?:twenty |thirty )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth)"
)
_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
ADDRESS_CONTEXT = ("address", "located", "live", "lives", "at")
HEALTH_PATTERN = (
    r"(?i:\b(?:diabetes|diabetic|cancer|chemotherapy|pregnant|pregnancy|hiv|asthma|depression|anxiety"
    r"|bipolar|schizophrenia|dementia|alzheimer'?s|arthritis|epilepsy|seizures?|insulin|prescriptions?"
    r"|medications?|diagnosed|diagnosis|surgery|hypertension|blood pressure|heart attack|stroke"
    r"|disability|wheelchair|covid|hospitali[sz]ed|allerg(?:y|ies|ic)|medical condition)\b)"
)

RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer(
        "EMAIL_ADDRESS",
        r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:xn--[a-z0-9\-]+|[A-Za-z]{2,})\b",
        0.9,
        validate=v.is_email_address,
    ),
    Recognizer(
        "PHONE_NUMBER",
        r"\+\d{1,3}(?:[ .\-]?\(\d{1,4}\)|[ .\-]?\d{1,5}){1,6}" + _EXTENSION,
        0.6 + NORTH_AMERICAN_BONUS,
        PHONE_CONTEXT,
        refine=PhoneRefiner(0.6),
        refine_trims=True,
        costly=True,
    ),
    Recognizer(
        "PHONE_NUMBER",
        r"(?:\b1[ .\-]?)?(?:\(\d{3}\) ?|\b\d{3}[ .\-])\d{3}[ .\-]\d{4}" + _EXTENSION + r"\b",
        0.6 + NORTH_AMERICAN_BONUS,
        PHONE_CONTEXT,
        refine=PhoneRefiner(0.6),
        refine_trims=True,
        costly=True,
    ),
    # other groupings: a number in some country's plan, weak without a phone word
    Recognizer(
        "PHONE_NUMBER",
        r"\b\d{2,5}(?:[ .\-]\d{2,8}){1,4}\b",
        0.05 + NORTH_AMERICAN_BONUS,
        PHONE_CONTEXT,
        refine=PhoneRefiner(0.05),
        refine_trims=True,
        costly=True,
    ),
    # bare digits say nothing of a phone: a phone word decides
    Recognizer(
        "PHONE_NUMBER",
        r"\b\d{10,11}\b",
        0.05,
        PHONE_CONTEXT,
        refine=PhoneRefiner(0.05, 0.0),
        refine_trims=True,
        costly=True,
    ),
    Recognizer(
        "CREDIT_CARD",
        r"\b(?:\d{4}[ \-]?){3}\d{1,7}\b|\b\d{4}[ \-]?\d{6}[ \-]?\d{4,5}\b",
        0.8,
        CARD_CONTEXT,
        validate=v.is_credit_card,
    ),
    # twelve-digit Maestro numbers: Luhn alone is one in ten, a card word decides
    Recognizer("CREDIT_CARD", r"\b[56]\d{11}\b", 0.1, CARD_CONTEXT, validate=v.is_credit_card),
    Recognizer(
        "US_SSN",
        r"\b\d{3}[ .\-]?\d{2}[ .\-]?\d{4}\b",
        0.5,
        ("ssn", "social", "security"),
        refine=_ssn_like(v.is_ssn),
        refine_trims=True,
    ),
    Recognizer(
        "US_ITIN",
        r"\b9\d{2}[ .\-]?\d{2}[ .\-]?\d{4}\b",
        0.5,
        ("itin", "taxpayer", "tax id", "tax identification"),
        refine=_ssn_like(v.is_itin),
        refine_trims=True,
    ),
    Recognizer(
        "ABA_ROUTING_NUMBER",
        r"\b[0123678]\d{3}-?\d{4}-?\d\b",
        0.1,
        ("routing", "aba", "transit"),
        validate=v.is_aba_routing,
    ),
    Recognizer(
        "BANK_ACCOUNT",
        r"\b\d{8,17}\b",
        0.05,
        ("account", "checking", "savings", "bank"),
        validate=v.is_bank_account,
    ),
    Recognizer(
        "DRIVER_LICENSE",
        r"\b[A-Z]{1,2}\d{5,12}\b|\b\d{7,13}\b|\b\d{4}-\d{2}-\d{4}\b",
        0.05,
        ("driver", "license", "licence"),
    ),
    Recognizer("US_PASSPORT", r"\b[A-Z]\d{8}\b|\b\d{9}\b", 0.05, ("passport", "travel document")),
    Recognizer(
        "IP_ADDRESS", r"\b(?:\d{1,3}\.){3}\d{1,3}\b", 0.6, ("ip", "address", "server"), v.is_ip_address
    ),
    Recognizer(
        "IP_ADDRESS",
        r"(?i:[0-9a-f]{0,4}(?:::?[0-9a-f]{1,4}){1,7}(?:\.\d{1,3}){0,3}(?:%[0-9a-z]+)?|::)",
        0.6,
        ("ip", "address", "server"),
        refine=_ipv6,
        refine_trims=True,
        needs=_TWO_COLONS,
    ),
    Recognizer(
        "DATE_OF_BIRTH",
        r"\b\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"
        r"|\b" + _MONTH + r"\.? (?:the )?(?:\d{1,2}(?:st|nd|rd|th)?|" + _ORDINAL + r"),? (?:19|20)\d{2}\b"
        r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?" + _MONTH + r",? (?:19|20)\d{2}\b",
        0.0,
        ("born", "birth", "dob", "birthday", "d.o.b"),
    ),
    Recognizer(
        "ACCOUNT_ID",
        r"(?i:\b(?:account|member|customer|policy|confirmation|reference|loyalty|membership|subscriber)"
        r" (?:number|no\.?|id|#) ?(?:is )?:? ?)[A-Za-z0-9][A-Za-z0-9\-]{3,19}\b",
        0.45,
        refine=_last_token,
    ),
    Recognizer("HEALTH", HEALTH_PATTERN, 0.5),
    Recognizer("ADDRESS", STREET_PATTERN, 0.7, ADDRESS_CONTEXT, refine=refine_address),
    Recognizer("ADDRESS", CONTINENTAL_PATTERN, 0.7, ADDRESS_CONTEXT),
    # a ZIP code alone is part of an address only where a ZIP word says so
    Recognizer("ADDRESS", ZIP_PATTERN, 0.05, ZIP_CONTEXT),
    Recognizer("PERSON", CAPITALISED, 1.0, refine=refine_person),
    Recognizer("PERSON", AFTER_CUE, 1.0, refine=refine_person),
)

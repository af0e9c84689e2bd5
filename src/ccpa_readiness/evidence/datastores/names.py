"""What a column's name says: the label it likely holds, free text, or the date a record was made.

Names are normalized to lower-case words joined by `_` (`customerEmail` -> `customer_email`)
and matched whole against the patterns below, first match wins.
"""

from __future__ import annotations

import re

_ANY = r"(?:[a-z0-9]+_)*"  # any leading words: `customer_`, `billing_home_`
_NUM = r"(?:_(?:number|num|no|nbr))?"
# a date of birth however it is abbreviated: `dob`, `d_o_b`, `bdate`, `bday`, `birth_dt`,
# `brth_dte`, `dt_of_birth`, `date_birth`, `born_on`, with any leading words (`cust_`, `mbr_`) and
# a format or type word after it (`dob_dt`, `dob_yyyymmdd`), but not a flag about it (`dob_verified`)
BIRTH_DATE = (
    r"(?:[a-z0-9]+_)*(?:d_?o_?b|bdate|b_day|bday|birth_?(?:date|dt|dte|day|d)?|brth_?(?:date|dt|dte|day)?"
    r"|(?:date|dt|dte)_?(?:of_?)?birth|born_?(?:on|date|dt)?)"
    r"(?:_(?:date|dt|dte|yyyymmdd|yyyy_mm_dd|ymd|mdy|mmddyyyy|ddmmyyyy|str|txt|text|raw|val|value))?"
)
NAME_RULES: tuple[tuple[str, str], ...] = (
    ("US_SSN", rf"{_ANY}(?:ssn|social_security{_NUM}|social_security_number)"),
    ("US_ITIN", rf"{_ANY}itin{_NUM}"),
    ("CREDIT_CARD", rf"{_ANY}(?:(?:credit_|debit_|payment_)?card{_NUM}|cc{_NUM}|pan|credit_card|card_pan)"),
    ("ABA_ROUTING_NUMBER", rf"{_ANY}(?:aba|routing|aba_routing|bank_routing){_NUM}"),
    ("BANK_ACCOUNT", rf"{_ANY}(?:bank|checking|savings|iban)(?:_account|_acct)?{_NUM}"),
    ("DRIVER_LICENSE", rf"{_ANY}(?:drivers?_licen[cs]e|dl){_NUM}"),
    ("US_PASSPORT", rf"{_ANY}passport{_NUM}"),
    ("DATE_OF_BIRTH", BIRTH_DATE),
    ("EMAIL_ADDRESS", rf"{_ANY}e_?mail(?:_address|_addr)?"),
    (
        "PHONE_NUMBER",
        rf"{_ANY}(?:phone|mobile|cell|telephone|tel|fax|msisdn|ani|caller_id|callback|dnis){_NUM}",
    ),
    ("IP_ADDRESS", rf"{_ANY}(?:ip|ip_address|ip_addr|remote_addr)"),
    (
        "ADDRESS",
        rf"{_ANY}(?:address(?:_line_?\d)?|street(?:_address)?|addr(?:_line_?\d)?|zip(?:_code)?|postal_code)",
    ),
    (
        "PERSON",
        r"(?:(?:customer|contact|caller|client|account_holder|cardholder|card_holder|patient)_)?"
        r"(?:name|first_?name|last_?name|middle_name|full_name|given_name|family_name|surname|fname|lname)",
    ),
    (
        "ACCOUNT_ID",
        r"(?:customer|account|member|subscriber|loyalty|policy|client)_?(?:id|number|num|no)|acct(?:_id|_no)?",
    ),
    ("HEALTH", rf"{_ANY}(?:diagnos[ie]s|medical_\w+|health_\w+|medications?|prescriptions?|treatment)"),
)
FREE_TEXT = re.compile(
    r"(?:[a-z0-9]+_)*(?:notes?|comments?|body|message|description|summary|transcript|remarks?|memo|text|"
    r"details|chat|free_text|disposition_notes)"
)
RECORD_DATE = re.compile(
    r"(?:[a-z0-9]+_)*(?:created|recorded|started|start|ended|received|opened|closed|call|contact|"
    r"interaction|event|order|ticket|message|record|date|timestamp|ts)(?:_(?:at|on|date|time|ts))?"
)
_COMPILED = tuple((label, re.compile(pattern)) for label, pattern in NAME_RULES)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(name: str) -> str:
    return _NON_WORD.sub("_", _CAMEL.sub("_", name).lower()).strip("_")


def label_from_name(name: str) -> str | None:
    normalized = normalize(name)
    return next((label for label, pattern in _COMPILED if pattern.fullmatch(normalized)), None)


def is_free_text_name(name: str) -> bool:
    return FREE_TEXT.fullmatch(normalize(name)) is not None


def is_record_date_name(name: str) -> bool:
    """`created_at`, `call_date`...: a date that dates the record, not a date of birth."""
    return RECORD_DATE.fullmatch(normalize(name)) is not None and label_from_name(name) != "DATE_OF_BIRTH"


def is_birth_date_name(name: str) -> bool:
    return label_from_name(name) == "DATE_OF_BIRTH"

"""Dates as policies write them: "January 5, 2024", "5 January 2024", "01/05/2024", "2024-01-05"."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(st|nd|rd|th)?,?\s+(?P<year>(19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(st|nd|rd|th)?\s+(of\s+)?{_MONTH},?\s+(?P<year>(19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<mon>\d{1,2})[/.](?P<day>\d{1,2})[/.](?P<year>(19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH},?\s+(?P<year>(19|20)\d\d)\b", re.I),
]


def _to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = _MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["mon"])
    try:
        return date(int(parts["year"]), month, int(parts.get("day") or 1))
    except ValueError:
        return None


def first_date(text: str) -> tuple[date, int] | None:
    """The earliest date written in `text` and where it starts."""
    found: list[tuple[int, date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed is not None:
                found.append((match.start(), parsed))
    if not found:
        return None
    start, parsed = min(found, key=lambda item: (item[0], -item[1].day))
    return parsed, start


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (negative when `later` comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months

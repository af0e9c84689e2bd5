"""Short excerpts for evidence, with e-mail addresses and phone or account numbers masked."""

from __future__ import annotations

import re

from ccpa_readiness.evidence.common.masking import mask_spans

EXCERPT_CHARS = 240
_PERSONAL = re.compile(
    r"[\w.%+-]+@[\w-]+(\.[\w-]+)+"  # e-mail address
    r"|\+?\d[\d\s().-]{5,}\d"  # phone, account or card number: 7 or more digits with separators
)
# Dates and statute sections ("1798.100") are not personal information.
_NOT_PERSONAL = re.compile(r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{4}\.\d{1,3}(\.\d+)?)$")


def _is_personal(found: str) -> bool:
    if "@" in found:
        return True
    return sum(ch.isdigit() for ch in found) >= 7 and not _NOT_PERSONAL.match(found)


def mask_personal(text: str) -> str:
    """Mask e-mail addresses and long numbers (not dates) so no personal information leaves."""
    return mask_spans(text, [m.span() for m in _PERSONAL.finditer(text) if _is_personal(m.group())])


def excerpt(text: str, start: int = 0, end: int | None = None) -> str:
    """About `EXCERPT_CHARS` characters of `text` around `start:end`, cut at word boundaries."""
    end = start if end is None else end
    if len(text) <= EXCERPT_CHARS:
        return mask_personal(text)
    left = max(0, min(start - EXCERPT_CHARS // 6, len(text) - EXCERPT_CHARS))
    right = min(len(text), max(left + EXCERPT_CHARS, end))
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text):
        right = text.rfind(" ", left, right) if text.rfind(" ", left, right) > start else right
    piece = text[left:right].strip()
    return mask_personal(("…" if left > 0 else "") + piece + ("…" if right < len(text) else ""))

"""Mask personal information before it leaves a scanner: keep the shape, hide all but the tail."""

from __future__ import annotations


def mask_value(value: str, keep_last: int = 4) -> str:
    """Replace every letter and digit but the last `keep_last` alphanumerics; keep separators.

    `123-45-6789` becomes `***-**-6789`; `jane@example.com` becomes `****@*******.*om`.
    Values of up to `keep_last` alphanumerics are masked whole.
    """
    alnum_count = sum(ch.isalnum() for ch in value)
    visible_from = alnum_count - keep_last if alnum_count > keep_last else alnum_count
    out: list[str] = []
    seen = 0
    for ch in value:
        if ch.isalnum():
            out.append(ch if seen >= visible_from else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def mask_spans(text: str, spans: list[tuple[int, int]], keep_last: int = 4) -> str:
    """Return `text` with each (start, end) span masked by `mask_value`."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:
            start = cursor
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(mask_value(text[start:end], keep_last))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)

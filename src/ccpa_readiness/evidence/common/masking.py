"""Mask a value before it leaves a scanner: keep the shape, hide every letter and all digits but
the tail."""

from __future__ import annotations


def mask_value(value: str, keep_last: int = 4) -> str:
    """Replace every letter, and every digit but the last `keep_last` ones; keep separators.

    `123-45-6789` becomes `***-**-6789`; `jane@example.com` becomes `****@*******.***` (letters
    never show, so a name, an e-mail or a licence's letters are masked wholly). Values of up to
    `keep_last` digits are masked whole.
    """
    digit_count = sum(ch.isdigit() for ch in value)
    visible_from = digit_count - keep_last if digit_count > keep_last else digit_count
    out: list[str] = []
    seen = 0
    for ch in value:
        if ch.isdigit():
            out.append(ch if seen >= visible_from else "*")
            seen += 1
        elif ch.isalnum():
            out.append("*")
        else:
            out.append(ch)
    return "".join(out)


def mask_spans(text: str, spans: list[tuple[int, int, int]]) -> str:
    """Return `text` with each (start, end, keep_last) span masked by `mask_value`; where spans
    overlap, the union is masked and keeps the smallest tail."""
    pieces: list[str] = []
    cursor = 0
    for start, end, keep in _merged(spans):
        pieces.append(text[cursor:start])
        pieces.append(mask_value(text[start:end], keep))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    merged: list[tuple[int, int, int]] = []
    for start, end, keep in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            last_start, last_end, last_keep = merged[-1]
            merged[-1] = (last_start, max(last_end, end), min(last_keep, keep))
        else:
            merged.append((start, end, keep))
    return merged

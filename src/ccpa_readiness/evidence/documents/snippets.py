"""Short excerpts for evidence, masked by the one masker (`evidence.pii.masking`)."""

from __future__ import annotations

from ccpa_readiness.evidence.pii.masking import mask_text

EXCERPT_CHARS = 240


def excerpt(text: str, start: int = 0, end: int | None = None) -> str:
    """About `EXCERPT_CHARS` characters of `text` around `start:end`, cut at word boundaries, with
    everything the PII detectors find masked (health terms too: masking a category's name costs the
    excerpt a word, missing someone's diagnosis would leak it)."""
    end = start if end is None else end
    if len(text) <= EXCERPT_CHARS:
        return mask_text(text)
    left = max(0, min(start - EXCERPT_CHARS // 6, len(text) - EXCERPT_CHARS))
    right = min(len(text), max(left + EXCERPT_CHARS, end))
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text):
        right = text.rfind(" ", left, right) if text.rfind(" ", left, right) > start else right
    piece = text[left:right].strip()
    return mask_text(("…" if left > 0 else "") + piece + ("…" if right < len(text) else ""))

"""A detection: a labelled span of a text, with its CCPA keys."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Detection:
    """`text[start:end]` is personal information of kind `label`, with confidence `score` (0..1)."""

    start: int
    end: int
    label: str
    score: float
    category: str
    sensitive_kind: str | None

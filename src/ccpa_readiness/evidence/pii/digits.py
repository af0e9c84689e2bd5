"""The digits of a value, the first step of every numeric identifier's check."""

from __future__ import annotations

import re

_NON_DIGIT = re.compile(r"\D")


def digits_of(value: str) -> str:
    return _NON_DIGIT.sub("", value)

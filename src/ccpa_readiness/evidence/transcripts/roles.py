"""Who speaks: the agent, the customer, or the system (IVR prompts, recorded announcements)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

AGENT, CUSTOMER, SYSTEM = "agent", "customer", "system"
_AGENT = re.compile(r"(?i)agent|rep\b|representative|advisor|associate|operator|csr|staff|specialist")
_SYSTEM = re.compile(r"(?i)system|ivr|bot\b|announcement|prompt|recording|automated")
_CUSTOMER = re.compile(r"(?i)customer|caller|user|client|consumer|member|guest|patient")


def roles(speakers: Sequence[str]) -> list[str]:
    """The role of each turn's speaker. Unnamed speakers (`spk_0`, `A`): whoever speaks first is
    the agent (the contact center answers), everyone else the customer."""
    first_unnamed: str | None = None
    out: list[str] = []
    for speaker in speakers:
        named = _named_role(speaker)
        if named is None:
            first_unnamed = first_unnamed or speaker
            named = AGENT if speaker == first_unnamed else CUSTOMER
        out.append(named)
    return out


@lru_cache(maxsize=4096)
def _named_role(speaker: str) -> str | None:
    """The role a speaker's name says, or None (speaker names repeat in every conversation)."""
    if _SYSTEM.search(speaker):
        return SYSTEM
    if _AGENT.search(speaker):
        return AGENT
    if _CUSTOMER.search(speaker):
        return CUSTOMER
    return None

"""Who speaks: the agent, the customer, or the system (IVR prompts, recorded announcements)."""

from __future__ import annotations

import re
from collections.abc import Sequence

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
        if _SYSTEM.search(speaker):
            out.append(SYSTEM)
        elif _AGENT.search(speaker):
            out.append(AGENT)
        elif _CUSTOMER.search(speaker):
            out.append(CUSTOMER)
        else:
            first_unnamed = first_unnamed or speaker
            out.append(AGENT if speaker == first_unnamed else CUSTOMER)
    return out

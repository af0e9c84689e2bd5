"""Words the workspace and the catalog share: departments and contact channels. A leaf module."""

from __future__ import annotations

from enum import StrEnum


class Department(StrEnum):
    legal = "Legal"
    privacy = "Privacy"
    it = "IT"
    security = "Security"
    operations = "Operations"
    training_hr = "Training/HR"
    vendor_management = "Vendor management"


class ChannelKind(StrEnum):
    voice_ivr = "voice_ivr"
    agent_voice = "agent_voice"
    chat = "chat"
    email = "email"
    sms = "sms"
    social = "social"
    website = "website"

    @property
    def is_voice(self) -> bool:
        return self in (ChannelKind.voice_ivr, ChannelKind.agent_voice)

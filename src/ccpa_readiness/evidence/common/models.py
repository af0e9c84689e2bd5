"""Observations: what a scanner saw, and where."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ccpa_readiness.errors import Problem

AttributeValue = str | int | float | bool | None | list[str]


class Observation(BaseModel):
    """One thing a scanner saw in an artifact.

    `kind` is a stable id the assessment's checks look up (for flows, the rule id such as
    `FLOW-NOTICE-MISSING`). `snippet` is always masked before it is set.
    """

    kind: str
    source: str = Field(description="the artifact: file path or URL without password")
    location: str = Field(default="", description="place inside the artifact: node id, line, section")
    snippet: str = ""
    subject: str = Field(default="", description="what it is about: a channel, system, flow, label")
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)


class ScanResult(BaseModel):
    """A scanner's output: observations plus the inputs it had to skip."""

    observations: list[Observation] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    def extend(self, other: ScanResult) -> None:
        self.observations.extend(other.observations)
        self.problems.extend(other.problems)

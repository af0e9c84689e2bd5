"""The analyser's editable data: action types, wording and rules, loaded from `data/*.yaml`."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from ccpa_readiness.evidence.flows.model import FlowFormat, NodeKind

Severity = Literal["error", "warning", "note"]
SEVERITY_RANK: dict[str, int] = {"note": 0, "warning": 1, "error": 2}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActionTable(_Frozen):
    entry_flow_types: frozenset[str]
    error_events: frozenset[str]
    success_events: frozenset[str] = frozenset()
    validation_events: frozenset[str] = frozenset()
    types: dict[str, NodeKind]


class Rule(_Frozen):
    severity: Severity
    title: str
    citation: str
    requirements: tuple[str, ...]
    help: str


class SensitiveKind(_Frozen):
    payment: bool
    phrases: tuple[str, ...]


class Wording(_Frozen):
    wordless_audio: tuple[str, ...]
    sensitive_input: dict[str, SensitiveKind]


def _load(name: str) -> object:
    text = resources.files("ccpa_readiness.evidence.flows").joinpath("data").joinpath(name).read_text("utf-8")
    return yaml.safe_load(text)


@cache
def action_tables() -> dict[FlowFormat, ActionTable]:
    return TypeAdapter(dict[FlowFormat, ActionTable]).validate_python(_load("actions.yaml"))


@cache
def rules() -> dict[str, Rule]:
    return TypeAdapter(dict[str, Rule]).validate_python(_load("rules.yaml"))


@cache
def wording() -> Wording:
    return Wording.model_validate(_load("wording.yaml"))


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)

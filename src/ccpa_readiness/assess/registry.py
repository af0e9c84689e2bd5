"""Registries of checks and of applies-when conditions: small functions under stable ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ccpa_readiness.assess.known import Settled
from ccpa_readiness.assess.models import Applicability, CheckResult, Outcome
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.facts.models import Facts


@dataclass(frozen=True)
class CheckContext:
    facts: Facts
    catalog: Catalog
    conditions: dict[str, bool | None]
    applicability: Applicability | None = None


T = TypeVar("T")


def known(value: T | None, reason: str, *missing: str) -> T:
    """`value`, or stop the check with an unknown outcome naming the `missing` information."""
    if value is None:
        raise Settled(CheckResult(outcome=Outcome.unknown, reason=reason, missing=list(missing)))
    return value


CheckFunction = Callable[[CheckContext], CheckResult]
ConditionFunction = Callable[[Facts], bool | None]

CHECKS: dict[str, CheckFunction] = {}
CONDITIONS: dict[str, ConditionFunction] = {}


def check(check_id: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under `check_id`, the id requirements name in their `checks` list."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in CHECKS:
            raise ValueError(f"check '{check_id}' registered twice")

        def run(context: CheckContext) -> CheckResult:
            try:
                return function(context)
            except Settled as settled:
                return settled.result

        CHECKS[check_id] = run
        return function

    return register


def condition(name: str) -> Callable[[ConditionFunction], ConditionFunction]:
    """Register an applies-when condition; it answers True, False or None (not known)."""

    def register(function: ConditionFunction) -> ConditionFunction:
        if name in CONDITIONS:
            raise ValueError(f"condition '{name}' registered twice")
        CONDITIONS[name] = function
        return function

    return register

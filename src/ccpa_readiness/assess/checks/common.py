"""Building blocks for checks: outcome constructors and the judge-each-item aggregation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ccpa_readiness.assess.known import decides, file_of, is_complete, written
from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.facts.models import Facts, Provenance

ASSUMPTIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "assumptions.yaml"


@cache
def assumptions() -> dict[str, Any]:
    """The tunable assumptions (not law) in `assess/data/assumptions.yaml`."""
    loaded: dict[str, Any] = yaml.safe_load(ASSUMPTIONS_FILE.read_text(encoding="utf-8"))
    return loaded


def met(reason: str, *evidence: Provenance) -> CheckResult:
    return CheckResult(outcome=Outcome.met, reason=reason, evidence=list(evidence))


def gap(reason: str, *evidence: Provenance) -> CheckResult:
    return CheckResult(outcome=Outcome.gap, reason=reason, evidence=list(evidence))


def unknown(reason: str, *missing: str) -> CheckResult:
    return CheckResult(outcome=Outcome.unknown, reason=reason, missing=list(missing))


def not_applicable(reason: str) -> CheckResult:
    return CheckResult(outcome=Outcome.not_applicable, reason=reason)


@dataclass
class Judgement:
    """One item judged by a check: a channel, system, vendor... ok=None means not stated."""

    name: str
    ok: bool | None
    provenance: Provenance
    problem: str = ""


MAX_EVIDENCE = 25
MAX_NAMED = 10


def _named(items: list[str]) -> str:
    """The first items, and how many more: a reason stays readable over 500 data elements."""
    shown = "; ".join(items[:MAX_NAMED])
    return shown if len(items) <= MAX_NAMED else f"{shown}; and {len(items) - MAX_NAMED} more"


def combine(judgements: list[Judgement], what: str, missing: str = "") -> CheckResult:
    """All ok: met. Failures and none ok: gap. Failures beside ok: partial. Unstated, no failure: unknown.

    The reason names the items that fail and the items not stated; the evidence lists failing
    items first, at most `MAX_EVIDENCE` of them.
    """
    if not judgements:
        return not_applicable(f"no {what} to check")
    failing = [j for j in judgements if j.ok is False]
    unstated = [j for j in judgements if j.ok is None]
    passing = [j for j in judgements if j.ok is True]
    evidence = [j.provenance for j in failing + unstated + passing][:MAX_EVIDENCE]
    parts = []
    if failing:
        parts.append(_named([f"{j.name}: {j.problem}" if j.problem else j.name for j in failing]))
    if unstated:
        parts.append("not stated for " + _named([j.name for j in unstated]))
    if failing and not passing:
        return CheckResult(outcome=Outcome.gap, reason=f"{what}: " + "; ".join(parts), evidence=evidence)
    if failing:
        return CheckResult(outcome=Outcome.partial, reason=f"{what}: " + "; ".join(parts), evidence=evidence)
    if unstated:
        return CheckResult(
            outcome=Outcome.unknown,
            reason=f"{what}: " + "; ".join(parts),
            evidence=evidence,
            missing=[missing or f"{what}: {', '.join(j.name for j in unstated)}"],
        )
    return CheckResult(outcome=Outcome.met, reason=f"{what}: all {len(passing)} in order", evidence=evidence)


def combine_over(
    facts: Facts, key: str, judgements: list[Judgement], what: str, missing: str = ""
) -> CheckResult:
    """`combine` over items taken from the list `key`: none at all is "nothing to check" only when
    the list is declared complete; otherwise it is unknown (the rule of what is known)."""
    if judgements:
        return combine(judgements, what, missing)
    if is_complete(facts, key):
        return not_applicable(f"no {what}: {file_of(key)} declares its {key} complete")
    return unknown(f"no {what} listed", decides(key, what))


def listed_ok(item: BaseModel, field: str, value: list[Any]) -> bool | None:
    """A list inside an item: something in it, True; written empty, False (none); left out, None."""
    if value:
        return True
    return False if written(item, field) else None


def with_observed_problems(result: CheckResult, problems: list[Observation], what: str) -> CheckResult:
    """Evidence beats declarations: any observed problem makes the result a gap."""
    if not problems:
        return result
    evidence = [Facts.from_observation(o) for o in problems[:10]] + result.evidence
    reason = f"{result.reason}; evidence: {len(problems)} {what}"
    return CheckResult(outcome=Outcome.gap, reason=reason, evidence=evidence, missing=result.missing)


def with_observed_partial(result: CheckResult, partial: list[Observation], what: str) -> CheckResult:
    """An element the document gives only in part (its note says what is missing) makes a met
    or unknown result partial; a gap stays a gap."""
    if not partial or result.outcome not in (Outcome.met, Outcome.unknown):
        return result
    notes = "; ".join(f"{o.subject}: {o.attributes.get('note', '')}" for o in partial[:5])
    evidence = [Facts.from_observation(o) for o in partial[:10]] + result.evidence
    reason = f"{result.reason}; evidence: {len(partial)} {what} ({notes})"
    return CheckResult(outcome=Outcome.partial, reason=reason, evidence=evidence, missing=result.missing)


def with_observed_support(result: CheckResult, support: list[Observation], what: str) -> CheckResult:
    """Evidence that confirms: attach it, and settle an unknown when the evidence alone decides."""
    if not support:
        return result
    evidence = result.evidence + [Facts.from_observation(o) for o in support[:5]]
    if result.outcome == Outcome.unknown:
        return CheckResult(
            outcome=Outcome.met, reason=f"{len(support)} {what} examined, no problem found", evidence=evidence
        )
    return result.model_copy(
        update={"evidence": evidence, "reason": f"{result.reason}; {len(support)} {what} examined"}
    )


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)

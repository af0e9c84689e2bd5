"""The rule of what is known: a gap needs a declaration or an observation that shows the absence.

Silence is unknown. A field left out or `null` is not stated; a thing a list does not name is not
stated either, unless the file names that list under `complete_lists` (it then holds everything
there is). A list written inside an item (a vendor's `contract_clauses`, a programme's `topics`)
says all there is for that item; left out, it is not stated. Every check asks here before it
calls something absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import BaseModel

from ccpa_readiness.assess.models import CheckResult, Outcome
from ccpa_readiness.facts.models import Facts, Provenance
from ccpa_readiness.workspace.models import (
    Channels,
    DataInventory,
    Listing,
    Practices,
    Procedures,
    Systems,
    Technology,
    Training,
    Vendors,
)

T = TypeVar("T")

# list key -> (inventory file, its model)
LISTS: dict[str, tuple[str, type[Listing]]] = {
    "channels": ("channels.yaml", Channels),
    "data_elements": ("data.yaml", DataInventory),
    "systems": ("systems.yaml", Systems),
    "procedures": ("procedures.yaml", Procedures),
    "vendors": ("vendors.yaml", Vendors),
    "programmes": ("training.yaml", Training),
    "analytics": ("technology.yaml", Technology),
    "notices": ("practices.yaml", Practices),
    "request_methods": ("practices.yaml", Practices),
    "financial_incentives": ("practices.yaml", Practices),
}


class Settled(Exception):
    """Raised inside a check when the rule of what is known settles its outcome (gap or unknown)."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.reason)
        self.result = result


def file_of(key: str) -> str:
    return f"inventory/{LISTS[key][0]}"


def is_complete(facts: Facts, key: str) -> bool:
    """Whether the workspace declares the list `key` to hold everything there is."""
    filename, model = LISTS[key]
    part = facts.workspace.part(filename, model)
    return part is not None and key in part.complete_lists


def completeness(facts: Facts, key: str) -> Provenance:
    """Where the list `key` is declared complete (its `complete_lists` line)."""
    relative = file_of(key)
    filename, model = LISTS[key]
    part = facts.workspace.part(filename, model)
    index = part.complete_lists.index(key) if part is not None and key in part.complete_lists else None
    if index is None:
        return facts.declared(relative, key)
    return facts.declared(relative, "complete_lists", index, snippet=f"complete_lists: [{key}]")


def decides(key: str, what: str) -> str:
    """What would decide a thing not listed: the entry itself, or the list declared complete."""
    return f"{file_of(key)}: {what} in `{key}`, or `complete_lists: [{key}]` if there is none"


def not_listed(facts: Facts, key: str, what: str) -> CheckResult:
    """Nothing in the list `key` is `what`: a gap when the list is complete, otherwise unknown."""
    if is_complete(facts, key):
        return CheckResult(
            outcome=Outcome.gap,
            reason=f"no {what}: {file_of(key)} declares its {key} complete",
            evidence=[completeness(facts, key)],
        )
    return CheckResult(
        outcome=Outcome.unknown,
        reason=f"no {what} listed, and {key} is not declared complete",
        missing=[decides(key, what)],
    )


def listed_or_settle(facts: Facts, key: str, found: list[T], what: str) -> list[T]:
    """`found`, or stop the check: gap when the list `key` is complete, unknown otherwise."""
    if not found:
        raise Settled(not_listed(facts, key, what))
    return found


def absent_ok(facts: Facts, key: str) -> bool | None:
    """The `ok` of a judged item whose required thing is not listed: False if the list is complete."""
    return False if is_complete(facts, key) else None


def any_listed(
    facts: Facts, key: str, items: Iterable[T] | None, holds: Callable[[T], bool | None]
) -> bool | None:
    """Does some listed item hold? True if one does; False only over a complete list; else None."""
    if items is None:
        return None
    answers = [holds(item) for item in items]
    if any(answers):
        return True
    return False if is_complete(facts, key) and None not in answers else None


def written(item: BaseModel, field: str) -> bool:
    """Whether the item's field was written in the workspace (a list written there says all there is)."""
    return field in item.model_fields_set

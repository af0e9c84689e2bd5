"""Path analysis: walk every path from the start, tracking what the caller was told and what is on.

A breadth-first search over (node, call state) pairs: the state holds whether the notice at
collection and the recording disclosure were given (True, False, or None when a prompt the export
does not show may have given it) and whether recording, analytics and streaming are on (None in a
module, queue, whisper or transfer flow entered from a flow that was not given: the caller sets
them). States are few, so loops end; the first time a violation is met at a node, its path is the
shortest one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from ccpa_readiness.evidence.flows.bundle import Bundle, BundleNode
from ccpa_readiness.evidence.flows.model import Node, NodeKind
from ccpa_readiness.evidence.flows.wording import (
    disclosure_verdict,
    is_payment,
    notice_verdict,
    sensitive_kinds,
)

COLLECTING_KINDS = frozenset(
    {
        NodeKind.BOT,
        NodeKind.TRANSFER_QUEUE,
        NodeKind.TRANSFER_AGENT,
        NodeKind.TRANSFER_NUMBER,
        NodeKind.VOICE_BIOMETRICS,
        NodeKind.VOICEMAIL,
        NodeKind.PAYMENT,
    }
)
CAPTURES = ("recording", "analytics", "streaming")


@dataclass(frozen=True)
class CallState:
    notice: bool | None
    disclosure: bool | None
    recording: bool | None = False
    analytics: bool | None = False
    streaming: bool | None = False
    reported: frozenset[str] = frozenset()
    """Checks already failed on this path: later nodes on it are not reported again."""


@dataclass(frozen=True)
class Violation:
    rule: str
    node: BundleNode
    path: tuple[BundleNode, ...]
    about: str
    """What the check was about: notice, disclosure, payment."""


@dataclass
class PathResult:
    first_path: dict[BundleNode, tuple[BundleNode, ...]] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    told: dict[tuple[int, str], set[bool | None]] = field(default_factory=dict)
    """Per flow and "notice" or "disclosure": what the caller had been told at each collection
    or capture start, on every path, whether or not a violation was already reported upstream."""


@cache
def asks_for(node: Node) -> tuple[str, ...]:
    """What a stored input or a bot asks for (card, ssn, pin...), from its prompt text and settings."""
    if not node.stores_input and node.kind is not NodeKind.BOT:
        return ()
    text = node.prompt.text if node.prompt and node.prompt.text else ""
    return sensitive_kinds([text, *node.input_hints])


def pays(node: Node) -> bool:
    """The node takes card or bank data."""
    return node.kind is NodeKind.PAYMENT or is_payment(asks_for(node))


def collects(node: Node) -> bool:
    return node.stores_input or node.kind in COLLECTING_KINDS or bool(starts(node, CallState(False, False)))


def starts(node: Node, state: CallState) -> list[str]:
    """The captures this node turns on that were off (or may have been)."""
    return [c for c in CAPTURES if getattr(node.switch, c) is True and getattr(state, c) is not True]


def _told(before: bool | None, verdict: bool | None) -> bool | None:
    if before is True or verdict is True:
        return True
    if before is None or verdict is None:
        return None
    return False


def _check(told: bool | None, key: str, state: CallState, missing_rule: str) -> tuple[str, str] | None:
    if key in state.reported or told is True:
        return None
    return (missing_rule if told is False else "FLOW-UNDETERMINED", key)


def hear(node: Node, before: CallState, declared: frozenset[str]) -> CallState:
    """The state once the node's prompt has played: what the caller has been told."""
    if node.prompt is None or node.kind is NodeKind.VOICEMAIL:
        return before
    return replace(
        before,
        notice=_told(before.notice, notice_verdict(node, declared)),
        disclosure=_told(before.disclosure, disclosure_verdict(node, declared)),
    )


def act(node: Node, state: CallState) -> tuple[CallState, list[tuple[str, str]]]:
    """The state after the node does its work (`state` is what the caller heard), and the
    (rule, about) pairs it fails."""
    checks: list[tuple[str, str] | None] = []
    if collects(node):
        checks.append(_check(state.notice, "notice", state, "FLOW-NOTICE-MISSING"))
    if starts(node, state):
        checks.append(_check(state.disclosure, "disclosure", state, "FLOW-RECORDING-NOTICE-MISSING"))
    failed = [check for check in checks if check is not None]
    if "payment" not in state.reported and pays(node):
        if state.recording is True or state.analytics is True:
            failed.append(("FLOW-PAYMENT-RECORDED", "payment"))
        elif state.recording is None or state.analytics is None:
            failed.append(("FLOW-PAYMENT-RECORDING-UNKNOWN", "payment"))
    switch = {c: getattr(node.switch, c) for c in CAPTURES if getattr(node.switch, c) is not None}
    after = replace(state, reported=state.reported | {about for _, about in failed}, **switch)
    return after, failed


def walk(bundle: Bundle, declared: frozenset[str]) -> PathResult:
    result = PathResult()
    parents: dict[tuple[BundleNode, CallState], tuple[BundleNode, CallState] | None] = {}
    queue: deque[tuple[BundleNode, CallState]] = deque()
    for entry in bundle.entries:
        flow = bundle.flows[entry]
        known = False if flow.entry_state_known else None
        state = CallState(known, known, recording=known, analytics=known, streaming=known)
        item = ((entry, flow.start), state)
        parents[item] = None
        queue.append(item)
    seen_violations: set[tuple[str, BundleNode, str]] = set()
    while queue:
        item = queue.popleft()
        where, before = item
        node = bundle.flows[where[0]].node(where[1])
        if where not in result.first_path:
            result.first_path[where] = _path(parents, item)
        heard = hear(node, before, declared)
        if collects(node):
            result.told.setdefault((where[0], "notice"), set()).add(heard.notice)
        if starts(node, heard):
            result.told.setdefault((where[0], "disclosure"), set()).add(heard.disclosure)
        after, failed = act(node, heard)
        for rule, about in failed:
            if (rule, where, about) not in seen_violations:
                seen_violations.add((rule, where, about))
                result.violations.append(Violation(rule, where, _path(parents, item), about))
        for successor in sorted(bundle.graph.successors(where)):
            following = (successor, after)
            if following not in parents:
                parents[following] = item
                queue.append(following)
    return result


def _path(
    parents: dict[tuple[BundleNode, CallState], tuple[BundleNode, CallState] | None],
    item: tuple[BundleNode, CallState],
) -> tuple[BundleNode, ...]:
    return tuple(reversed(list(_back(parents, item))))


def _back(
    parents: dict[tuple[BundleNode, CallState], tuple[BundleNode, CallState] | None],
    item: tuple[BundleNode, CallState] | None,
) -> Iterator[BundleNode]:
    while item is not None:
        yield item[0]
        item = parents[item]

"""The rules: turn a bundle and its path analysis into findings, one per violation and node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from ccpa_readiness.evidence.flows.bundle import Bundle, BundleNode
from ccpa_readiness.evidence.flows.model import TERMINAL_KINDS, Flow, Node, NodeKind
from ccpa_readiness.evidence.flows.paths import PathResult, Violation, asks_for, collects
from ccpa_readiness.evidence.flows.tables import action_tables, rules
from ccpa_readiness.evidence.flows.wording import disclosure_verdict, notice_verdict, plain_text
from ccpa_readiness.evidence.pii.masking import mask_text

_SNIPPET_LENGTH = 160
UNDECIDED_RULES = frozenset({"FLOW-UNDETERMINED", "FLOW-PAYMENT-RECORDING-UNKNOWN"})
"""Rules that say the export cannot decide: dropped where the same check plainly failed."""


@dataclass(frozen=True)
class Finding:
    rule: str
    source: str
    flow: str
    format: str
    node: str
    path: tuple[str, ...]
    message: str
    snippet: str = ""

    @property
    def severity(self) -> str:
        return rules()[self.rule].severity


@dataclass(frozen=True)
class FlowSummary:
    flow: Flow
    notice_given: bool | None
    recording_disclosed: bool | None
    records: bool
    collects: bool


def snippet(clean: str) -> str:
    """Short text for a report, masked by the one masker (names, numbers, addresses...)."""
    masked = mask_text(clean)
    return masked[: _SNIPPET_LENGTH - 1] + "…" if len(masked) > _SNIPPET_LENGTH else masked


def describe(node: Node) -> str:
    """What the node is, for a message: its type and, when set, its display name."""
    name = f" {node.label!r}" if node.label and node.label != node.id else ""
    return f"{node.action_type}{name}"


def node_snippet(node: Node) -> str:
    """What the node says or where it sends data, masked; empty when it does neither."""
    if node.prompt is not None and node.prompt.text:
        return snippet(plain_text(node.prompt.text))
    if node.external_target:
        return snippet(node.external_target)
    if node.prompt is not None and node.prompt.absent_reason:
        return f"({node.prompt.absent_reason})"
    return ""


class FlowRules:
    """Every rule over one analysed bundle."""

    def __init__(self, bundle: Bundle, walked: PathResult, declared: frozenset[str]) -> None:
        self.bundle = bundle
        self.walked = walked
        self.declared = declared

    def _node(self, where: BundleNode) -> Node:
        return self.bundle.flows[where[0]].node(where[1])

    def _finding(self, rule: str, where: BundleNode, path: Iterable[BundleNode], message: str) -> Finding:
        flow = self.bundle.flows[where[0]]
        return Finding(
            rule=rule,
            source=flow.source,
            flow=flow.name,
            format=flow.format.value,
            node=where[1],
            path=tuple(self.bundle.node_name(n, where[0]) for n in path),
            message=message,
            snippet=node_snippet(self._node(where)) or describe(self._node(where)),
        )

    def findings(self) -> list[Finding]:
        found = [*self._path_findings(), *self._node_findings(), *self._unreachable()]
        return sorted(found, key=lambda f: (f.source, f.flow, f.node, f.rule, f.path))

    def _kept(self) -> list[Violation]:
        """The violations, less "undetermined" ones at nodes where the same check plainly failed."""
        decided = {(v.node, v.about) for v in self.walked.violations if v.rule not in UNDECIDED_RULES}
        return [
            v
            for v in self.walked.violations
            if v.rule not in UNDECIDED_RULES or (v.node, v.about) not in decided
        ]

    def _path_findings(self) -> Iterator[Finding]:
        for violation in self._kept():
            yield self._finding(violation.rule, violation.node, violation.path, self._message(violation))

    def _message(self, violation: Violation) -> str:
        node = self._node(violation.node)
        what = describe(node)
        if violation.rule == "FLOW-NOTICE-MISSING":
            return f"{what} collects personal information; no notice at collection was given before it"
        if violation.rule == "FLOW-RECORDING-NOTICE-MISSING":
            return f"{what} starts {_captures(node)} before the caller is told the call may be recorded"
        if violation.rule == "FLOW-PAYMENT-RECORDED":
            return f"{what} asks for card or bank data while recording or analytics is on"
        if violation.rule == "FLOW-PAYMENT-RECORDING-UNKNOWN":
            entry = self.bundle.flows[violation.path[0][0]]
            return (
                f"{what} asks for card or bank data; whether recording or analytics is on then is set by "
                f"the flow that runs before this {entry.flow_type or 'linked'} flow, which was not given"
            )
        told = "the notice at collection" if violation.about == "notice" else "the recording disclosure"
        verdict = notice_verdict if violation.about == "notice" else disclosure_verdict
        unseen = [
            f"{self.bundle.node_name(n, violation.node[0])} ({prompt.absent_reason or 'dynamic text'})"
            for n in violation.path
            if (prompt := self._node(n).prompt) is not None and verdict(self._node(n), self.declared) is None
        ]
        reasons = []
        entry = self.bundle.flows[violation.path[0][0]]
        if not entry.entry_state_known:
            reasons.append(f"this {entry.flow_type or 'linked'} flow runs after a flow that was not given")
        if unseen:
            reasons.append(f"prompts whose words the export does not hold: {', '.join(unseen)}")
        return (
            f"{what}: whether {told} came first depends on what the export does not show: "
            f"{'; '.join(reasons)}. Give the linked flows together or declare the notice with --notice-prompt"
        )

    def _node_findings(self) -> Iterator[Finding]:
        external_seen: set[tuple[int, str]] = set()
        order = sorted(self.walked.first_path.items(), key=lambda item: (len(item[1]), item[0]))
        for where, path in order:
            node = self._node(where)
            kinds = asks_for(node)
            if node.stores_input and kinds and not node.encrypted:
                yield self._finding(
                    "FLOW-SENSITIVE-INPUT-UNENCRYPTED",
                    where,
                    path,
                    f"{describe(node)} stores input that looks like {', '.join(kinds)} without encryption",
                )
            if node.switch.analytics and not node.analytics_redacted:
                message = f"{describe(node)} turns on analytics without redacting sensitive data"
                yield self._finding("FLOW-ANALYTICS-UNREDACTED", where, path, message)
            if node.kind is NodeKind.VOICE_BIOMETRICS:
                message = f"{describe(node)} uses voice biometrics (sensitive personal information)"
                yield self._finding("FLOW-VOICE-BIOMETRICS", where, path, message)
            if node.external_target and (where[0], node.external_target) not in external_seen:
                external_seen.add((where[0], node.external_target))
                message = f"{describe(node)} sends contact data to {node.external_target}"
                yield self._finding("FLOW-EXTERNAL-SHARE", where, path, message)
            if self.bundle.graph.out_degree(where) == 0 and node.kind not in TERMINAL_KINDS:
                message = f"{describe(node)} has no next step"
                yield self._finding("FLOW-DEAD-END", where, path, message)
            if wired := self._error_to_success(where, node):
                message = f"{describe(node)} sends {', '.join(wired)} to the same next step as a valid value"
                yield self._finding("FLOW-ERROR-TO-SUCCESS", where, path, message)
            if node.unhandled_events:
                events = ", ".join(node.unhandled_events)
                message = f"{describe(node)} leaves {events} without a next step"
                yield self._finding("FLOW-UNHANDLED-ERROR", where, path, message)

    def _error_to_success(self, where: BundleNode, node: Node) -> list[str]:
        """The validation-error events of a stored input or a payment wired to its success step."""
        if not node.stores_input and node.kind is not NodeKind.PAYMENT:
            return []
        table = action_tables()[self.bundle.flows[where[0]].format]
        wired: set[str] = set()
        for _, _, data in self.bundle.graph.out_edges(where, data=True):
            events = set(data["events"])
            if events & table.success_events:
                wired |= events & table.validation_events
        return sorted(wired)

    def _unreachable(self) -> Iterator[Finding]:
        """One finding per part of a flow that no path reaches: at its first node."""
        for index, flow in enumerate(self.bundle.flows):
            lost = [n for n in flow.graph.nodes if (index, n) not in self.walked.first_path]
            if not lost:
                continue
            parts = nx.condensation(flow.graph.subgraph(lost))
            for part in sorted(parts.nodes):
                if parts.in_degree(part) == 0:
                    members = sorted(parts.nodes[part]["members"])
                    reached = sorted(nx.descendants(flow.graph, members[0]) & set(lost))
                    message = f"{describe(flow.node(members[0]))} is never reached from the start" + (
                        f" (nor are the {len(reached)} nodes after it)" if reached else ""
                    )
                    yield self._finding("FLOW-UNREACHABLE", (index, members[0]), (), message)

    def summaries(self) -> list[FlowSummary]:
        """Per flow, from the nodes a path reaches: does it collect, record, tell first?"""
        summaries = []
        for index, flow in enumerate(self.bundle.flows):
            reached = [flow.node(n) for n in sorted(flow.graph.nodes) if (index, n) in self.walked.first_path]
            summaries.append(
                FlowSummary(
                    flow=flow,
                    notice_given=self._given(index, "notice"),
                    recording_disclosed=self._given(index, "disclosure"),
                    records=any(
                        n.switch.recording or n.switch.analytics or n.switch.streaming for n in reached
                    ),
                    collects=any(collects(n) for n in reached),
                )
            )
        return summaries

    def _given(self, flow_index: int, about: str) -> bool | None:
        """False when some path reaches a collection (or capture) untold, None when one may."""
        told = self.walked.told.get((flow_index, about), set())
        if False in told:
            return False
        return None if None in told else True


def _captures(node: Node) -> str:
    on = [c for c in ("recording", "analytics", "streaming") if getattr(node.switch, c)]
    return " and ".join(on)

"""One graph model for every export format: nodes with a kind, edges labelled by event."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import networkx as nx


class NodeKind(StrEnum):
    """What a node does to the caller, whatever the platform calls it."""

    PROMPT = "prompt"
    INPUT = "input"
    BOT = "bot"
    RECORDING = "recording"
    STREAMING = "streaming"
    EXTERNAL = "external"
    VOICE_BIOMETRICS = "voice_biometrics"
    VOICEMAIL = "voicemail"
    PAYMENT = "payment"
    TRANSFER_QUEUE = "transfer_queue"
    TRANSFER_AGENT = "transfer_agent"
    TRANSFER_NUMBER = "transfer_number"
    TRANSFER_FLOW = "transfer_flow"
    INVOKE_MODULE = "invoke_module"
    EVENT_HOOK = "event_hook"
    END = "end"
    LOGIC = "logic"


TERMINAL_KINDS = frozenset(
    {
        NodeKind.END,
        NodeKind.TRANSFER_QUEUE,
        NodeKind.TRANSFER_AGENT,
        NodeKind.TRANSFER_NUMBER,
        NodeKind.TRANSFER_FLOW,
        NodeKind.PROMPT,
    }
)
"""Kinds after which a call may legitimately stop: no outgoing edge is not a dead end."""


class FlowFormat(StrEnum):
    CONNECT = "amazon-connect"
    CONNECT_LEGACY = "amazon-connect-legacy"
    TWILIO = "twilio-studio"
    ARCHY = "genesys-archy"


@dataclass(frozen=True)
class Prompt:
    """What a node says to the caller: its text, or why the export does not show it."""

    text: str | None = None
    absent_reason: str = ""
    refs: tuple[str, ...] = ()
    """Prompt ids, ARNs, audio names or URLs that a workspace may declare to be the notice."""


@dataclass(frozen=True)
class Switch:
    """A change a node makes to something that stays on: True starts it, False stops it."""

    recording: bool | None = None
    analytics: bool | None = None
    streaming: bool | None = None


@dataclass(frozen=True)
class FlowRef:
    """A link to another flow: transfer, module invocation or event hook, by id or name."""

    relation: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Node:
    """One action, module, state or menu of a flow."""

    id: str
    kind: NodeKind
    action_type: str
    label: str = ""
    prompt: Prompt | None = None
    stores_input: bool = False
    encrypted: bool = False
    input_hints: tuple[str, ...] = ()
    """Setting names and values that tell what the input is (validation, max digits...)."""
    switch: Switch = field(default_factory=Switch)
    analytics_redacted: bool = True
    external_target: str = ""
    flow_refs: tuple[FlowRef, ...] = ()
    unhandled_events: tuple[str, ...] = ()


@dataclass
class Flow:
    """A flow read from a file: its nodes in a networkx DiGraph and how other flows may name it."""

    source: str
    name: str
    format: FlowFormat
    start: str
    graph: nx.DiGraph
    flow_type: str = ""
    aliases: frozenset[str] = frozenset()
    entry_state_known: bool = True
    """False for queue, whisper and module flows: the caller was in another flow before."""

    def node(self, node_id: str) -> Node:
        data: Node = self.graph.nodes[node_id]["node"]
        return data

    def nodes(self) -> list[Node]:
        return [self.node(node_id) for node_id in sorted(self.graph.nodes)]


def add_node(graph: nx.DiGraph, node: Node) -> None:
    graph.add_node(node.id, node=node)


def add_edge(graph: nx.DiGraph, source: str, target: str, event: str) -> None:
    """Add an edge; several events between the same two nodes are joined into one label."""
    if graph.has_edge(source, target):
        events: list[str] = graph.edges[source, target]["events"]
        if event not in events:
            events.append(event)
        return
    graph.add_edge(source, target, events=[event])


JSON = Any
"""A parsed JSON or YAML value: the readers check its shape as they go."""

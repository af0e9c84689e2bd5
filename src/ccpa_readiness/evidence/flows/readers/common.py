"""What every reader needs: the type table, flow links, and building a checked graph."""

from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from ccpa_readiness.evidence.flows.documents import Document, FlowInvalidError
from ccpa_readiness.evidence.flows.model import (
    JSON,
    Flow,
    FlowFormat,
    FlowRef,
    Node,
    NodeKind,
    add_edge,
    add_node,
)
from ccpa_readiness.evidence.flows.tables import action_tables

_CFN_REF = re.compile(r"^\$\{([\w-]+)(?:\.[\w]+)?\}$")


def kind_of(flow_format: FlowFormat, action_type: object, location: str) -> NodeKind:
    """The node kind of a platform type; an unknown type makes the flow invalid."""
    kinds = action_tables()[flow_format].types
    if not isinstance(action_type, str) or action_type not in kinds:
        raise FlowInvalidError(f"unknown {flow_format.value} action type {action_type!r}", location)
    return kinds[action_type]


def list_of(value: JSON, what: str, location: str) -> list[JSON]:
    """A list of the document: missing is empty, anything but a list makes the flow invalid."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FlowInvalidError(f"{what} is not a list", location)
    return value


def dicts_of(value: JSON, what: str, location: str) -> list[dict[str, JSON]]:
    return [item for item in list_of(value, what, location) if isinstance(item, dict)]


def unhandled_events(
    flow_format: FlowFormat, branches: list[dict[str, JSON]], event_key: str, next_key: str
) -> tuple[str, ...]:
    """The error events (per `data/actions.yaml`) among `branches` that lead nowhere."""
    errors = action_tables()[flow_format].error_events
    return tuple(
        sorted(
            {
                event
                for b in branches
                if isinstance(event := b.get(event_key), str) and event in errors and not b.get(next_key)
            }
        )
    )


def flow_ref(relation: str, value: object, *names: object) -> FlowRef:
    """A link by id, ARN, CloudFormation `${Logical.Arn}` or display name; a `$.x` value names nothing."""
    keys: list[str] = [n for n in names if isinstance(n, str) and n]
    text = value if isinstance(value, str) else ""
    if text and not text.startswith("$."):
        keys.append(text)
        keys.append(text.rsplit("/", 1)[-1])
        cfn = _CFN_REF.match(text)
        if cfn:
            keys.append(cfn.group(1))
    return FlowRef(relation=relation, keys=tuple(sorted(set(keys))))


def text_of(value: JSON) -> str:
    return value if isinstance(value, str) else ""


def build_flow(
    document: Document,
    source: str,
    start: str,
    nodes: Iterable[Node],
    edges: Iterable[tuple[str, str, str]],
) -> Flow:
    """A flow from its nodes and (source, target, event) edges; a missing target is invalid."""
    graph: nx.DiGraph = nx.DiGraph()
    for node in nodes:
        if node.id in graph:
            raise FlowInvalidError(f"two nodes share the id {node.id!r}", node.id)
        add_node(graph, node)
    for origin, target, event in edges:
        if target not in graph:
            raise FlowInvalidError(f"{event} leads to {target!r}, which is not in the flow", origin)
        add_edge(graph, origin, target, event)
    if start not in graph:
        raise FlowInvalidError(f"the start {start!r} is not in the flow")
    entry_types = action_tables()[document.format].entry_flow_types
    return Flow(
        source=source,
        name=document.name,
        format=document.format,
        start=start,
        graph=graph,
        flow_type=document.flow_type,
        aliases=frozenset(a for a in (*document.aliases, document.name) if a),
        entry_state_known=document.flow_type.lower() in entry_types,
    )

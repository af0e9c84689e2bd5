"""Flows given together, linked into one graph: a transfer, module or event hook that names another
given flow (by id, ARN or name) continues into that flow's start."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ccpa_readiness.evidence.flows.model import Flow, FlowRef, NodeKind

BundleNode = tuple[int, str]
"""A node of the bundle: the index of its flow and its id in that flow."""


@dataclass
class Bundle:
    flows: list[Flow]
    graph: nx.DiGraph
    entries: list[int]
    """The flows no other given flow links to: paths start there."""

    def node_name(self, node: BundleNode, home: int) -> str:
        """A node id as seen from flow `home`: other flows' nodes carry their flow's name."""
        flow_index, node_id = node
        return node_id if flow_index == home else f"{self.flows[flow_index].name}:{node_id}"


def link(flows: list[Flow]) -> Bundle:
    by_alias: dict[str, set[int]] = defaultdict(set)
    for index, flow in enumerate(flows):
        for alias in flow.aliases:
            by_alias[alias].add(index)
    graph: nx.DiGraph = nx.DiGraph()
    for index, flow in enumerate(flows):
        for node_id in flow.graph.nodes:
            graph.add_node((index, node_id))
        for origin, target, data in flow.graph.edges(data=True):
            graph.add_edge((index, origin), (index, target), events=data["events"])
    called: set[int] = set()
    for index, flow in enumerate(flows):
        for node in flow.nodes():
            for ref in node.flow_refs:
                targets = sorted(set().union(*(by_alias.get(k, set()) for k in ref.keys)) - {index})
                for target in targets:
                    called.add(target)
                    _join(graph, flows, (index, node.id), target, ref, node.kind)
    entries = [i for i in range(len(flows)) if i not in called]
    reached = (
        set().union(*(nx.descendants(graph, (i, flows[i].start)) for i in entries)) if entries else set()
    )
    entries += [i for i in sorted(called) if (i, flows[i].start) not in reached]
    return Bundle(flows, graph, sorted(set(entries)))


def _join(
    graph: nx.DiGraph, flows: list[Flow], caller: BundleNode, callee: int, ref: FlowRef, kind: NodeKind
) -> None:
    """Continue from `caller` into the callee's start; a module's last steps return to the caller."""
    graph.add_edge(caller, (callee, flows[callee].start), events=[ref.relation])
    if kind is not NodeKind.INVOKE_MODULE:
        return
    callee_graph = flows[callee].graph
    returns = [(callee, n) for n in sorted(callee_graph.nodes) if callee_graph.out_degree(n) == 0]
    for successor in list(graph.successors(caller)):
        if successor[0] == caller[0]:
            for end in returns:
                graph.add_edge(end, successor, events=["return"])

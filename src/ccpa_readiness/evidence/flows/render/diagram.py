"""Call diagrams: each flow as Mermaid and as SVG, nodes with findings marked by severity.

The SVG is laid out here (layers by distance from the start, ordered by their parents' places)
so a fresh machine needs no Graphviz. `write_diagrams` also writes `README.md`, which embeds
every diagram with its findings: the "call diagrams" of the assessment.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ccpa_readiness.evidence.flows.findings import Finding, node_snippet
from ccpa_readiness.evidence.flows.model import Flow, Node, NodeKind
from ccpa_readiness.evidence.flows.scan import FlowsReport
from ccpa_readiness.evidence.flows.tables import SEVERITY_RANK

COLOURS = {"error": ("#fde2e1", "#c62828"), "warning": ("#fff3d6", "#e08a00"), "note": ("#e3eefc", "#1e63c6")}
PLAIN = ("#ffffff", "#6b6b6b")
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 230, 48, 30, 46, 20
_MERMAID_SHAPES = {
    NodeKind.PROMPT: ('>"', '"]'),
    NodeKind.END: ('(["', '"])'),
    NodeKind.INPUT: ('[/"', '"/]'),
    NodeKind.BOT: ('[/"', '"/]'),
    NodeKind.TRANSFER_FLOW: ('[["', '"]]'),
    NodeKind.INVOKE_MODULE: ('[["', '"]]'),
}
_DEFAULT_EVENTS = {"success", "next"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Marks:
    """The worst severity and the rule ids found at each node of one flow."""

    severity: dict[str, str]
    rules: dict[str, list[str]]

    @classmethod
    def of(cls, flow: Flow, findings: list[Finding]) -> Marks:
        severity: dict[str, str] = {}
        found: dict[str, list[str]] = defaultdict(list)
        for f in findings:
            if (f.source, f.flow) != (flow.source, flow.name) or f.node not in flow.graph:
                continue
            found[f.node].append(f.rule)
            if SEVERITY_RANK[f.severity] > SEVERITY_RANK.get(severity.get(f.node, ""), -1):
                severity[f.node] = f.severity
        return cls(severity, dict(found))


def caption(node: Node) -> tuple[str, str]:
    """Two short lines: what the node is, and what it says or does."""
    first = node.label or node.action_type
    second = node_snippet(node) or node.kind.value
    return _cut(first, 30), _cut(second, 32)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _events(flow: Flow, origin: str, target: str) -> str:
    """The edge's label; the plain next step (success, next) goes unlabelled."""
    events: list[str] = flow.graph.edges[origin, target]["events"]
    return _cut(", ".join(e for e in events if e not in _DEFAULT_EVENTS), 24)


def mermaid(flow: Flow, marks: Marks) -> str:
    ids = {node_id: f"n{i}" for i, node_id in enumerate(sorted(flow.graph.nodes))}
    lines = ["flowchart TD"]
    for node_id, short in ids.items():
        node = flow.node(node_id)
        opening, closing = _MERMAID_SHAPES.get(node.kind, ('["', '"]'))
        first, second = caption(node)
        lines.append(f"  {short}{opening}{_mermaid_text(first)}<br/>{_mermaid_text(second)}{closing}")
    lines.append(f'  start(("start")) --> {ids[flow.start]}')
    for origin, target in sorted(flow.graph.edges):
        label = _mermaid_text(_events(flow, origin, target)).replace("|", "/")
        arrow = f"-->|{label}|" if label else "-->"
        lines.append(f"  {ids[origin]} {arrow} {ids[target]}")
    for severity, (fill, stroke) in COLOURS.items():
        lines.append(f"  classDef {severity} fill:{fill},stroke:{stroke},stroke-width:3px")
    for node_id, severity in sorted(marks.severity.items()):
        lines.append(f"  class {ids[node_id]} {severity}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def layout(flow: Flow) -> dict[str, tuple[int, int]]:
    """(column, row) per node: rows by distance from the start, columns by the parents' places."""
    distance: dict[str, int] = nx.single_source_shortest_path_length(flow.graph, flow.start)
    last = max(distance.values(), default=0) + 1
    rows: dict[int, list[str]] = defaultdict(list)
    for node_id in sorted(flow.graph.nodes):
        rows[distance.get(node_id, last)].append(node_id)
    place: dict[str, tuple[int, int]] = {}
    for row in sorted(rows):

        def weight(node_id: str) -> tuple[float, str]:
            parents = [place[p][0] for p in flow.graph.predecessors(node_id) if p in place]
            return (sum(parents) / len(parents) if parents else float("inf"), node_id)

        for column, node_id in enumerate(sorted(rows[row], key=weight)):
            place[node_id] = (column, row)
    return place


def svg(flow: Flow, marks: Marks) -> str:
    place = layout(flow)
    columns = max(c for c, _ in place.values()) + 1
    rows = max(r for _, r in place.values()) + 1
    width = MARGIN * 2 + columns * (BOX_W + GAP_X) + BOX_H  # room for edges bowed out to the right
    height = MARGIN * 2 + rows * (BOX_H + GAP_Y)
    root = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=str(width),
        height=str(height),
        viewBox=f"0 0 {width} {height}",
        attrib={"font-family": "sans-serif", "font-size": "11"},
    )
    ET.SubElement(root, "title").text = flow.name
    marker = ET.SubElement(
        ET.SubElement(root, "defs"),
        "marker",
        id="arrow",
        markerWidth="8",
        markerHeight="8",
        refX="8",
        refY="4",
        orient="auto",
    )
    ET.SubElement(marker, "path", d="M0,0 L8,4 L0,8 z", fill="#6b6b6b")

    def corner(node_id: str) -> tuple[int, int]:
        column, row = place[node_id]
        return MARGIN + column * (BOX_W + GAP_X), MARGIN + row * (BOX_H + GAP_Y)

    for origin, target in sorted(flow.graph.edges):
        (x1, y1), (x2, y2) = corner(origin), corner(target)
        start: tuple[float, float]
        end: tuple[float, float]
        if y2 > y1:  # forward: bottom centre to top centre
            start, end = (x1 + BOX_W / 2, y1 + BOX_H), (x2 + BOX_W / 2, y2)
            route = f"M{start[0]:.0f},{start[1]:.0f} L{end[0]:.0f},{end[1]:.0f}"
        else:  # back or sideways: right side to right side, bowed out to the right
            start, end = (x1 + BOX_W, y1 + BOX_H / 2), (x2 + BOX_W, y2 + BOX_H / 2)
            bow = GAP_X * 0.8 + abs(y2 - y1) / 8
            route = (
                f"M{start[0]:.0f},{start[1]:.0f} C{start[0] + bow:.0f},{start[1]:.0f} "
                f"{end[0] + bow:.0f},{end[1]:.0f} {end[0]:.0f},{end[1]:.0f}"
            )
        ET.SubElement(
            root,
            "path",
            d=route,
            fill="none",
            stroke="#9a9a9a",
            attrib={"marker-end": "url(#arrow)", "stroke-dasharray": "none" if y2 > y1 else "4 3"},
        )
        text = _events(flow, origin, target)
        if text:
            label = ET.SubElement(
                root, "text", x=f"{start[0] + 4:.0f}", y=f"{start[1] + 12:.0f}", fill="#555"
            )
            label.text = text
    for node_id in sorted(place):
        x, y = corner(node_id)
        severity = marks.severity.get(node_id)
        fill, stroke = COLOURS[severity] if severity else PLAIN
        group = ET.SubElement(root, "g")
        tooltip = f"{node_id}: {', '.join(marks.rules.get(node_id, [])) or 'no finding'}"
        ET.SubElement(group, "title").text = tooltip
        ET.SubElement(
            group,
            "rect",
            x=str(x),
            y=str(y),
            width=str(BOX_W),
            height=str(BOX_H),
            rx="6",
            fill=fill,
            stroke=stroke,
            attrib={"stroke-width": "3" if severity else "1"},
        )
        first, second = caption(flow.node(node_id))
        for offset, text, weight in ((18, first, "bold"), (36, second, "normal")):
            line = ET.SubElement(
                group, "text", x=str(x + 8), y=str(y + offset), attrib={"font-weight": weight}
            )
            line.text = text
    return ET.tostring(root, encoding="unicode") + "\n"


def diagram_name(flow: Flow, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", f"{Path(flow.source).stem}__{flow.name}").strip("_")[:120]
    name, suffix = base, 2
    while name in taken:
        name, suffix = f"{base}~{suffix}", suffix + 1
    taken.add(name)
    return name


def write_diagrams(report: FlowsReport, directory: Path) -> list[Path]:
    """Write `NAME.mmd` and `NAME.svg` per flow and a `README.md` embedding them; return the files."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    index = ["# Call diagrams", ""]
    taken: set[str] = set()
    for flow in sorted(report.flows, key=lambda f: (f.source, f.name)):
        marks = Marks.of(flow, report.findings)
        name = diagram_name(flow, taken)
        chart = mermaid(flow, marks)
        for suffix, content in ((".mmd", chart), (".svg", svg(flow, marks))):
            path = directory / f"{name}{suffix}"
            path.write_text(content, encoding="utf-8")
            written.append(path)
        index += [f"## {flow.name}", "", f"`{flow.source}` ({flow.format.value}), ![diagram]({name}.svg)", ""]
        index += [
            f"- **{f.rule}** ({f.severity}) at `{f.node}`: {f.message}"
            for f in report.findings
            if (f.source, f.flow) == (flow.source, flow.name)
        ]
        index += ["", "```mermaid", chart.rstrip(), "```", ""]
    readme = directory / "README.md"
    readme.write_text("\n".join(index), encoding="utf-8")
    return [*written, readme]

"""Call diagrams: each flow as Mermaid and as SVG, nodes with findings marked by severity.

The SVG is laid out by Graphviz's `dot` (Debian's package, installed by scripts/graphviz.sh), which
places edge labels clear of each other and of the boxes; without it the SVG is a named problem and
the Mermaid files and README are still written. `write_diagrams` also writes `README.md`, which embeds
every diagram with its findings: the "call diagrams" of the assessment.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ccpa_readiness.evidence.flows.findings import Finding, node_snippet
from ccpa_readiness.evidence.flows.model import Flow, Node, NodeKind
from ccpa_readiness.evidence.flows.scan import FlowsReport
from ccpa_readiness.evidence.flows.tables import SEVERITY_RANK

COLOURS = {"error": ("#fde2e1", "#c62828"), "warning": ("#fff3d6", "#e08a00"), "note": ("#e3eefc", "#1e63c6")}
PLAIN = ("#ffffff", "#6b6b6b")
DOT_TIMEOUT_S = 30  # per diagram; a flow of a few hundred nodes takes well under a second
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


class DiagramError(Exception):
    """Graphviz could not lay a diagram out (`dot` missing, failing or too slow): a named problem."""


def _dot_text(text: str) -> str:
    """Text inside a DOT double-quoted string: quotes and backslashes (Graphviz's `\\N`, `\\G`
    escapes) made literal, line breaks as spaces."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")


def dot_source(flow: Flow, marks: Marks) -> str:
    """The flow as a Graphviz digraph: a box per node (two caption lines, its findings' severity as
    colour), an edge per transition, labelled with its events."""
    ids = {node_id: f"n{i}" for i, node_id in enumerate(sorted(flow.graph.nodes))}
    lines = [
        f'digraph "{_dot_text(flow.name)}" {{',
        '  graph [rankdir=TB, fontname="sans-serif", nodesep=0.35, ranksep=0.45, pad=0.2];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=11, margin="0.12,0.06"];',
        '  edge [fontname="sans-serif", fontsize=10, color="#9a9a9a", fontcolor="#555555"];',
        '  start [shape=circle, label="start", fontsize=10, fillcolor="#ffffff", color="#6b6b6b"];',
        f"  start -> {ids[flow.start]};",
    ]
    for node_id, short in ids.items():
        severity = marks.severity.get(node_id)
        fill, stroke = COLOURS[severity] if severity else PLAIN
        first, second = caption(flow.node(node_id))
        tooltip = f"{node_id}: {', '.join(marks.rules.get(node_id, [])) or 'no finding'}"
        lines.append(
            f'  {short} [label="{_dot_text(first)}\\n{_dot_text(second)}", tooltip="{_dot_text(tooltip)}", '
            f'fillcolor="{fill}", color="{stroke}", penwidth={3 if severity else 1}];'
        )
    for origin, target in sorted(flow.graph.edges):
        label = _events(flow, origin, target)
        attributes = f' [label="{_dot_text(label)}"]' if label else ""
        lines.append(f"  {ids[origin]} -> {ids[target]}{attributes};")
    return "\n".join([*lines, "}"]) + "\n"


def svg(flow: Flow, marks: Marks) -> str:
    """The diagram as SVG, laid out by Graphviz's `dot` (edge labels placed clear of each other)."""
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(
            "Graphviz's `dot` is not installed (run scripts/graphviz.sh); the .mmd files are written"
        )
    try:
        done = subprocess.run(
            [dot, "-Tsvg"],
            input=dot_source(flow, marks),
            capture_output=True,
            text=True,
            timeout=DOT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise DiagramError(
            f"Graphviz took more than {DOT_TIMEOUT_S} s to lay out flow {flow.name!r}"
        ) from None
    if done.returncode != 0:
        raise DiagramError(f"Graphviz failed on flow {flow.name!r}: {done.stderr.strip()[:200]}")
    return done.stdout[done.stdout.index("<svg") :]


def diagram_name(flow: Flow, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", f"{Path(flow.source).stem}__{flow.name}").strip("_")[:120]
    name, suffix = base, 2
    while name in taken:
        name, suffix = f"{base}~{suffix}", suffix + 1
    taken.add(name)
    return name


def write_diagrams(report: FlowsReport, directory: Path) -> tuple[list[Path], list[str]]:
    """Write `NAME.mmd` and `NAME.svg` per flow and a `README.md` embedding them; return the files and
    the problems (an SVG Graphviz could not make is left out, the rest is written)."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems: list[str] = []
    index = ["# Call diagrams", ""]
    taken: set[str] = set()
    for flow in sorted(report.flows, key=lambda f: (f.source, f.name)):
        marks = Marks.of(flow, report.findings)
        name = diagram_name(flow, taken)
        chart = mermaid(flow, marks)
        outputs = [(".mmd", chart)]
        try:
            outputs.append((".svg", svg(flow, marks)))
        except DiagramError as error:
            problems.append(f"{flow.source}: {error}")
        for suffix, content in outputs:
            path = directory / f"{name}{suffix}"
            path.write_text(content, encoding="utf-8")
            written.append(path)
        picture = f", ![diagram]({name}.svg)" if len(outputs) == 2 else ""
        index += [f"## {flow.name}", "", f"`{flow.source}` ({flow.format.value}){picture}", ""]
        index += [
            f"- **{f.rule}** ({f.severity}) at `{f.node}`: {f.message}"
            for f in report.findings
            if (f.source, f.flow) == (flow.source, flow.name)
        ]
        index += ["", "```mermaid", chart.rstrip(), "```", ""]
    readme = directory / "README.md"
    readme.write_text("\n".join(index), encoding="utf-8")
    return [*written, readme], problems

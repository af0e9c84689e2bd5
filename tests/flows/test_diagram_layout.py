"""Call diagrams laid out by Graphviz: on real flow exports every edge label lies inside the picture
and no two edge labels overlap; without `dot` the SVG is a named problem and the rest is written."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from ccpa_readiness.evidence.flows.render import diagram
from ccpa_readiness.evidence.flows.render.diagram import Marks, svg, write_diagrams
from ccpa_readiness.evidence.flows.scan import FlowsReport, analyse

SVG = "{http://www.w3.org/2000/svg}"
CHARACTER_EM = 0.5  # a sans-serif character's mean width, in ems: the estimate of a label's width
Box = tuple[float, float, float, float]  # left, top, right, bottom

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz: scripts/graphviz.sh")


@pytest.fixture(scope="module")
def report(flows_dir: Path) -> FlowsReport:
    return analyse([flows_dir])


def _label_boxes(document: str) -> tuple[Box, list[tuple[str, Box]]]:
    """The viewBox, and each edge label's box in viewBox coordinates."""
    root = ET.fromstring(document)
    left, top, width, height = (float(v) for v in root.get("viewBox", "").split())
    graph = root.find(f"{SVG}g")
    assert graph is not None
    dx, dy = (
        float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", graph.get("transform", "")).groups()
    )  # type: ignore[union-attr]
    boxes = []
    for edge in graph.iter(f"{SVG}g"):
        if edge.get("class") != "edge":
            continue
        for text in edge.iter(f"{SVG}text"):
            size = float(text.get("font-size", "10"))
            half = len(text.text or "") * size * CHARACTER_EM / 2
            x, y = float(text.get("x", "0")) + dx, float(text.get("y", "0")) + dy
            assert text.get("text-anchor") == "middle"
            boxes.append((text.text or "", (x - half, y - size * 0.8, x + half, y + size * 0.2)))
    return (left, top, left + width, top + height), boxes


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.slow
def test_edge_labels_inside_the_picture_and_apart_on_real_flows(report: FlowsReport) -> None:
    def labelled(flow: object) -> int:
        graph = flow.graph  # type: ignore[attr-defined]
        return sum(bool(diagram._events(flow, a, b)) for a, b in graph.edges)  # type: ignore[arg-type]

    busiest = sorted(report.flows, key=lambda f: (-labelled(f), f.source, f.name))[:25]
    assert labelled(busiest[-1]) >= 3, "the sample has flows with several labelled edges"
    checked = 0
    for flow in busiest:
        view, boxes = _label_boxes(svg(flow, Marks.of(flow, report.findings)))
        for text, box in boxes:
            assert view[0] <= box[0] and box[2] <= view[2] and view[1] <= box[1] and box[3] <= view[3], (
                f"{flow.source} {flow.name}: label {text!r} cut at the edge"
            )
        for (first, a), (second, b) in combinations(boxes, 2):
            assert not _overlap(a, b), f"{flow.source} {flow.name}: {first!r} overlaps {second!r}"
        checked += len(boxes)
    assert checked >= 100


def test_without_dot_the_svg_is_a_named_problem_and_the_rest_is_written(
    report: FlowsReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = FlowsReport(flows=report.flows[:2], findings=report.findings)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    written, problems = write_diagrams(one, tmp_path / "d")
    assert sorted(p.suffix for p in written) == [".md", ".mmd", ".mmd"]
    assert len(problems) == 2 and all("Graphviz's `dot` is not installed" in p for p in problems)


def test_text_from_a_flow_cannot_break_out_of_the_dot_source(report: FlowsReport) -> None:
    flow = report.flows[0]
    source = diagram.dot_source(flow, Marks({}, {}))
    assert diagram._dot_text('say "hi" \\N\nnow') == 'say \\"hi\\" \\\\N now'
    assert source.startswith("digraph ") and source.rstrip().endswith("}")

"""Reading the charts' SVG back: elements by the id suffix the chart gave them, text, geometry."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def by_id_suffix(root: ET.Element, suffix: str) -> list[ET.Element]:
    """Elements whose id ends with `suffix` (the chart prefixes every id with its kind and a digest)."""
    return [e for e in root.iter() if e.get("id", "").endswith(suffix)]


def by_id_pattern(root: ET.Element, pattern: str) -> dict[str, ET.Element]:
    """{the part of the id after the chart's prefix: element} for ids matching `pattern` there."""
    found = {}
    for element in root.iter():
        match = re.fullmatch(rf"[a-z-]+-[0-9a-f]{{8}}-({pattern})", element.get("id", ""))
        if match:
            found[match.group(1)] = element
    return found


def texts(element: ET.Element) -> list[str]:
    return [
        "".join(t.itertext()).strip() for t in element.iter(f"{SVG}text") if "".join(t.itertext()).strip()
    ]


def path_xs(element: ET.Element) -> list[float]:
    """The x coordinates of every path under `element` (`d="M x y L x y ..."`)."""
    xs = []
    for path in element.iter(f"{SVG}path"):
        numbers = [float(n) for n in NUMBER.findall(path.get("d", ""))]
        xs.extend(numbers[0::2])
    return xs

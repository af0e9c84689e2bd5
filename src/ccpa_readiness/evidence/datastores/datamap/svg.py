"""The data map as an SVG graph in three columns: vendors, systems, categories of personal
information. A vendor is linked to the systems it hosts or receives data from; a system to the
categories found in it, in red when the inventory does not declare that category there."""

from __future__ import annotations

from html import escape

from ccpa_readiness.evidence.datastores.datamap.model import DataMap

COLUMN_X = (20, 380, 740)
NODE_WIDTH = 240
NODE_HEIGHT = 30
ROW_GAP = 44
TOP = 70
DECLARED = "#4b7bec"
UNDECLARED = "#d63031"
VENDOR = "#e58e26"
CATEGORY = "#20bf6b"


def _node(x: int, y: int, text: str, colour: str, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    shown = text if len(text) <= 34 else text[:33] + "…"
    return (
        f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6" fill="white" '
        f'stroke="{colour}" stroke-width="2"{dash}/>'
        f'<text x="{x + 10}" y="{y + 20}">{escape(shown)}<title>{escape(text)}</title></text>'
    )


def _edge(x1: int, y1: int, x2: int, y2: int, colour: str, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    middle = (x1 + x2) // 2
    return (
        f'<path d="M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}" fill="none" '
        f'stroke="{colour}" stroke-width="1.5"{dash}/>'
    )


def render_svg(datamap: DataMap) -> str:
    vendors = sorted({v for s in datamap.systems for v in s.vendors})
    categories = sorted({c for s in datamap.systems for c in s.categories})
    rows = max(len(vendors), len(datamap.systems), len(categories), 1)
    height = TOP + rows * ROW_GAP + 40
    width = COLUMN_X[2] + NODE_WIDTH + 20

    def centre_y(index: int) -> int:
        return TOP + index * ROW_GAP + NODE_HEIGHT // 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        '<text x="20" y="28" font-size="18" font-weight="bold">Data map</text>',
        f'<text x="20" y="50" fill="#555">Vendors · systems · categories found '
        f'(<tspan fill="{UNDECLARED}">red: category not declared for that system; '
        "dashed box: store of no inventory system</tspan>)</text>",
    ]
    vendor_row = {v: i for i, v in enumerate(vendors)}
    category_row = {c: i for i, c in enumerate(categories)}
    for index, system in enumerate(datamap.systems):
        y = centre_y(index)
        for vendor in system.vendors:
            parts.append(
                _edge(COLUMN_X[0] + NODE_WIDTH, centre_y(vendor_row[vendor]), COLUMN_X[1], y, VENDOR)
            )
        for category in system.categories:
            undeclared = category in system.undeclared_categories
            colour = UNDECLARED if undeclared else CATEGORY
            parts.append(
                _edge(
                    COLUMN_X[1] + NODE_WIDTH,
                    y,
                    COLUMN_X[2],
                    centre_y(category_row[category]),
                    colour,
                    undeclared,
                )
            )
    parts.extend(_node(COLUMN_X[0], TOP + i * ROW_GAP, v, VENDOR) for i, v in enumerate(vendors))
    parts.extend(
        _node(COLUMN_X[1], TOP + i * ROW_GAP, s.name, DECLARED if s.declared else UNDECLARED, not s.declared)
        for i, s in enumerate(datamap.systems)
    )
    parts.extend(_node(COLUMN_X[2], TOP + i * ROW_GAP, c, CATEGORY) for i, c in enumerate(categories))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"

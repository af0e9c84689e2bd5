"""The data map's section of `report.html`: the graph of systems, vendors and categories."""

from __future__ import annotations

from markupsafe import Markup

from ccpa_readiness.evidence.datastores.datamap import DataMap
from ccpa_readiness.evidence.datastores.datamap.svg import render_svg


def render_datamap_section(datamap: DataMap) -> Markup:
    """An HTML fragment holding the data map as inline SVG (it is drawn from data, not user text)."""
    return Markup(
        '<section aria-labelledby="datamap"><h2 id="datamap">Data map</h2>'
        '<p class="small muted">Systems scanned, the categories of personal information found in them, '
        "and the vendors they are disclosed to (also written as datamap.json, datamap.xlsx, datamap.svg "
        "and fides_datasets.yaml).</p>"
        f"{render_svg(datamap)}</section>"
    )

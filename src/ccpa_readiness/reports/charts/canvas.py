"""The one way a chart is drawn: a matplotlib figure on the SVG backend, returned as inline SVG.

matplotlib is imported here, when a chart is drawn, never when the package is imported (so
`ccpa --help` does not load it). Text stays text (`svg.fonttype = "none"`), so it can be read,
searched and extracted from a PDF; the output carries no date and a fixed hash salt, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

FONT_SIZE = 8.0  # points, as printed: the smallest text any chart uses
SETTINGS: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "ccpa-readiness",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 1,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#5f6368",
    "text.color": "#202124",
    "axes.labelcolor": "#202124",
    "xtick.color": "#3c4043",
    "ytick.color": "#3c4043",
}
_ID = re.compile(r'\bid="([^"]+)"')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"\s*<defs>\s*<style[^>]*>(.*?)</style>\s*</defs>", re.DOTALL)
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')


def render_svg(
    draw: Callable[[Figure], None],
    width_in: float,
    height_in: float,
    label: str,
    kind: str,
    constrained: bool = True,
) -> str:
    """`draw` the figure (inches as printed) and return an `<svg>` element to inline in HTML.

    `label` is the chart's accessible name (`aria-label` and `<title>`); `kind` prefixes every id,
    so several charts can share one HTML page without clashing ids. A chart that sets its own
    margins passes `constrained=False`, which saves the layout pass (half the drawing time).
    """
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(SETTINGS):
        figure = Figure(figsize=(width_in, height_in), layout="constrained" if constrained else None)
        draw(figure)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _inline(buffer.getvalue(), label, kind)


def _presentation(declarations: str) -> str:
    """CSS declarations (`fill: #fff; stroke-width: 2`) as SVG presentation attributes, which a
    Content-Security-Policy without 'unsafe-inline' styles (the review app's) still applies."""
    pairs = (d.split(":", 1) for d in declarations.split(";") if ":" in d)
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def _inline(document: str, label: str, kind: str) -> str:
    """The `<svg>` element alone (no XML declaration or DOCTYPE), named, with ids of its own, styled
    by attributes only (no `style` attribute or element)."""
    svg = document[document.index("<svg") :].strip()
    shared = _STYLE_ELEMENT.search(svg)  # matplotlib's `*{stroke-linejoin: ...}`: inherited from the root
    inherited = _presentation(shared.group(1).strip().removeprefix("*{").removesuffix("}")) if shared else ""
    svg = _STYLE_ELEMENT.sub("", svg, count=1)
    svg = _STYLE_ATTRIBUTE.sub(lambda m: _presentation(m.group(1)), svg)
    prefix = f"{kind}-{hashlib.sha256(svg.encode()).hexdigest()[:8]}-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    name = html.escape(label, quote=True)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ", f'<svg role="img" aria-label="{name}" class="chart {kind}"{inherited} ', 1
    )
    return f"{opening}\n <title>{name}</title>{svg[opening_end:]}"

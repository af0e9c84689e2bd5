"""HTML: drop navigation, scripts, banners and footers; headings are h1-h6 or short all-bold blocks."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ccpa_readiness.evidence.documents.model import Block
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument

_NOISE_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "nav",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "aside",
        "canvas",
        "video",
        "audio",
        "object",
        "head",
    ]
)
_NOISE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"})
_NOISE_NAMES = re.compile(
    r"(^|[-_ ])(cookie|consent|onetrust|navbar|nav|menu|breadcrumbs?|footer)($|[-_ ])", re.I
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "section",
        "article",
        "main",
        "blockquote",
        "address",
        "pre",
        "figure",
        "figcaption",
        "details",
        "summary",
        "br",
        "hr",
        "body",
        "html",
        "center",
    ]
)
_PAGE_FURNITURE_TAGS = frozenset({"header", "footer"})
_CONTENT_TAGS = frozenset({"main", "article", "body"})
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_TAGS = "strong, b"
_BOLD_HEADING_LEVEL = 5
_MAX_BOLD_HEADING_CHARS = 120


def _is_noise(node: LexborNode, in_content: bool) -> bool:
    """Page furniture; a header or footer inside the main content or an article is content."""
    if node.tag in _NOISE_TAGS or (node.tag in _PAGE_FURNITURE_TAGS and not in_content):
        return True
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in _NOISE_ROLES or "hidden" in attrs:
        return True
    if node.tag in _CONTENT_TAGS or (attrs.get("role") or "").lower() == "main":
        return False
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return bool(_NOISE_NAMES.search(names))


def _is_bold_heading(node: LexborNode) -> bool:
    """A paragraph whose whole text is bold and short reads as a heading."""
    text = " ".join(node.text().split())
    if not text or len(text) > _MAX_BOLD_HEADING_CHARS or text[-1] in ".,;":
        return False
    bold = " ".join(" ".join(b.text().split()) for b in node.css(_BOLD_TAGS))
    return bold == text


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pending: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.pending).split())
        if text:
            self.blocks.append(Block(text=text))
        self.pending.clear()

    def walk(self, node: LexborNode, in_content: bool = False) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                self.pending.append(child.text(deep=False) or "")
            elif tag.startswith("-") or _is_noise(child, in_content):
                continue
            elif tag in _HEADING_TAGS:
                self.flush()
                self.blocks.append(Block(text=child.text(separator=" "), heading_level=_HEADING_TAGS[tag]))
            elif tag in _BLOCK_TAGS:
                self.flush()
                if tag in {"p", "div", "dt"} and _is_bold_heading(child):
                    self.blocks.append(
                        Block(text=child.text(separator=" "), heading_level=_BOLD_HEADING_LEVEL)
                    )
                else:
                    self.walk(child, in_content or tag in {"main", "article"})
                    self.flush()
            else:
                self.walk(child, in_content)


def read_html(data: bytes) -> list[Block]:
    tree = LexborHTMLParser(data)
    root = tree.body or tree.root
    walker = _Walker()
    try:
        if root is not None:
            walker.walk(root)
    except RecursionError as error:
        raise UnreadableDocument("HTML nested too deeply to read") from error
    walker.flush()
    return walker.blocks

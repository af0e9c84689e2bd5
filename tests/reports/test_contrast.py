"""Every text colour and every pill of report.html (and report.pdf) and of the review app is at least
4.5:1 against its background (WCAG 2.x contrast ratio), computed from the CSS itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "ccpa_readiness"
REPORT_TEMPLATE = PACKAGE / "reports" / "templates" / "report.html.j2"
REVIEW_CSS = PACKAGE / "review" / "static" / "review.css"
OUTCOME_PILLS = ("met", "partial", "gap", "unknown", "not_applicable", "upcoming")
MINIMUM = 4.5
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near-miss


def stylesheet(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    styles = re.findall(r"<style>(.*?)</style>", text, flags=re.S)
    css = "\n".join(styles) if path.suffix == ".j2" else text
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"@media[^{]*\{", "", css)  # rules inside @media are checked like the others


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for selector, body in RULE.findall(css):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations[name.strip()] = value.strip()
        found.append((selector.strip(), declarations))
    return found


def resolve(value: str, variables: dict[str, str]) -> str | None:
    """The hex colour a declaration sets (through var(--x)), or None when it sets none."""
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), m.group(0)), value)
    colour = HEX.search(value)
    return colour.group(0) if colour else None


def colour_pairs(path: Path) -> list[tuple[str, str, str]]:
    """(selector, text colour, background colour) for every rule that sets a text colour or puts
    text on a background; swatches (rules that also set an SVG `fill`) are graphics, not text."""
    parsed = rules(stylesheet(path))
    variables = {
        name: value
        for _, declarations in parsed
        for name, value in declarations.items()
        if name.startswith("--")
    }
    page_ink, page_background = "#202124", "#ffffff"
    for selector, declarations in parsed:
        if selector in (":root", "body") or selector.startswith("body"):
            page_ink = resolve(declarations.get("color", ""), variables) or page_ink
            background = declarations.get("background", declarations.get("background-color", ""))
            page_background = resolve(background, variables) or page_background
    pill_ink = next(
        (resolve(d.get("color", ""), variables) for s, d in parsed if s == ".pill" and "color" in d), None
    )
    pairs = []
    for selector, declarations in parsed:
        if selector.startswith("@") or "fill" in declarations:
            continue
        if selector == ".pill":  # its text colour is checked on each outcome's background
            continue
        background = resolve(
            declarations.get("background", declarations.get("background-color", "")), variables
        )
        ink = resolve(declarations.get("color", ""), variables)
        pill = any(re.search(rf"\.{name}\b", selector) for name in OUTCOME_PILLS) and pill_ink
        if ink is None and background is None:
            continue
        if ink is None:
            ink = pill_ink if pill and pill_ink else page_ink
        pairs.append((selector, ink, background or page_background))
    return pairs


@pytest.mark.parametrize("path", [REPORT_TEMPLATE, REVIEW_CSS], ids=["report", "review app"])
def test_every_text_colour_and_pill_is_at_least_4_5_to_1(path: Path) -> None:
    pairs = colour_pairs(path)
    assert len(pairs) >= 5, "the stylesheet was read"
    failing = [
        f"{selector}: {ink} on {background} = {contrast(ink, background):.2f}"
        for selector, ink, background in pairs
        if contrast(ink, background) < MINIMUM
    ]
    assert not failing, failing


def test_every_outcome_pill_of_the_report_is_checked() -> None:
    checked = {selector for selector, _, _ in colour_pairs(REPORT_TEMPLATE)}
    for outcome in OUTCOME_PILLS:
        assert any(re.search(rf"\.{outcome}\b", selector) for selector in checked), outcome

"""report.html printed from Chromium at Letter and A4 width: nothing runs past the printable width
(charts, tables, the Gantt), closed findings print expanded, and the first printed page is the
summary in words, as in report.pdf."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pypdf import PdfReader

from tests.conftest import AssessedExample
from tests.review.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/browser.sh)"),
]

MM = 96 / 25.4  # CSS pixels per millimetre
SIDE_MARGINS_MM = 2 * 12  # the report's @page margin, left and right
PAPERS = {"Letter": 215.9, "A4": 210.0}  # paper widths in millimetre

# Every element that can be cut: its box must lie within the printable width.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  for (const el of document.querySelectorAll('svg, table, img, pre, h1, h2, h3, p, li, td, th')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const scrolls = el.tagName === 'TABLE' && el.scrollWidth > el.clientWidth + 1;
    if (box.left < -1 || box.right > width + 1 || scrolls)
      cut.push(`${el.tagName.toLowerCase()}#${el.id} ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  const page = document.documentElement.scrollWidth;
  if (page > width + 1) cut.push(`page ${page}`);
  return cut;
}"""

# The findings left closed on screen whose body is not rendered (the body of a closed <details> is
# skipped by content-visibility, which checkVisibility() sees and a box's height does not).
CLOSED_FINDINGS_HIDDEN = """() => [...document.querySelectorAll('details:not([open])')]
  .filter(d => [...d.children].some(c => c.tagName !== 'SUMMARY' && !c.checkVisibility()))
  .map(d => d.id)"""


@pytest.fixture(scope="module")
def report(assessed_example: AssessedExample) -> Path:
    assert assessed_example.exit_code == 0, assessed_example.output
    return assessed_example.root / "out" / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def printed(browser: Browser, report: Path, paper: str) -> Page:
    """The report laid out for print at the paper's printable width."""
    width = round((PAPERS[paper] - SIDE_MARGINS_MM) * MM)
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.emulate_media(media="print")
    page.goto(report.as_uri())
    return page


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_nothing_is_cut_at_the_printable_width(browser: Browser, report: Path, paper: str) -> None:
    page = printed(browser, report, paper)
    assert page.locator("svg").count() >= 3, "the heat map, scores and Gantt are charts"
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(CLOSED_FINDINGS_HIDDEN) == []
    page.close()


def test_findings_closed_on_screen_print_expanded(browser: Browser, report: Path) -> None:
    page = browser.new_page()
    page.goto(report.as_uri())
    closed = page.evaluate(CLOSED_FINDINGS_HIDDEN)
    assert closed, "the example has findings closed on screen"
    page.emulate_media(media="print")
    assert page.evaluate(CLOSED_FINDINGS_HIDDEN) == []
    page.close()


def test_the_check_sees_a_cut_element(browser: Browser, report: Path) -> None:
    """The overflow check is not blind: a table wider than the paper is reported."""
    page = printed(browser, report, "Letter")
    page.evaluate(
        "() => { const t = document.createElement('table'); t.id = 'wide';"
        " t.innerHTML = '<tr><td style=\"white-space:nowrap\">' + 'x'.repeat(400) + '</td></tr>';"
        " document.body.appendChild(t); }"
    )
    assert any(entry.startswith("table#wide") for entry in page.evaluate(OVERFLOWING))
    page.close()


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_chromium_prints_the_summary_first(
    browser: Browser, report: Path, paper: str, tmp_path: Path
) -> None:
    page = printed(browser, report, paper)
    pdf = tmp_path / f"report-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper, prefer_css_page_size=False)
    page.close()
    pages = PdfReader(pdf).pages
    first = re.sub(r"\s+", " ", pages[0].extract_text())
    assert "Executive summary" in first and "Readiness is" in first
    assert not any("Executive summary" in (p.extract_text() or "") for p in pages[1:2])
    width_mm = float(pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - PAPERS[paper]) < 1

"""`report.pdf`: report.html laid out for print by WeasyPrint (HTML and CSS through the system's
Pango; no browser). The page's own print stylesheet decides the layout, so the PDF and the
browser's print of report.html agree."""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path
from typing import Any

from ccpa_readiness.errors import Problem


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


class PdfUnavailable(Exception):
    """WeasyPrint (or the system libraries it loads: Pango, HarfBuzz) cannot be loaded."""


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as error:  # OSError: a system library (Pango) is missing
        raise PdfUnavailable(f"WeasyPrint cannot be loaded: {str(error).splitlines()[0]}") from None
    return weasyprint


def render_pdf(html: str, paper: Paper = Paper.letter) -> bytes:
    """The PDF of `html` on `paper`; raises `PdfUnavailable` when WeasyPrint cannot load."""
    weasyprint = _weasyprint()
    # WeasyPrint warns of every SVG presentation property its CSS parser skips: noise to a reader
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    page = weasyprint.CSS(string=f"@page {{ size: {paper.value}; }}")
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(stylesheets=[page])
    return pdf


def write_pdf(html: str, path: Path, paper: Paper = Paper.letter) -> Path | Problem:
    """Write the PDF at `path`; when WeasyPrint cannot load, a problem naming the file instead."""
    try:
        path.write_bytes(render_pdf(html, paper))
    except PdfUnavailable as error:
        return Problem(source=str(path), message=f"not written: {error}")
    return path

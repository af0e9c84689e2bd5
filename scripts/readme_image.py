"""Render the first page of the example's report.pdf as docs/images/report-first-page.png (README).

Run after `ccpa assess examples/acme-contact-center`: .venv/bin/python scripts/readme_image.py
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "examples" / "acme-contact-center" / "out" / "report.pdf"
PNG = REPO / "docs" / "images" / "report-first-page.png"

if __name__ == "__main__":
    page = pypdfium2.PdfDocument(str(PDF))[0]
    page.render(scale=1.5).to_pil().save(PNG, optimize=True)
    print(f"wrote {PNG}")

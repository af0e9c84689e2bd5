"""Write src/ccpa_readiness/reports/templates/draft.docx, the Word template of every draft.

The template is a file so that an organization can restyle it in Word (fonts, logo, margins) and
keep the placeholders: `{{ header }}` in the page header, `{{ footer }}` in the page footer and
`{{p body }}` where the draft's text goes. Run: .venv/bin/python scripts/draft_docx_template.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

TARGET = Path(__file__).resolve().parents[1] / "src" / "ccpa_readiness" / "reports" / "templates" / "draft.docx"


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    header.add_run("{{ header }}").bold = True
    footer = section.footer.paragraphs[0]
    footer.add_run("{{ footer }}").font.size = Pt(8)
    document.add_paragraph("{{p body }}")
    document.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()

"""Readers turn HTML, PDF, DOCX, Markdown and text into sections, and refuse what they cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from ccpa_readiness.evidence.documents.reader import read_document
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument
from tests.documents.builders import write_docx, write_pdf
from tests.documents.conftest import FIXTURES


def headings(path: Path) -> list[str]:
    return [s.heading for s in read_document(path).sections if s.heading]


def test_html_drops_navigation_scripts_banners_and_footer() -> None:
    document = read_document(FIXTURES / "navigation_noise.html")
    text = document.full_text()
    assert "Right to Delete" not in text  # only in the nav, a script and a menu flyout
    assert "Authorized Agent" not in text
    assert "Global Privacy Control" not in text  # cookie banner
    assert "Do Not Sell" not in text  # footer
    assert "You have the right to know" in text


def test_html_headings_from_h_tags_and_all_bold_paragraphs() -> None:
    document = read_document(FIXTURES / "navigation_noise.html")
    assert [(s.heading, s.level) for s in document.sections] == [
        ("Privacy Policy", 1),
        ("Information We Collect", 5),
        ("Your Rights", 2),
    ]
    first = document.sections[0]
    assert first.paragraphs == ["Last updated: March 2, 2026"]
    # inline links stay inside their sentence
    assert (
        "and internet or other electronic network activity when you use" in document.sections[1].paragraphs[0]
    )


def test_html_header_inside_the_article_is_content(tmp_path: Path) -> None:
    page = tmp_path / "policy.html"
    page.write_text(
        "<html><body><header>Site menu</header><article><header><h1>Policy</h1>"
        "<p>Last Updated: January 12, 2021</p></header><p>Body.</p></article></body></html>",
        encoding="utf-8",
    )
    document = read_document(page)
    assert document.title == "Policy"
    assert "Site menu" not in document.full_text()
    assert document.sections[0].paragraphs == ["Last Updated: January 12, 2021", "Body."]


def test_markdown_atx_bold_line_setext_headings_and_table_rows(tmp_path: Path) -> None:
    page = tmp_path / "notice.md"
    page.write_text(
        "---\ntitle: ignored front matter\n---\n# Notice\n_Last updated: May 1, 2026_\n\n"
        "**Your Rights**\n\nYou may ask for a [copy](https://x.example) of your data.\n\n"
        "Retention\n---------\n| Category | Period |\n| --- | --- |\n| Call recordings | 90 days |\n",
        encoding="utf-8",
    )
    document = read_document(page)
    assert [(s.heading, s.level) for s in document.sections] == [
        ("Notice", 1),
        ("Your Rights", 5),
        ("Retention", 2),
    ]
    assert document.sections[0].paragraphs == ["Last updated: May 1, 2026"]
    assert document.sections[1].paragraphs == ["You may ask for a copy of your data."]
    assert document.sections[2].paragraphs == ["Category; Period", "Call recordings; 90 days"]


def test_pdf_text_layer_with_upper_case_headings(tmp_path: Path) -> None:
    pdf = write_pdf(
        tmp_path / "policy.pdf",
        ["ACME PRIVACY POLICY", "Last updated: March 2, 2026", "YOUR RIGHTS", "You have the right to know."],
    )
    document = read_document(pdf)
    assert [(s.heading, s.paragraphs) for s in document.sections] == [
        ("ACME PRIVACY POLICY", ["Last updated: March 2, 2026"]),
        ("YOUR RIGHTS", ["You have the right to know."]),
    ]


def test_docx_styles_give_headings_and_tables_give_rows(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "notice.docx",
        [("Title", "Acme Notice"), ("", "Intro."), ("Heading 2", "Retention"), ("", "Kept as below.")],
        table=[["Category", "Period"], ["Call recordings", "90 days"]],
    )
    document = read_document(path)
    assert [(s.heading, s.level, s.trail) for s in document.sections] == [
        ("Acme Notice", 1, []),
        ("Retention", 2, ["Acme Notice"]),
    ]
    assert document.sections[1].paragraphs == [
        "Kept as below.",
        "Category; Period",
        "Call recordings; 90 days",
    ]


def test_plain_text_script_lines_are_paragraphs() -> None:
    (section,) = read_document(FIXTURES / "script_inbound.txt").sections
    assert len(section.paragraphs) == 5
    assert section.paragraphs[1].startswith("IVR: Thank you for calling Acme.")
    assert section.paragraphs[4].startswith("Agent: Thank you for holding")


def test_plain_text_wrapped_title_case_line_is_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("We share data with\nService Providers And Contractors\nfor support.\n", encoding="utf-8")
    (section,) = read_document(path).sections
    assert section.paragraphs == ["We share data with Service Providers And Contractors for support."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"  \n\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "broken PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "broken DOCX"),
        ("blank.html", b"<html><body><nav>Menu</nav><script>x()</script></body></html>", "no text found"),
    ],
)
def test_unreadable_files_raise_with_the_reason(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=message):
        read_document(path)


def test_encrypted_pdf_is_unreadable_unless_the_password_is_empty(tmp_path: Path) -> None:
    plain = write_pdf(tmp_path / "plain.pdf", ["ACME PRIVACY POLICY", "You have the right to know."])
    for password, name in (("", "open.pdf"), ("secret", "locked.pdf")):
        writer = PdfWriter(clone_from=str(plain))
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
        writer.write(str(tmp_path / name))
    assert read_document(tmp_path / "open.pdf").sections[0].paragraphs == ["You have the right to know."]
    with pytest.raises(UnreadableDocument, match="encrypted PDF"):
        read_document(tmp_path / "locked.pdf")


def test_absurdly_nested_html_is_reported_not_a_crash(tmp_path: Path) -> None:
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div><span>" * 3000 + "text</body></html>", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="nested too deeply"):
        read_document(page)

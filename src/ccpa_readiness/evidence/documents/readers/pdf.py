"""PDF: the text layer of every page through pypdf, then read as plain text."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from ccpa_readiness.evidence.documents.model import Block
from ccpa_readiness.evidence.documents.readers.errors import UnreadableDocument
from ccpa_readiness.evidence.documents.readers.plain import read_plain


def read_pdf(data: bytes) -> list[Block]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # many "protected" PDFs open with an empty user password
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError as error:
        raise UnreadableDocument("encrypted PDF: it needs a password") from error
    except Exception as error:  # a damaged file can fail anywhere inside the parser
        raise UnreadableDocument(f"broken PDF: {error}") from error
    return read_plain("\n\n".join(pages))

"""Open the right source for a URL or path."""

from __future__ import annotations

from ccpa_readiness.evidence.datastores.locator import redact, store_kind
from ccpa_readiness.evidence.datastores.sources.base import Source, SourceError


def open_source(url: str) -> Source:
    """A source for `url`. SQLAlchemy, pyarrow and openpyxl are imported here, when a store is opened,
    so that commands which scan no store start fast."""
    from ccpa_readiness.evidence.datastores.sources.files import FileSource
    from ccpa_readiness.evidence.datastores.sources.sql import SqlSource

    kind = store_kind(url)
    if kind is None:
        raise SourceError(
            f"{redact(url)}: not a store this scanner reads "
            "(postgresql:// or sqlite:// URL, or a .sqlite/.db, .csv, .parquet or .xlsx file)"
        )
    if kind == "postgresql" or kind == "sqlite":
        return SqlSource(url, kind)
    return FileSource(url, kind)

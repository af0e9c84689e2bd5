"""Open the right source for a URL or path."""

from __future__ import annotations

from ccpa_readiness.evidence.datastores.locator import redact, store_kind
from ccpa_readiness.evidence.datastores.sources.base import Source, SourceError


def open_source(url: str) -> Source:
    """A source for `url`. Each kind's drivers (SQLAlchemy and psycopg, ADBC, openpyxl) are imported
    here, when a store of that kind is opened: commands which scan no store, or scan only SQLite
    files, do not pay for the others."""
    kind = store_kind(url)
    if kind is None:
        raise SourceError(
            f"{redact(url)}: not a store this scanner reads "
            "(postgresql:// or sqlite:// URL, or a .sqlite/.db, .csv, .parquet or .xlsx file)"
        )
    if kind == "postgresql":
        from ccpa_readiness.evidence.datastores.sources.sql import PostgresSource

        return PostgresSource(url)
    if kind == "sqlite":
        from ccpa_readiness.evidence.datastores.sources.sqlite import SqliteSource

        return SqliteSource(url)
    from ccpa_readiness.evidence.datastores.sources.files import FileSource

    return FileSource(url, kind)

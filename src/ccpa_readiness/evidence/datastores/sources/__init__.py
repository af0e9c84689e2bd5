"""Read-only access to data stores: SQL databases through SQLAlchemy, and CSV, Parquet, XLSX files."""

from ccpa_readiness.evidence.datastores.sources.base import Row, Source, SourceError
from ccpa_readiness.evidence.datastores.sources.opener import open_source

__all__ = ["Row", "Source", "SourceError", "open_source"]

"""Store addresses: which kind of store a URL or path is, and how to print it without its password."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

StoreKind = Literal["postgresql", "sqlite", "csv", "parquet", "xlsx"]
FILE_KINDS: dict[str, StoreKind] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
}
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def redact(url: str) -> str:
    """`postgresql://user:secret@host/db` -> `postgresql://user@host/db`; paths unchanged."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def store_kind(url: str) -> StoreKind | None:
    """The kind of store, or None when neither the scheme nor the file suffix says."""
    if "://" in url:
        scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme in ("postgresql", "postgres"):
            return "postgresql"
        return "sqlite" if scheme == "sqlite" else None
    suffix = Path(url).suffix.lower()
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    return FILE_KINDS.get(suffix)

"""Data-store discovery: scan databases and exports read-only, classify their columns, check them
against the inventory, and draw the data map.

The names below are imported when first used: a scan does not load the data map's modules (YAML,
XlsxWriter), nor a data map the scanner's."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccpa_readiness.evidence.datastores.datamap import DataMap, build_datamap, write_datamap
    from ccpa_readiness.evidence.datastores.datamap.svg import render_svg
    from ccpa_readiness.evidence.datastores.locator import redact
    from ccpa_readiness.evidence.datastores.models import DeclaredElement, DeclaredStore, StoreTarget
    from ccpa_readiness.evidence.datastores.scan import (
        DEFAULT_SAMPLE,
        NoProgress,
        Progress,
        scan_datastores,
    )

_MODULES = {
    "DataMap": "datamap",
    "build_datamap": "datamap",
    "write_datamap": "datamap",
    "render_svg": "datamap.svg",
    "redact": "locator",
    "DeclaredElement": "models",
    "DeclaredStore": "models",
    "StoreTarget": "models",
    "DEFAULT_SAMPLE": "scan",
    "NoProgress": "scan",
    "Progress": "scan",
    "scan_datastores": "scan",
}

__all__ = [
    "DEFAULT_SAMPLE",
    "DataMap",
    "DeclaredElement",
    "DeclaredStore",
    "NoProgress",
    "Progress",
    "StoreTarget",
    "build_datamap",
    "redact",
    "render_svg",
    "scan_datastores",
    "write_datamap",
]


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)

"""Data-store discovery: scan databases and exports read-only, classify their columns, check them
against the inventory, and draw the data map."""

from ccpa_readiness.evidence.datastores.datamap import DataMap, build_datamap, write_datamap
from ccpa_readiness.evidence.datastores.datamap.svg import render_svg
from ccpa_readiness.evidence.datastores.locator import redact
from ccpa_readiness.evidence.datastores.models import DeclaredElement, DeclaredStore, StoreTarget
from ccpa_readiness.evidence.datastores.scan import DEFAULT_SAMPLE, NoProgress, Progress, scan_datastores

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

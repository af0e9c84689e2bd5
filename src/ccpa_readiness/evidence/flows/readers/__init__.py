"""Readers: one per export format, each turning a document into a `Flow`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccpa_readiness.evidence.flows.documents import Document, read_documents
from ccpa_readiness.evidence.flows.model import Flow, FlowFormat
from ccpa_readiness.evidence.flows.readers.archy import read_archy
from ccpa_readiness.evidence.flows.readers.connect import read_connect
from ccpa_readiness.evidence.flows.readers.connect_legacy import read_connect_legacy
from ccpa_readiness.evidence.flows.readers.twilio import read_twilio

READERS: dict[FlowFormat, Callable[[Document, str], Flow]] = {
    FlowFormat.CONNECT: read_connect,
    FlowFormat.CONNECT_LEGACY: read_connect_legacy,
    FlowFormat.TWILIO: read_twilio,
    FlowFormat.ARCHY: read_archy,
}


def read_flows(path: Path) -> list[Flow]:
    """Every flow in the file; raises `FlowInvalidError` when the file is not a readable flow."""
    return [READERS[doc.format](doc, str(path)) for doc in read_documents(path)]

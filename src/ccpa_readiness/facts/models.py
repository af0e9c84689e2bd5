"""Facts: the workspace's typed declarations and the scanners' observations, with provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel

from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.evidence.pii.masking import mask_text
from ccpa_readiness.workspace.loader import Workspace
from ccpa_readiness.workspace.models import (
    Attestations,
    Channel,
    Channels,
    DataElement,
    DataInventory,
    OrganizationFile,
    Practices,
    Procedure,
    Procedures,
    System,
    Systems,
    Technology,
    Training,
    Vendor,
    Vendors,
)


def quoted(text: str) -> str:
    """Declared text as a finding may quote it (a snippet, a reason): masked like a scanner's
    output, since someone may have written a caller's number or name into a title or a note."""
    return mask_text(text)


class Basis(StrEnum):
    declared = "declared"
    observed = "observed"


class Provenance(BaseModel):
    """Where a fact comes from: a declaration (file:line) or an observation (artifact:location)."""

    basis: Basis
    source: str
    location: str = ""
    snippet: str = ""


@dataclass
class Facts:
    """Everything the checks may look at. Inventory parts not declared are `None` (unknown)."""

    workspace: Workspace
    observations: list[Observation] = field(default_factory=list)
    as_of: dt.date = field(default_factory=dt.date.today)
    channel_scope: frozenset[str] | None = field(
        default=None, metadata={"doc": "channel ids of one role's relationships; None = every channel"}
    )
    _id_index: dict[tuple[str, str], tuple[object, dict[object, int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # ---- declarations
    @property
    def organization(self) -> OrganizationFile:
        return self.workspace.organization

    @property
    def practices(self) -> Practices | None:
        return self.workspace.part("practices.yaml", Practices)

    @property
    def channels(self) -> list[Channel] | None:
        part = self.workspace.part("channels.yaml", Channels)
        if part is None:
            return None
        scope = self.channel_scope
        return part.channels if scope is None else [c for c in part.channels if c.id in scope]

    @property
    def data_elements(self) -> list[DataElement] | None:
        part = self.workspace.part("data.yaml", DataInventory)
        return None if part is None else part.data_elements

    @property
    def systems(self) -> list[System] | None:
        part = self.workspace.part("systems.yaml", Systems)
        return None if part is None else part.systems

    @property
    def procedures(self) -> Procedures | None:
        return self.workspace.part("procedures.yaml", Procedures)

    @property
    def technology(self) -> Technology | None:
        return self.workspace.part("technology.yaml", Technology)

    @property
    def training(self) -> Training | None:
        return self.workspace.part("training.yaml", Training)

    @property
    def vendors(self) -> list[Vendor] | None:
        part = self.workspace.part("vendors.yaml", Vendors)
        return None if part is None else part.vendors

    @property
    def attestations(self) -> Attestations | None:
        return self.workspace.part("attestations.yaml", Attestations)

    def procedures_of(self, kind: str) -> list[Procedure]:
        procedures = self.procedures
        return [] if procedures is None else [p for p in procedures.procedures if p.kind == kind]

    # ---- provenance
    def declared(self, relative_file: str, *path: str | int, snippet: str = "") -> Provenance:
        """Provenance of a declaration: `inventory/channels.yaml`, line of `path`; the quoted
        text is masked like a scanner's (someone may have written a caller's number in a title)."""
        line = self.workspace.line_of(relative_file, *path)
        return Provenance(
            basis=Basis.declared,
            source=relative_file,
            location="" if line is None else str(line),
            snippet=quoted(snippet),
        )

    def item(
        self, relative_file: str, list_key: str, item_id: str, *path: str | int, snippet: str = ""
    ) -> Provenance:
        """Provenance of a field of the list item with `item_id` (a channel, system, vendor...)."""
        index = self._index_of(relative_file, list_key, item_id)
        if index is None:
            return self.declared(relative_file, snippet=snippet)
        return self.declared(relative_file, list_key, index, *path, snippet=snippet)

    def _index_of(self, relative_file: str, list_key: str, item_id: str) -> int | None:
        return self._ids_of(relative_file, list_key).get(item_id)

    def _ids_of(self, relative_file: str, list_key: str) -> dict[object, int]:
        """Position of each item id in a declared list (the first where an id repeats), built once."""
        document = self.workspace.documents.get(relative_file)
        cached = self._id_index.get((relative_file, list_key))
        if cached is not None and cached[0] is document:
            return cached[1]
        items = document.data.get(list_key) if document and isinstance(document.data, dict) else None
        positions: dict[object, int] = {}
        for index, entry in enumerate(items if isinstance(items, list) else []):
            item_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(item_id, Hashable):
                positions.setdefault(item_id, index)
        self._id_index[(relative_file, list_key)] = (document, positions)
        return positions

    # ---- observations
    def observed(self, kind: str, subject: str | None = None) -> list[Observation]:
        return [o for o in self.observations if o.kind == kind and (subject is None or o.subject == subject)]

    @staticmethod
    def from_observation(observation: Observation) -> Provenance:
        """Provenance of an observation; without a snippet, its message (or subject) says what was seen."""
        message = observation.attributes.get("message")
        return Provenance(
            basis=Basis.observed,
            source=observation.source,
            location=observation.location,
            snippet=observation.snippet or (str(message) if message else observation.subject),
        )

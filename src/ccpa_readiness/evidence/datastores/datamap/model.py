"""The data map: systems -> stores -> tables -> columns -> categories, joined with the purposes,
vendors and collection points the inventory declares for each category of each system.

Built from a scan's observations and the targets scanned, so `ccpa assess` and
`ccpa scan datastore` draw the same map from the same result.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ccpa_readiness.evidence.common.models import AttributeValue, Observation, ScanResult
from ccpa_readiness.evidence.datastores.locator import redact
from ccpa_readiness.evidence.datastores.models import DeclaredStore, StoreTarget


class MapColumn(BaseModel):
    """One label found in one column (a free-text column may hold several)."""

    name: str
    label: str
    category: str
    sensitive_kind: str | None
    confidence: float
    free_text: bool
    declared: bool = Field(description="the inventory lists this category for the system")
    sensitive_declared: bool | None = Field(
        description="the inventory lists this sensitive-PI kind for the system (None: not sensitive)"
    )
    purposes: list[str]
    vendors: list[str]
    collection_points: list[str]


class MapTable(BaseModel):
    name: str
    rows: int | None
    columns: list[MapColumn]


class MapStore(BaseModel):
    source: str
    tables: list[MapTable]


class MapSystem(BaseModel):
    id: str
    name: str
    declared: bool = Field(description="the system is in the inventory")
    hosted_by: str | None
    stores: list[MapStore]
    categories: list[str]
    undeclared_categories: list[str]
    vendors: list[str]


class DataMap(BaseModel):
    systems: list[MapSystem]


def _text(value: AttributeValue) -> str:
    return "" if value is None else str(value)


def _column(observation: Observation, declared: DeclaredStore | None) -> MapColumn:
    attrs = observation.attributes
    category = _text(attrs["category"])
    kind = None if attrs["sensitive_kind"] is None else _text(attrs["sensitive_kind"])
    elements = [] if declared is None else [e for e in declared.elements if e.category == category]
    confidence = attrs["confidence"]
    return MapColumn(
        name=_text(attrs["column"]),
        label=_text(attrs["label"]),
        category=category,
        sensitive_kind=kind,
        sensitive_declared=None
        if kind is None
        else declared is not None and kind in declared.declared_sensitive_kinds,
        confidence=float(confidence) if isinstance(confidence, int | float) else 0.0,
        free_text=attrs.get("free_text") is True,
        declared=bool(elements),
        purposes=sorted({p for e in elements for p in e.purposes}),
        vendors=sorted({v for e in elements for v in e.vendors}),
        collection_points=sorted({c for e in elements for c in e.collection_points}),
    )


def _store(source: str, observations: list[Observation], declared: DeclaredStore | None) -> MapStore:
    columns: dict[str, list[MapColumn]] = {}
    for item in observations:
        if item.kind == "DATASTORE-COLUMN":
            columns.setdefault(_text(item.attributes["table"]), []).append(_column(item, declared))
    tables = [
        MapTable(
            name=item.location,
            rows=rows if isinstance(rows := item.attributes.get("rows"), int) else None,
            columns=columns.get(item.location, []),
        )
        for item in observations
        if item.kind == "DATASTORE-TABLE"
    ]
    return MapStore(source=source, tables=sorted(tables, key=lambda t: t.name))


def build_datamap(result: ScanResult, stores: list[StoreTarget]) -> DataMap:
    by_source: dict[str, list[Observation]] = {}
    for observation in result.observations:
        by_source.setdefault(observation.source, []).append(observation)
    systems: dict[str, MapSystem] = {}
    for target in stores:
        source = redact(target.url)
        declared = target.declared
        system_id = source if declared is None else declared.system_id
        system = systems.setdefault(
            system_id,
            MapSystem(
                id=system_id,
                name=(declared.system_name or declared.system_id) if declared else source,
                declared=declared is not None,
                hosted_by=None if declared is None else declared.hosted_by,
                stores=[],
                categories=[],
                undeclared_categories=[],
                vendors=[],
            ),
        )
        system.stores.append(_store(source, by_source.get(source, []), declared))
    for system in systems.values():
        found = [c for store in system.stores for table in store.tables for c in table.columns]
        system.stores.sort(key=lambda s: s.source)
        system.categories = sorted({c.category for c in found})
        system.undeclared_categories = sorted(
            {c.category for c in found if system.declared and not c.declared}
        )
        hosts = [system.hosted_by] if system.hosted_by else []
        system.vendors = sorted({*hosts, *(v for c in found for v in c.vendors)})
    return DataMap(systems=sorted(systems.values(), key=lambda s: s.id))

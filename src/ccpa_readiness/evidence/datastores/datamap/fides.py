"""The data map as Fides dataset YAML: one dataset per store, one collection per table, one field
per classified column with its fideslang data categories."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from ccpa_readiness.evidence.datastores.datamap.model import DataMap, MapTable

_NOT_KEY = re.compile(r"[^A-Za-z0-9_]+")


@cache
def fideslang_keys() -> dict[str, str]:
    """PII label -> fideslang data category."""
    text = resources.files(__package__).joinpath("fideslang.yaml").read_text("utf-8")
    loaded: dict[str, str] = yaml.safe_load(text)
    return loaded


def fides_key(text: str) -> str:
    return _NOT_KEY.sub("_", text).strip("_").lower() or "store"


def _collection(table: MapTable) -> dict[str, object]:
    fields: dict[str, set[str]] = {}
    for column in table.columns:
        fields.setdefault(column.name, set()).add(fideslang_keys()[column.label])
    return {
        "name": table.name,
        "fields": [{"name": name, "data_categories": sorted(keys)} for name, keys in sorted(fields.items())],
    }


def fides_datasets(datamap: DataMap) -> str:
    datasets: list[dict[str, object]] = []
    for system in datamap.systems:
        for index, store in enumerate(system.stores, start=1):
            suffix = f"_{index}" if len(system.stores) > 1 else ""
            datasets.append(
                {
                    "fides_key": fides_key(system.id) + suffix,
                    "name": system.name,
                    "description": f"Discovered by `ccpa scan datastore` in {store.source}",
                    "collections": [_collection(table) for table in store.tables if table.columns],
                }
            )
    return yaml.safe_dump({"dataset": datasets}, sort_keys=False, allow_unicode=True)

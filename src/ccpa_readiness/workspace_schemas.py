"""The JSON Schemas (draft 2020-12) of the workspace files, for editors and checking.

They come from the workspace models (descriptions included); the closed vocabularies that the
catalog data defines (CCPA categories, sensitive-PI kinds, contract clauses, requirement ids) are
added as enums here, where both the workspace and the catalog may be imported. The models keep
plain strings for them, so loading a workspace reports an unknown key with its file and line.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.catalog.models import Catalog
from ccpa_readiness.workspace.loader import INVENTORY_MODELS, ORGANIZATION_FILE
from ccpa_readiness.workspace.models import OrganizationFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:ccpa-readiness:workspace:"  # + the file's path in the workspace

Schema = dict[str, Any]


def workspace_files() -> dict[str, type[BaseModel]]:
    """Each workspace file's path and the model it is read into."""
    return {ORGANIZATION_FILE: OrganizationFile} | {
        f"inventory/{name}": model for name, model in INVENTORY_MODELS.items()
    }


def workspace_schemas(catalog: Catalog | None = None) -> dict[str, Schema]:
    """The JSON Schema of every workspace file, keyed by its path inside the workspace."""
    vocabularies = _vocabularies(catalog or default_catalog())
    schemas = {}
    for path, model in workspace_files().items():
        schema = model.model_json_schema()
        for (model_name, field), keys in vocabularies.items():
            definition = _definition(schema, model_name)
            if definition is not None and field in definition.get("properties", {}):
                _close(definition["properties"][field], keys)
        schemas[path] = {"$schema": DIALECT, "$id": ID_PREFIX + path, **schema}
    return schemas


def _vocabularies(catalog: Catalog) -> dict[tuple[str, str], list[str]]:
    """(model, field): the keys the catalog data allows there."""
    taxonomy = catalog.taxonomy
    return {
        ("DataElement", "category"): [entry.key for entry in taxonomy.categories],
        ("DataElement", "sensitive_kind"): [entry.key for entry in taxonomy.sensitive_kinds],
        ("Vendor", "contract_clauses"): [clause.key for clause in catalog.contract_clauses],
        ("Attestations", "attestations"): [requirement.id for requirement in catalog.requirements],
    }


def _definition(schema: Schema, model_name: str) -> Schema | None:
    if schema.get("title") == model_name:
        return schema
    found: Schema | None = schema.get("$defs", {}).get(model_name)
    return found


def _close(prop: Schema, keys: list[str]) -> None:
    """Allow only `keys` where the property holds a string: itself, the string of a nullable, the
    items of a list, or the keys of a mapping."""
    if prop.get("type") == "array":
        prop["items"] = {**prop.get("items", {}), "enum": keys}
    elif prop.get("type") == "object":
        prop["propertyNames"] = {"enum": keys}
    elif "anyOf" in prop:
        for branch in prop["anyOf"]:
            if branch.get("type") == "string":
                branch["enum"] = keys
    else:
        prop["enum"] = keys

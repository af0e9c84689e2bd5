"""`ccpa schema`: draft 2020-12 schemas with `$id`, a description on every property, enums for the
closed vocabularies; the example, the template and the test workspaces validate against them."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from ccpa_readiness.catalog.loader import default_catalog
from ccpa_readiness.cli import app
from ccpa_readiness.workspace.template_files import TEMPLATE_DIR
from ccpa_readiness.workspace_schemas import DIALECT, workspace_schemas
from tests.conftest import REPO
from tests.workspace_builder import compliant

SCHEMAS = workspace_schemas()
EXAMPLE = REPO / "examples" / "acme-contact-center"


def _objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield schema["title"], schema
    yield from schema.get("$defs", {}).items()


def _allowed(prop: dict[str, Any], defs: dict[str, Any]) -> set[str] | None:
    """The values a string property may take, through $ref, nullable and list items; None: any."""
    if "$ref" in prop:
        return _allowed(defs[prop["$ref"].rsplit("/", 1)[-1]], defs)
    if "enum" in prop:
        return set(prop["enum"])
    if prop.get("type") == "array":
        return _allowed(prop["items"], defs)
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            return _allowed(branch, defs)
    return None


def _as_json(document: Any) -> Any:
    """YAML as an editor's schema check sees it: dates are strings."""
    return json.loads(json.dumps(document, default=lambda v: v.isoformat() if isinstance(v, dt.date) else v))


def test_every_schema_names_its_dialect_and_id() -> None:
    ids = {schema["$id"] for schema in SCHEMAS.values()}
    assert len(ids) == len(SCHEMAS)
    for path, schema in SCHEMAS.items():
        assert schema["$schema"] == DIALECT
        assert schema["$id"] == f"urn:ccpa-readiness:workspace:{path}"
        Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description() -> None:
    undescribed = [
        f"{path}: {name}.{field}"
        for path, schema in SCHEMAS.items()
        for name, definition in _objects(schema)
        for field, prop in definition.get("properties", {}).items()
        if not prop.get("description", "").strip()
    ]
    assert undescribed == []


def test_categories_and_kinds_are_enums_from_the_models_and_the_catalog() -> None:
    catalog = default_catalog()
    data = SCHEMAS["inventory/data.yaml"]
    element = data["$defs"]["DataElement"]["properties"]
    assert _allowed(element["category"], data["$defs"]) == {e.key for e in catalog.taxonomy.categories}
    kinds = {e.key for e in catalog.taxonomy.sensitive_kinds}
    assert _allowed(element["sensitive_kind"], data["$defs"]) == kinds
    vendors = SCHEMAS["inventory/vendors.yaml"]
    clauses = vendors["$defs"]["Vendor"]["properties"]["contract_clauses"]
    assert _allowed(clauses, vendors["$defs"]) == {c.key for c in catalog.contract_clauses}
    open_kinds = [
        f"{path}: {name}.{field}"
        for path, schema in SCHEMAS.items()
        for name, definition in _objects(schema)
        for field, prop in definition.get("properties", {}).items()
        if (field in {"kind", "category", "role", "status", "delivery"} or field.endswith("_kind"))
        and not _allowed(prop, schema.get("$defs", {}))
    ]
    assert open_kinds == []


def _workspace_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in SCHEMAS:
        if (root / path).is_file():
            yield path, root / path


@pytest.mark.parametrize("root", [EXAMPLE, TEMPLATE_DIR], ids=["example", "template"])
def test_the_shipped_workspaces_validate(root: Path) -> None:
    checked = 0
    for path, file in _workspace_files(root):
        document = _as_json(yaml.safe_load(file.read_text(encoding="utf-8")))
        errors = [e.message for e in Draft202012Validator(SCHEMAS[path]).iter_errors(document)]
        assert errors == [], f"{file}: {errors}"
        checked += 1
    assert checked == len(SCHEMAS)


def test_the_test_workspace_validates_and_an_unknown_category_does_not() -> None:
    files = {path: _as_json(document) for path, document in compliant().items() if path in SCHEMAS}
    assert set(SCHEMAS) - set(files) <= {"inventory/attestations.yaml"}  # it declares none
    for path, document in files.items():
        assert list(Draft202012Validator(SCHEMAS[path]).iter_errors(document)) == [], path
    broken = copy.deepcopy(files["inventory/data.yaml"])
    broken["data_elements"][0]["category"] = "favourite_colour"
    errors = list(Draft202012Validator(SCHEMAS["inventory/data.yaml"]).iter_errors(broken))
    assert [e.json_path for e in errors] == ["$.data_elements[0].category"]


def test_schema_command_writes_the_same_schemas(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(app, ["schema", "inventory/data.yaml"])
    assert printed.exit_code == 0 and json.loads(printed.stdout) == SCHEMAS["inventory/data.yaml"]
    assert runner.invoke(app, ["schema", "--out", str(tmp_path)]).exit_code == 0
    written = json.loads((tmp_path / "inventory-vendors.yaml.schema.json").read_text())
    assert written == SCHEMAS["inventory/vendors.yaml"]
    unknown = runner.invoke(app, ["schema", "inventory/nope.yaml"])
    assert unknown.exit_code == 2 and unknown.stdout == "" and "unknown file" in unknown.stderr

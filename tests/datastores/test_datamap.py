"""The data map: joined with the inventory, written four ways, the same bytes every run."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from ccpa_readiness.evidence.common.models import ScanResult
from ccpa_readiness.evidence.datastores import StoreTarget, build_datamap, scan_datastores, write_datamap
from ccpa_readiness.evidence.datastores.datamap.fides import fideslang_keys
from ccpa_readiness.evidence.datastores.datamap.model import DataMap
from ccpa_readiness.evidence.pii import label_table
from tests.datastores import crm
from tests.datastores.conftest import crm_declared

TAXONOMY = Path(__file__).resolve().parents[2] / "src/ccpa_readiness/catalog/data/taxonomy.yaml"


@pytest.fixture(scope="module")
def targets(crm_sqlite: Path, exports: dict[str, Path]) -> list[StoreTarget]:
    return [StoreTarget(url=str(crm_sqlite), declared=crm_declared()), StoreTarget(url=str(exports["csv"]))]


@pytest.fixture(scope="module")
def result(targets: list[StoreTarget]) -> ScanResult:
    return scan_datastores(targets, as_of=crm.AS_OF)


@pytest.fixture(scope="module")
def datamap(result: ScanResult, targets: list[StoreTarget]) -> DataMap:
    return build_datamap(result, targets)


def test_systems_tables_columns_joined_with_the_inventory(datamap: DataMap, exports: dict[str, Path]) -> None:
    crm_system, export = sorted(datamap.systems, key=lambda s: s.declared, reverse=True)
    assert (crm_system.id, crm_system.name, crm_system.declared) == ("crm", "Customer CRM", True)
    assert crm_system.categories == ["customer_records", "identifiers", "protected_characteristics"]
    assert crm_system.undeclared_categories == ["customer_records", "protected_characteristics"]
    assert crm_system.vendors == ["bpo", "cloudco"]
    [store] = crm_system.stores
    customers = next(t for t in store.tables if t.name == "customers")
    assert customers.rows == crm.CUSTOMERS
    email = next(c for c in customers.columns if c.name == "email")
    assert (
        email.declared
        and email.purposes == ["customer service"]
        and email.collection_points == ["agents-inbound"]
    )
    assert email.sensitive_declared is None
    ssn = next(c for c in customers.columns if c.name == "ssn")
    assert ssn.declared and ssn.sensitive_declared is False  # identifiers declared, government ids not
    dob = next(c for c in customers.columns if c.name == "date_of_birth")
    assert not dob.declared and dob.purposes == []
    assert (export.id, export.declared, export.undeclared_categories) == (str(exports["csv"]), False, [])


def test_written_files_are_identical_run_to_run(
    result: ScanResult, targets: list[StoreTarget], tmp_path: Path
) -> None:
    first = write_datamap(build_datamap(result, targets), tmp_path / "one")
    second = write_datamap(build_datamap(result, targets), tmp_path / "two")
    assert [p.name for p in first] == ["datamap.json", "datamap.xlsx", "datamap.svg", "fides_datasets.yaml"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_workbook_lists_every_classified_column(
    result: ScanResult, targets: list[StoreTarget], datamap: DataMap, tmp_path: Path
) -> None:
    write_datamap(datamap, tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / "datamap.xlsx", read_only=True)
    rows = list(workbook["Columns"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    expected = sum(len(t.columns) for s in datamap.systems for store in s.stores for t in store.tables)
    assert len(body) == expected
    ssn = next(r for r in body if r[header.index("Column")] == "ssn")
    assert ssn[header.index("Sensitive kind")] == "government_id" and ssn[header.index("Declared")] is True
    assert [r[0] for r in workbook["Systems"].iter_rows(min_row=2, values_only=True)] == [
        s.id for s in datamap.systems
    ]


def test_svg_draws_vendors_systems_categories(datamap: DataMap) -> None:
    from ccpa_readiness.evidence.datastores.datamap.svg import UNDECLARED, render_svg

    svg = render_svg(datamap)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for text in ("Customer CRM", "cloudco", "bpo", "identifiers", "protected_characteristics"):
        assert f">{text}<title>" in svg
    assert (
        svg.count(f'stroke="{UNDECLARED}" stroke-width="1.5" stroke-dasharray') == 2
    )  # two undeclared edges


def test_fides_datasets(datamap: DataMap) -> None:
    from ccpa_readiness.evidence.datastores.datamap.fides import fides_datasets

    datasets = yaml.safe_load(fides_datasets(datamap))["dataset"]
    crm_set = next(d for d in datasets if d["fides_key"] == "crm")
    customers = next(c for c in crm_set["collections"] if c["name"] == "customers")
    fields = {f["name"]: f["data_categories"] for f in customers["fields"]}
    assert fields["ssn"] == ["user.government_id.national_identification_number"]
    assert fields["email"] == ["user.contact.email"]
    notes = next(c for c in crm_set["collections"] if c["name"] == "call_records")
    assert {f["name"]: f["data_categories"] for f in notes["fields"]}["agent_notes"] == [
        "user.contact.phone_number",
        "user.financial.credit_card",
    ]
    assert all(d["fides_key"].replace("_", "").isalnum() for d in datasets)


def test_fideslang_keys_fall_under_the_taxonomy() -> None:
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    allowed = {e["key"]: e["fideslang"] for e in taxonomy["categories"] + taxonomy["sensitive_kinds"]}
    assert set(fideslang_keys()) == set(label_table())
    for label, info in label_table().items():
        roots = allowed[info.category] + (allowed[info.sensitive_kind] if info.sensitive_kind else [])
        key = fideslang_keys()[label]
        assert any(key == root or key.startswith(root + ".") for root in roots), label

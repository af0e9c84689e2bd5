"""What the proposal templates are filled with, taken from the workspace's inventory and the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccpa_readiness.catalog.models import Catalog, ContractClause, LawFigure, TaxonomyEntry
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace.models import DataElement, Vendor

FIGURES = (
    "confirm_receipt_business_days",
    "respond_calendar_days",
    "respond_extension_days",
    "opt_out_business_days",
    "request_records_months",
    "privacy_policy_refresh_months",
)
UNSTATED = "[to be completed]"


@dataclass(frozen=True)
class RetentionRow:
    category: str
    element: str
    systems: str
    purposes: str
    retention: str


@dataclass(frozen=True)
class VendorClauses:
    vendor: Vendor
    missing: list[ContractClause]


def proposal_context(catalog: Catalog, facts: Facts) -> dict[str, Any]:
    practices = facts.practices
    elements = facts.data_elements or []
    channels = facts.channels or []
    technology = facts.technology
    methods = practices.request_methods if practices else []
    policy = practices.privacy_policy if practices else None
    return {
        "organization": facts.organization.organization.name,
        "figures": {key: _figure(catalog.figure(key)) for key in FIGURES},
        "figure_citations": {key: catalog.figure(key).citation for key in FIGURES},
        "categories": _categories(catalog.taxonomy.categories, {e.category for e in elements}),
        "sensitive_kinds": _categories(
            catalog.taxonomy.sensitive_kinds, {e.sensitive_kind for e in elements if e.sensitive_kind}
        ),
        "elements": elements,
        "policy_url": policy.url if policy and policy.url else UNSTATED,
        "toll_free": next((m.detail for m in methods if m.kind == "toll_free_number" and m.detail), UNSTATED),
        "request_methods": methods,
        "verification_procedures": [p.title for p in facts.procedures_of("verification")],
        "recorded_channels": [c for c in channels if c.recorded],
        "monitored_channels": [c for c in channels if c.monitored_live],
        "analytics": technology.analytics if technology else [],
        "sells": bool(practices and practices.sells_personal_information),
        "shares": bool(practices and practices.shares_personal_information),
        "vendors": facts.vendors or [],
        "retention_rows": _retention_rows(elements, facts),
        "vendor_clauses": _vendor_clauses(facts.vendors or [], catalog.contract_clauses),
        "unstated": UNSTATED,
    }


def _figure(figure: LawFigure) -> str:
    return f"{figure.value:g}"


def _categories(entries: list[TaxonomyEntry], keys: set[str]) -> list[TaxonomyEntry]:
    return [entry for entry in entries if entry.key in keys]


def _retention_rows(elements: list[DataElement], facts: Facts) -> list[RetentionRow]:
    systems = {s.id: s for s in facts.systems or []}
    rows = []
    for element in sorted(elements, key=lambda e: (e.category, e.id)):
        held = [systems[s] for s in element.systems if s in systems]
        days = [element.retention_days] if element.retention_days is not None else []
        days += [s.retention_days for s in held if s.retention_days is not None]
        rows.append(
            RetentionRow(
                category=element.category,
                element=element.name,
                systems=", ".join(s.name for s in held) or UNSTATED,
                purposes=", ".join(element.purposes) or UNSTATED,
                retention=f"{max(days)} days (as declared; confirm it is no longer than necessary)"
                if days
                else f"{UNSTATED}: no retention period declared",
            )
        )
    return rows


def _vendor_clauses(vendors: list[Vendor], clauses: list[ContractClause]) -> list[VendorClauses]:
    result = []
    for vendor in sorted(vendors, key=lambda v: v.id):
        if vendor.role == "third_party":
            continue
        missing = [c for c in clauses if c.key not in vendor.contract_clauses]
        if missing:
            result.append(VendorClauses(vendor=vendor, missing=missing))
    return result

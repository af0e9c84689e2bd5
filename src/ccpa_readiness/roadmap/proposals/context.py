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
class CategoryRow:
    """One category of personal information collected, as the privacy policy describes it."""

    title: str
    examples: str
    purposes: str
    disclosed_to: str


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
        "retention_rows": _retention_rows(elements, facts, _short_titles(catalog.taxonomy.categories)),
        "category_rows": _category_rows(catalog.taxonomy.categories, elements, facts.vendors or []),
        "vendor_clauses": _vendor_clauses(facts.vendors or [], catalog.contract_clauses),
        "unstated": UNSTATED,
    }


def _figure(figure: LawFigure) -> str:
    return f"{figure.value:g}"


def _categories(entries: list[TaxonomyEntry], keys: set[str]) -> list[TaxonomyEntry]:
    return [entry for entry in entries if entry.key in keys]


def _short_titles(entries: list[TaxonomyEntry]) -> dict[str, str]:
    return {entry.key: entry.title.split(" (")[0] for entry in entries}


def _category_rows(
    categories: list[TaxonomyEntry], elements: list[DataElement], vendors: list[Vendor]
) -> list[CategoryRow]:
    names = {vendor.id: vendor.name for vendor in vendors}
    rows = []
    for category in categories:
        members = [e for e in elements if e.category == category.key]
        if not members:
            continue
        purposes = sorted({purpose for e in members for purpose in e.purposes})
        recipients = sorted({names.get(v, v) for e in members for v in e.disclosed_to})
        rows.append(
            CategoryRow(
                title=_short_titles([category])[category.key],
                examples=", ".join(e.name for e in members),
                purposes=", ".join(purposes) or UNSTATED,
                disclosed_to=", ".join(recipients) or "none",
            )
        )
    return rows


def _retention_rows(elements: list[DataElement], facts: Facts, titles: dict[str, str]) -> list[RetentionRow]:
    systems = {s.id: s for s in facts.systems or []}
    rows = []
    for element in sorted(elements, key=lambda e: (e.category, e.id)):
        held = [systems[s] for s in element.systems if s in systems]
        rows.append(
            RetentionRow(
                category=titles.get(element.category, element.category),
                element=element.name,
                systems=", ".join(s.name for s in held) or UNSTATED,
                purposes=", ".join(element.purposes) or UNSTATED,
                retention=_retention(element, [d for s in held if (d := s.retention_days) is not None]),
            )
        )
    return rows


def _retention(element: DataElement, system_days: list[int]) -> str:
    declared = element.retention_days is not None
    days = element.retention_days if declared else max(system_days, default=None)
    if days is None:
        return f"{UNSTATED}: no retention period declared"
    if days == 0:
        return "not kept after the interaction (as declared)"
    return f"{days} days ({'as declared' if declared else 'longest of its systems; set one for this data'})"


def _vendor_clauses(vendors: list[Vendor], clauses: list[ContractClause]) -> list[VendorClauses]:
    result = []
    for vendor in sorted(vendors, key=lambda v: v.id):
        if vendor.role == "third_party":
            continue
        missing = [c for c in clauses if c.key not in vendor.contract_clauses]
        if missing:
            result.append(VendorClauses(vendor=vendor, missing=missing))
    return result

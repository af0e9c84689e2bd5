"""What a store holds against what the inventory declares about its system.

Each check takes the classified columns of one store and returns observations; none reads data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ccpa_readiness.evidence.common.models import Observation
from ccpa_readiness.evidence.datastores.models import Classification, ColumnInfo, DeclaredStore
from ccpa_readiness.evidence.datastores.names import is_birth_date_name, is_record_date_name

CARD_LABEL = "CREDIT_CARD"
SENSITIVE_CATEGORY = "sensitive_personal_information"


@dataclass(frozen=True)
class Found:
    """A classification of one column of one table."""

    table: str
    column: str
    classification: Classification

    @property
    def location(self) -> str:
        return f"{self.table}.{self.column}"

    @property
    def rows(self) -> dict[str, int]:
        """`rows`, and beside it the free-text rows left unscanned when there were any: `rows` is
        then a lower bound, and a reader must see that."""
        unscanned = self.classification.rows_unscanned
        return {"rows": self.classification.rows, **({"rows_unscanned": unscanned} if unscanned else {})}

    @property
    def readable(self) -> bool:
        """Values were seen in clear: they validated, or the detectors found them in text."""
        return self.classification.rows > 0 and (
            self.classification.free_text or self.classification.validated_share is not None
        )


def _system(declared: DeclaredStore | None) -> str:
    return "" if declared is None else declared.system_id


def cleartext_sensitive(source: str, found: list[Found], declared: DeclaredStore | None) -> list[Observation]:
    """Sensitive values read in clear from a system the inventory says is encrypted."""
    if declared is None or declared.encrypted is not True:
        return []
    return [
        Observation(
            kind="DATASTORE-CLEARTEXT-SENSITIVE",
            source=source,
            location=item.location,
            subject=item.classification.label,
            snippet=item.classification.example,
            attributes={
                "label": item.classification.label,
                "category": item.classification.category,
                "sensitive_kind": item.classification.sensitive_kind,
                **item.rows,
                "system": declared.system_id,
            },
        )
        for item in found
        if item.classification.sensitive_kind is not None and item.readable
    ]


def undeclared_categories(
    source: str, found: list[Found], declared: DeclaredStore | None
) -> list[Observation]:
    """Categories present in the store that the inventory does not list for its system; and
    kinds of sensitive personal information it does not list, under the category
    `sensitive_personal_information` (Civ. §1798.140(v)(1)(L)) with the kind in `sensitive_kind`."""
    if declared is None:
        return []
    where: dict[tuple[str, str | None], list[str]] = {}
    for item in found:
        category, kind = item.classification.category, item.classification.sensitive_kind
        if category not in declared.declared_categories:
            where.setdefault((category, None), []).append(item.location)
        if kind is not None and kind not in declared.declared_sensitive_kinds:
            where.setdefault((SENSITIVE_CATEGORY, kind), []).append(item.location)
    return [
        Observation(
            kind="DATASTORE-UNDECLARED-CATEGORY",
            source=source,
            location=locations[0],
            subject=category,
            attributes={
                "category": category,
                "sensitive_kind": kind,
                "system": declared.system_id,
                "columns": sorted(set(locations)),
            },
        )
        for (category, kind), locations in sorted(
            where.items(), key=lambda entry: (entry[0][0], entry[0][1] or "")
        )
    ]


def cards_outside_cde(source: str, found: list[Found], declared: DeclaredStore | None) -> list[Observation]:
    """Card numbers read in clear outside a declared cardholder-data system."""
    if declared is not None and declared.cardholder_data:
        return []
    return [
        Observation(
            kind="DATASTORE-CARD-OUTSIDE-CDE",
            source=source,
            location=item.location,
            subject=CARD_LABEL,
            snippet=item.classification.example,
            attributes={**item.rows, "system": _system(declared)},
        )
        for item in found
        if item.classification.label == CARD_LABEL and item.readable
    ]


def record_date_column(columns: list[ColumnInfo], births: frozenset[str] = frozenset()) -> str | None:
    """The column that dates a row: a date column named like `created_at`, else the first date
    column, else a text column named like one; never a date of birth (by name, or `births`: the
    columns whose values were found to be dates of birth)."""
    usable = [c for c in columns if not is_birth_date_name(c.name) and c.name not in births]
    named = [c for c in usable if is_record_date_name(c.name)]
    for group in (
        [c for c in named if c.kind == "date"],
        [c for c in usable if c.kind == "date"],
        [c for c in named if c.kind == "text"],
    ):
        if group:
            return group[0].name
    return None


def retention_exceeded(
    source: str,
    location: str,
    rows: int,
    oldest: dt.date | None,
    declared: DeclaredStore,
) -> list[Observation]:
    if rows == 0 or declared.retention_days is None:
        return []
    return [
        Observation(
            kind="DATASTORE-RETENTION-EXCEEDED",
            source=source,
            location=location,
            subject=declared.system_id,
            attributes={
                "rows": rows,
                "oldest": None if oldest is None else oldest.isoformat(),
                "retention_days": declared.retention_days,
                "system": declared.system_id,
            },
        )
    ]

"""What the scanner is given (a store and what the inventory declares about it) and what it finds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ColumnKind = Literal["text", "integer", "number", "date", "binary", "boolean", "other"]


class Declared(BaseModel):
    """Unknown fields are an error, not silently dropped: a misspelt declaration would otherwise
    make every category look undeclared."""

    model_config = ConfigDict(extra="forbid")


class DeclaredElement(Declared):
    """A data element the inventory says the system holds, with what the data map joins to it."""

    category: str
    sensitive_kind: str | None = None
    purposes: list[str] = Field(default_factory=list)
    vendors: list[str] = Field(default_factory=list, description="vendor ids it is disclosed to")
    collection_points: list[str] = Field(default_factory=list, description="channel ids it is collected on")


class DeclaredStore(Declared):
    """What the workspace declares about the system a store belongs to."""

    system_id: str
    system_name: str = ""
    encrypted: bool | None = None
    retention_days: int | None = Field(default=None, ge=0)
    cardholder_data: bool = False
    hosted_by: str | None = Field(default=None, description="vendor id hosting the system")
    elements: list[DeclaredElement] = Field(default_factory=list)

    @property
    def declared_categories(self) -> set[str]:
        return {element.category for element in self.elements}

    @property
    def declared_sensitive_kinds(self) -> set[str]:
        return {element.sensitive_kind for element in self.elements if element.sensitive_kind is not None}


class StoreTarget(Declared):
    """A store to scan: a database URL or a file path, and what is declared about it, if anything."""

    url: str
    declared: DeclaredStore | None = None


class ColumnInfo(BaseModel):
    name: str
    type_name: str
    kind: ColumnKind


class Classification(BaseModel):
    """A column's label with its CCPA keys; `validated_share` is None when no value was checked."""

    label: str
    category: str
    sensitive_kind: str | None
    confidence: float
    validated_share: float | None = None
    rows: int = Field(default=0, description="sampled values holding this label")
    example: str = Field(default="", description="a masked example value")
    free_text: bool = False
    rows_by_shape: int = Field(
        default=0,
        description="of `rows`, values counted by their shape alone, beyond the exact validator's budget",
    )
    rows_unscanned: int = Field(
        default=0, description="free-text rows beyond the budget of distinct texts, not scanned"
    )

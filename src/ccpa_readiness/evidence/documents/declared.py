"""What the workspace declares about the contact center, in the terms the consistency checks need."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class DeclaredPractices(BaseModel):
    """The declared practices a notice must agree with.

    `categories_collected` and the keys of `retention_days_by_category` are taxonomy keys
    (`catalog/data/taxonomy.yaml`); `languages` are ISO 639-1 codes such as `en`, `es`.
    """

    categories_collected: list[str] = Field(default_factory=list)
    records_calls: bool = False
    sells_or_shares: bool = False
    vendor_roles: list[str] = Field(default_factory=list)
    retention_days_by_category: dict[str, int] = Field(default_factory=dict)
    languages: list[str] = Field(default_factory=list)
    over_10m_consumers: bool = False
    today: date = Field(default_factory=date.today)

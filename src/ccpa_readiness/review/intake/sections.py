"""The intake's sections (sections.yaml): which file or part of ccpa.yaml, its model, its owners."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from ccpa_readiness.review.intake.schema import model_of
from ccpa_readiness.vocabulary import Department
from ccpa_readiness.workspace.loader import INVENTORY_MODELS, ORGANIZATION_FILE
from ccpa_readiness.workspace.models import OrganizationFile

SECTIONS_FILE = Path(__file__).parent / "sections.yaml"


class SectionEntry(BaseModel):
    key: str = Field(pattern=r"^[a-z_]+$")
    file: str
    part: str | None = None
    title: str
    owners: list[Department] = Field(min_length=1)


@dataclass(frozen=True)
class Section:
    key: str
    file: str  # relative to the workspace: ccpa.yaml or inventory/<name>.yaml
    part: str | None  # the top-level key of ccpa.yaml this section answers; None: the whole file
    title: str
    owners: tuple[str, ...]  # default owning departments (the store may hold an admin's assignment)
    model: type[BaseModel]

    @property
    def prefix(self) -> str:
        """The form names' prefix: the part of ccpa.yaml, or nothing for an inventory file."""
        return self.part or ""


def _model(entry: SectionEntry) -> type[BaseModel]:
    if entry.file == ORGANIZATION_FILE:
        if entry.part not in OrganizationFile.model_fields:
            raise ValueError(f"{SECTIONS_FILE}: section {entry.key}: ccpa.yaml has no part '{entry.part}'")
        return model_of(OrganizationFile.model_fields[entry.part].annotation)
    name = entry.file.removeprefix("inventory/")
    if name not in INVENTORY_MODELS or entry.part is not None:
        raise ValueError(f"{SECTIONS_FILE}: section {entry.key}: '{entry.file}' is no inventory file")
    return INVENTORY_MODELS[name]


@functools.cache
def sections() -> tuple[Section, ...]:
    raw = yaml.safe_load(SECTIONS_FILE.read_text(encoding="utf-8"))["sections"]
    entries = [SectionEntry.model_validate(item) for item in raw]
    return tuple(
        Section(e.key, e.file, e.part, e.title, tuple(d.value for d in e.owners), _model(e)) for e in entries
    )


def section(key: str) -> Section | None:
    return next((s for s in sections() if s.key == key), None)

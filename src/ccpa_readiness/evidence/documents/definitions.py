"""The analyser's data files (element definitions, kinds, check and practice vocabularies) as models."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, Field, model_validator

from ccpa_readiness.evidence.documents.model import DocumentKind
from ccpa_readiness.evidence.language import recogniser


class CheckKind(StrEnum):
    CUES = "cues"
    METHODS = "methods"
    TOLL_FREE = "toll_free"
    LAST_UPDATED = "last_updated"


class AppliesWhen(StrEnum):
    ALWAYS = "always"
    SELLS_OR_SHARES = "sells_or_shares"
    OVER_10M_CONSUMERS = "over_10m_consumers"
    RECORDS_CALLS = "records_calls"


class ElementDefinition(BaseModel):
    id: str
    kinds: list[DocumentKind]
    citation: str
    title: str
    check: CheckKind = CheckKind.CUES
    applies_when: AppliesWhen = AppliesWhen.ALWAYS
    headings: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    hints: list[str] = Field(default_factory=list)
    same_cues_as: str | None = None
    meaning: str | None = Field(
        default=None, description="a meaning of evidence/language/data/meanings.yaml that shows the element"
    )
    complete_when: str | None = Field(
        default=None,
        description="a meaning the document must also say for the element to be present, else it is partial",
    )
    partial_note: str = Field(default="", description="what is missing when the element is partial")


class ElementCatalog(BaseModel):
    cue_language: str = Field(description="ISO 639-1 code of the language the cues are written in")
    elements: list[ElementDefinition]

    @model_validator(mode="after")
    def _resolve_shared_cues(self) -> ElementCatalog:
        by_id = {element.id: element for element in self.elements}
        if len(by_id) != len(self.elements):
            raise ValueError("element ids must be unique")
        for element in self.elements:
            if element.same_cues_as is None:
                continue
            source = by_id.get(element.same_cues_as)
            if source is None or source.same_cues_as is not None:
                raise ValueError(f"{element.id}: same_cues_as must name an element with cues of its own")
            element.headings = element.headings or source.headings
            element.phrases = element.phrases or source.phrases
            element.hints = element.hints or source.hints
            element.meaning = element.meaning or source.meaning
        known = set(recogniser().meanings)
        for element in self.elements:
            for name in (element.meaning, element.complete_when):
                if name is not None and name not in known:
                    raise ValueError(f"{element.id}: unknown meaning {name!r}")
        return self

    def for_kind(self, kind: DocumentKind) -> list[ElementDefinition]:
        return [element for element in self.elements if kind in element.kinds]


class KindCues(BaseModel):
    kind: DocumentKind
    title: list[str]
    body: list[str]


class KindRules(BaseModel):
    fallback: DocumentKind
    kinds: list[KindCues]


class CheckVocabulary(BaseModel):
    request_context: list[str]
    request_methods: dict[str, list[str]]
    toll_free_number: str
    toll_free_words: str
    last_updated_cues: list[str]
    last_updated_window: int
    last_updated_max_months: int


class PracticeVocabulary(BaseModel):
    categories: dict[str, list[str]]
    recording: list[str]
    sale_share_vendor_roles: list[str]
    sells_or_shares: list[str]
    denies_selling_or_sharing: list[str]
    retention_cues: list[str]
    duration_units: dict[str, int]
    number_words: dict[str, int]
    retention_tolerance: float
    language_words: dict[str, list[str]]
    language_scripts: dict[str, str]


class PlainLanguageRules(BaseModel):
    hard_reading_ease: float
    min_section_words: int
    long_sentence_words: int
    max_quoted_sentences: int
    jargon: list[str]


def _load(name: str) -> Any:
    text = (
        resources.files("ccpa_readiness.evidence.documents")
        .joinpath("data")
        .joinpath(name)
        .read_text("utf-8")
    )
    return yaml.safe_load(text)


@cache
def element_catalog() -> ElementCatalog:
    return ElementCatalog.model_validate(_load("elements.yaml"))


@cache
def kind_rules() -> KindRules:
    return KindRules.model_validate(_load("kinds.yaml"))


@cache
def check_vocabulary() -> CheckVocabulary:
    return CheckVocabulary.model_validate(_load("checks.yaml"))


@cache
def practice_vocabulary() -> PracticeVocabulary:
    return PracticeVocabulary.model_validate(_load("practices.yaml"))


@cache
def plain_language_rules() -> PlainLanguageRules:
    return PlainLanguageRules.model_validate(_load("plain_language.yaml"))

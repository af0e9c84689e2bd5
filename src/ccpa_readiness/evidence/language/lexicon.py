"""The lexicon and the meanings as data (`data/lexicon.yaml`, `data/meanings.yaml`), validated."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, Field, field_validator, model_validator


class Scope(StrEnum):
    CLAUSE = "clause"
    SENTENCE = "sentence"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    ANY = "any"


class FrameSpec(BaseModel):
    """One way of saying a meaning: an act, the concepts that go with it, those that veto it."""

    act: list[str] = Field(min_length=1)
    with_: list[list[str]] = Field(default_factory=list, alias="with")
    without: list[str] = Field(default_factory=list)
    scope: Scope = Scope.CLAUSE
    polarity: Polarity = Polarity.POSITIVE

    @field_validator("with_", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> Any:
        return [item if isinstance(item, list) else [item] for item in value or []]

    def concepts(self) -> set[str]:
        return {*self.act, *(c for group in self.with_ for c in group), *self.without}


class LexiconData(BaseModel):
    irregular: dict[str, str]
    contractions: dict[str, list[str]]
    concepts: dict[str, list[str]]


class MeaningsData(BaseModel):
    meanings: dict[str, list[FrameSpec]]


class LanguageData(BaseModel):
    lexicon: LexiconData
    meanings: dict[str, list[FrameSpec]]

    @model_validator(mode="after")
    def _known_concepts(self) -> LanguageData:
        known = set(self.lexicon.concepts)
        for name, frames in self.meanings.items():
            unknown = sorted({c for frame in frames for c in frame.concepts()} - known)
            if unknown:
                raise ValueError(f"meaning {name!r} uses unknown concepts: {', '.join(unknown)}")
        return self


# libyaml's safe loader when PyYAML was built with it (the wheels are): the lexicon loads 10x faster
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(name: str) -> Any:
    path = resources.files("ccpa_readiness.evidence.language").joinpath("data").joinpath(name)
    return yaml.load(path.read_text("utf-8"), Loader=_LOADER)


@cache
def language_data() -> LanguageData:
    return LanguageData(
        lexicon=LexiconData.model_validate(_load("lexicon.yaml")),
        meanings=MeaningsData.model_validate(_load("meanings.yaml")).meanings,
    )


def lexicon_data() -> LexiconData:
    return language_data().lexicon

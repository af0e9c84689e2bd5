"""The lexicon and the meanings as data (`data/lexicon.yaml`, `data/meanings.yaml`), validated.

Plain records checked by hand rather than pydantic models: building the models took 0.15-0.2 CPU s
of every scan that reads meanings (importing pydantic and generating their schemas), more than
reading both files."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from ccpa_readiness.yamlfile import Loader


class Scope(StrEnum):
    CLAUSE = "clause"
    SENTENCE = "sentence"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    ANY = "any"


class LanguageDataError(ValueError):
    """A lexicon or meanings file that does not have the expected shape, with the place named."""


@dataclass(frozen=True, slots=True)
class FrameSpec:
    """One way of saying a meaning: an act, the concepts that go with it, those that veto it."""

    act: tuple[str, ...]
    with_: tuple[tuple[str, ...], ...] = ()
    without: tuple[str, ...] = ()
    scope: Scope = Scope.CLAUSE
    polarity: Polarity = Polarity.POSITIVE

    @classmethod
    def read(cls, raw: Any, where: str) -> FrameSpec:
        """A frame as written in `meanings.yaml`: `act`, `with` (each item a concept or a list of
        concepts), `without`, `scope`, `polarity`."""
        if not isinstance(raw, dict):
            raise LanguageDataError(f"{where}: a frame is a mapping, not {type(raw).__name__}")
        unknown = sorted(set(raw) - _FRAME_KEYS)
        if unknown:
            raise LanguageDataError(
                f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_FRAME_KEYS))})"
            )
        act = _names(raw.get("act"), f"{where}.act")
        if not act:
            raise LanguageDataError(f"{where}.act: at least one concept is needed")
        groups = raw.get("with") or []
        if not isinstance(groups, list):
            raise LanguageDataError(f"{where}.with: a list is needed, not {type(groups).__name__}")
        with_ = tuple(
            _names(item if isinstance(item, list) else [item], f"{where}.with[{index}]")
            for index, item in enumerate(groups)
        )
        return cls(
            act,
            with_,
            _names(raw.get("without") or [], f"{where}.without"),
            _choice(Scope, raw.get("scope", Scope.CLAUSE.value), f"{where}.scope"),
            _choice(Polarity, raw.get("polarity", Polarity.POSITIVE.value), f"{where}.polarity"),
        )

    def concepts(self) -> set[str]:
        return {*self.act, *(c for group in self.with_ for c in group), *self.without}


_FRAME_KEYS = frozenset({"act", "with", "without", "scope", "polarity"})


@dataclass(frozen=True, slots=True)
class LexiconData:
    irregular: dict[str, str]
    contractions: dict[str, list[str]]
    concepts: dict[str, list[str]]

    @classmethod
    def read(cls, raw: Any, where: str) -> LexiconData:
        raw = _mapping(raw, where)
        irregular = _mapping(raw.get("irregular"), f"{where}: irregular")
        for form, base in irregular.items():
            _name(form, f"{where}: irregular")
            _name(base, f"{where}: irregular.{form}")
        return cls(
            irregular,
            _lists(raw.get("contractions"), f"{where}: contractions"),
            _lists(raw.get("concepts"), f"{where}: concepts"),
        )


@dataclass(frozen=True, slots=True)
class LanguageData:
    lexicon: LexiconData
    meanings: dict[str, list[FrameSpec]]

    def __post_init__(self) -> None:
        known = set(self.lexicon.concepts)
        for name, frames in self.meanings.items():
            unknown = sorted({c for frame in frames for c in frame.concepts()} - known)
            if unknown:
                raise LanguageDataError(f"meaning {name!r} uses unknown concepts: {', '.join(unknown)}")


def read_meanings(raw: Any, where: str) -> dict[str, list[FrameSpec]]:
    """The `meanings:` of a meanings file: each a list of frames."""
    meanings = _mapping(_mapping(raw, where).get("meanings"), f"{where}: meanings")
    found: dict[str, list[FrameSpec]] = {}
    for name, frames in meanings.items():
        place = f"{where}: meanings.{_name(name, f'{where}: meanings')}"
        if not isinstance(frames, list):
            raise LanguageDataError(f"{place}: a list of frames is needed, not {type(frames).__name__}")
        found[name] = [FrameSpec.read(frame, f"{place}[{index}]") for index, frame in enumerate(frames)]
    return found


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LanguageDataError(f"{where}: a mapping is needed, not {type(value).__name__}")
    return value


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise LanguageDataError(f"{where}: a text is needed, not {value!r}")
    return value


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise LanguageDataError(f"{where}: a list of texts is needed, not {value!r}")
    return tuple(_name(item, f"{where}[{index}]") for index, item in enumerate(value))


def _lists(value: Any, where: str) -> dict[str, list[str]]:
    return {
        _name(key, where): list(_names(items, f"{where}.{key}"))
        for key, items in _mapping(value, where).items()
    }


_Choice = TypeVar("_Choice", bound=StrEnum)


def _choice(kind: type[_Choice], value: Any, where: str) -> _Choice:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise LanguageDataError(f"{where}: {value!r} is not one of {allowed}") from None


def _load(name: str) -> Any:
    path = resources.files("ccpa_readiness.evidence.language").joinpath("data").joinpath(name)
    return yaml.load(path.read_text("utf-8"), Loader=Loader)


@cache
def language_data() -> LanguageData:
    return LanguageData(
        LexiconData.read(_load("lexicon.yaml"), "lexicon.yaml"),
        read_meanings(_load("meanings.yaml"), "meanings.yaml"),
    )


def lexicon_data() -> LexiconData:
    return language_data().lexicon

"""Questions from the workspace's Pydantic models: each field's control, read from its type.

A field is asked by its type, so a field added to a model is asked without new form code:
a choice (Literal or Enum) is a select, a yes/no a set of radio buttons, a list of choices
checkboxes, a list of models items to add and remove, a nested model a group, a mapping with
choice keys one group per key. Every field that may be null offers "Unknown" as an answer (it is
written `null`); a field not answered is left out of the file. Both are unknown to the checks.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

SCALARS = {bool: "boolean", int: "integer", float: "number", dt.date: "date", str: "text"}


@dataclass(frozen=True)
class FieldType:
    """How a field is asked: its control `kind`, whether null is allowed, its choices or item model."""

    kind: str  # boolean integer number date text choice choices strings group items keyed
    nullable: bool = False
    choices: tuple[str, ...] = ()
    model: type[BaseModel] | None = None  # group, items, keyed: the inner model
    item_kind: str = "text"  # strings: the kind of each item (text or date)
    free_keys: bool = False  # keyed: any key (attestations) rather than a choice of keys


def model_of(annotation: Any) -> type[BaseModel]:
    """The model inside `Model | None`."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    raise TypeError(f"no model in {annotation!r}")


def choices_of(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(arg) for arg in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(str(member.value) for member in annotation)
    return ()


def field_type(annotation: Any) -> FieldType:
    nullable = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        nullable = len(inner) < len(typing.get_args(annotation))
        annotation = inner[0]
    choices = choices_of(annotation)
    if choices:
        return FieldType("choice", nullable, choices)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is list:
        item = args[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return FieldType("items", nullable, model=item)
        if choices_of(item):
            return FieldType("choices", nullable, choices_of(item))
        return FieldType("strings", nullable, item_kind=SCALARS.get(item, "text"))
    if origin is dict:
        key, value = args
        return FieldType("keyed", nullable, choices_of(key), model_of(value), free_keys=not choices_of(key))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldType("group", nullable, model=annotation)
    return FieldType(SCALARS.get(annotation, "text"), nullable)


def bounds(info: FieldInfo) -> dict[str, float]:
    """The field's ge/le/gt as min and max of a number input."""
    found: dict[str, float] = {}
    for meta in info.metadata:
        for attribute, name in (("ge", "min"), ("gt", "min"), ("le", "max"), ("lt", "max")):
            value = getattr(meta, attribute, None)
            if value is not None:
                found[name] = float(value)
    return found


def default_text(info: FieldInfo) -> str:
    """The default the loader assumes when the field is left out, in words ("" when required)."""
    if info.is_required():
        return ""
    value = info.get_default(call_default_factory=True)
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(getattr(v, "value", v)) for v in value) or "none"
    if isinstance(value, BaseModel | dict):
        return ""
    return str(getattr(value, "value", value))


def label_of(name: str) -> str:
    words = name.replace("_", " ")
    for short in ("pi", "spi", "ivr", "mfa", "qa", "ccr", "url", "usd", "id", "raci", "cppa", "ai"):
        words = " ".join(short.upper() if w == short else w for w in words.split(" "))
    return words[:1].upper() + words[1:]

"""A section's form: questions built from its model and the answers written so far, and the
answers read back from a submitted form.

Form names are the dotted paths of the workspace file (`channels.0.recorded`,
`organization.name`), so the loader's problems land at their field. Beside a field:
`<name>~unknown` (the "Unknown" box of a text, number or date), `<name>~count` (items of a list),
`<name>~complete` (a list declared complete), `<name>~keys` (the keys a free mapping had),
`<name>~absent` (a list the file does not write yet: left out while it stays empty).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from starlette.datastructures import FormData

from ccpa_readiness.review.intake.schema import FieldType, bounds, default_text, field_type, label_of
from ccpa_readiness.workspace.models import Listing
from ccpa_readiness.workspace.writer import ABSENT

UNKNOWN = "__unknown__"
ABSENT_MARK = "~absent"  # beside a list (or complete_lists) the file does not write
NEW_KEY = "~new"  # a free mapping's entry added in the form, before its key is given
MAX_ITEMS = 500

Explain = Callable[[type[BaseModel], str, str], tuple[list[str], list[tuple[str, str]]]]


class State:
    answered = "answered"
    unknown = "unknown"
    not_started = "not started"


@dataclass
class Question:
    """One field of the form, with its answer so far and what it decides."""

    name: str
    label: str
    type: FieldType
    required: bool
    default: str
    value: Any = ABSENT  # the answer: a value, None (unknown) or ABSENT (not answered)
    help: list[str] = field(default_factory=list)
    requirements: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    limits: dict[str, float] = field(default_factory=dict)
    children: list[Question] = field(default_factory=list)  # group fields; items/keyed: one group each
    key: str = ""  # keyed: this group's key
    alias: str = ""  # under a free mapping: the name by key (`attestations.APP-ROLE-01.status`)
    complete: bool | None = None  # items of a Listing: declared complete (None: not a Listing list)
    errors: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.type.kind

    @property
    def shown(self) -> str:
        """The answer as an input's text."""
        value = self.value
        if value is ABSENT or value is None:
            return ""
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    @property
    def is_unknown(self) -> bool:
        return self.value is None

    @property
    def is_absent(self) -> bool:
        return self.value is ABSENT

    @property
    def selected(self) -> list[str]:
        return [str(v) for v in self.value] if isinstance(self.value, list) else []

    def leaves(self) -> list[Question]:
        """The questions progress counts: answers, and for a Listing list whether it is complete."""
        if self.kind in ("group", "items", "keyed"):
            own = [self] if self.complete is not None else []
            return own + [leaf for child in self.children for leaf in child.leaves()]
        return [self]

    @property
    def state(self) -> str:
        if self.complete is not None:
            return State.answered if self.complete else State.unknown
        if self.value is ABSENT:
            return State.not_started
        return State.unknown if self.value is None else State.answered


def _join(prefix: str, name: str | int) -> str:
    return f"{prefix}.{name}" if prefix else str(name)


def _get(data: Any, key: str) -> Any:
    return data.get(key, ABSENT) if isinstance(data, Mapping) else ABSENT


def build(
    model: type[BaseModel], data: Any, prefix: str, explain: Explain, help_path: str = "", alias: str = ""
) -> list[Question]:
    """The questions of `model`'s fields, answered from `data` (plain data of the file part)."""
    questions = []
    for name, info in model.model_fields.items():
        if name == "complete_lists":
            continue
        kind = field_type(info.annotation)
        path = _join(prefix, name)
        help_key = _join(help_path, name)
        texts, requirements = explain(model, name, help_key)
        question = Question(
            name=path,
            label=label_of(name),
            type=kind,
            required=info.is_required(),
            default=default_text(info),
            value=_get(data, name),
            help=texts,
            requirements=requirements,
            limits=bounds(info),
            alias=_join(alias, name) if alias else "",
        )
        inner = kind.model
        if kind.kind == "group" and inner is not None:
            question.children = build(inner, question.value, path, explain, help_key, question.alias)
        elif kind.kind == "items" and inner is not None:
            items = question.value if isinstance(question.value, list) else []
            question.children = [
                _item(inner, item, _join(path, index), explain, help_key, f"{label_of(name)} {index + 1}")
                for index, item in enumerate(items)
            ]
            if issubclass(model, Listing):
                listed = _get(data, "complete_lists")
                question.complete = isinstance(listed, list) and name in listed
        elif kind.kind == "keyed" and inner is not None:
            mapping = question.value if isinstance(question.value, Mapping) else {}
            keys = (
                [k for k, v in mapping.items() if v is not ABSENT] if kind.free_keys else list(kind.choices)
            )
            question.key = "\n".join(str(k) for k in mapping if not str(k).startswith(NEW_KEY))
            question.children = [
                _item(
                    inner,
                    _get(mapping, key),
                    _join(path, index if kind.free_keys else key),
                    explain,
                    help_key,
                    str(key),
                    key="" if str(key).startswith(NEW_KEY) else str(key),
                    alias=_join(path, key) if kind.free_keys else "",
                )
                for index, key in enumerate(keys)
            ]
        questions.append(question)
    return questions


def _item(
    model: type[BaseModel],
    data: Any,
    path: str,
    explain: Explain,
    help_key: str,
    label: str,
    key: str = "",
    alias: str = "",
) -> Question:
    group = Question(
        name=path,
        label=label,
        type=FieldType("group", model=model),
        required=False,
        default="",
        key=key,
        value=data,
        alias=alias,
    )
    group.children = build(model, data, path, explain, help_key, alias)
    return group


def walk(questions: list[Question]) -> list[Question]:
    """Every question, depth first."""
    return [found for q in questions for found in (q, *walk(q.children))]


def attach(questions: list[Question], errors: Mapping[str, list[str]]) -> list[str]:
    """Put each error on the deepest question its path names; the rest (not at a field) returned."""
    names = {name: q for q in walk(questions) for name in (q.name, q.alias) if name}
    rest: list[str] = []
    for path, messages in errors.items():
        parts = path.split(".")
        target = next(
            (names[".".join(parts[:n])] for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in names),
            None,
        )
        if target is None:
            rest.extend(f"{path}: {m}" if path else m for m in messages)
        else:
            target.errors.extend(messages)
    return rest


# ---- reading a submitted form


@dataclass
class Reading:
    """Answers read from a form, and the inputs that could not be read (name -> message)."""

    errors: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> Any:
        self.errors.setdefault(name, []).append(message)
        return ABSENT


def _scalar(kind: str, raw: str, name: str, reading: Reading) -> Any:
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
        if kind == "date":
            return dt.date.fromisoformat(raw)
    except ValueError:
        expected = {"integer": "a whole number", "number": "a number", "date": "a date (YYYY-MM-DD)"}[kind]
        return reading.fail(name, f"'{raw}' is not {expected}")
    return raw


def read(model: type[BaseModel], form: FormData, prefix: str, reading: Reading) -> dict[str, Any]:
    """The answers to `model`'s questions under `prefix`, in the model's field order."""
    answers: dict[str, Any] = {}
    complete: list[str] = []
    for name, info in model.model_fields.items():
        if name == "complete_lists":
            continue
        path = _join(prefix, name)
        kind = field_type(info.annotation)
        answers[name] = _read_field(kind, path, form, reading)
        if kind.kind == "items" and form.get(f"{path}~complete") == "complete":
            complete.append(name)
    if issubclass(model, Listing):
        was_absent = form.get(f"{_join(prefix, 'complete_lists')}{ABSENT_MARK}") is not None
        answers["complete_lists"] = ABSENT if was_absent and not complete else complete
    return answers


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _read_field(kind: FieldType, path: str, form: FormData, reading: Reading) -> Any:
    raw = _text(form, path)
    unknown = form.get(f"{path}~unknown") is not None
    if kind.kind == "boolean":
        return {"true": True, "false": False, "unknown": None}.get(raw, ABSENT)
    if kind.kind == "choice":
        if raw == UNKNOWN:
            return None
        return raw if raw in kind.choices else ABSENT
    if kind.kind in ("integer", "number", "date", "text"):
        if raw:
            return _scalar(kind.kind, raw, path, reading)
        return None if unknown and kind.nullable else ABSENT
    if kind.kind == "choices":
        picked = {str(v) for v in form.getlist(path)}
        if unknown and not picked:
            return ABSENT
        return [choice for choice in kind.choices if choice in picked]
    if kind.kind == "strings":
        parts = [part.strip() for part in raw.replace("\n", ",").split(",") if part.strip()]
        if unknown and not parts:
            return ABSENT
        return [_scalar(kind.item_kind, part, path, reading) for part in parts]
    inner = kind.model
    assert inner is not None
    if kind.kind == "group":
        group = read(inner, form, path, reading)
        answered = any(value is not ABSENT for key, value in group.items() if key != "complete_lists")
        return group if answered or not kind.nullable else ABSENT
    if kind.kind == "items":
        count = _count(form, path)
        if count == 0 and form.get(f"{path}{ABSENT_MARK}") is not None:
            return ABSENT  # a list the file does not write, still without items
        return [read(inner, form, _join(path, index), reading) for index in range(count)]
    return _read_keyed(kind, inner, path, form, reading)


def _count(form: FormData, path: str) -> int:
    raw = _text(form, f"{path}~count")
    return min(int(raw), MAX_ITEMS) if raw.isdigit() else 0


def _read_keyed(
    kind: FieldType, inner: type[BaseModel], path: str, form: FormData, reading: Reading
) -> dict[str, Any]:
    """One group per key; a group left empty leaves its key out of the file."""
    result: dict[str, Any] = {}
    if kind.free_keys:
        before = [key for key in _text(form, f"{path}~keys").split("\n") if key]
        entries = [(_text(form, f"{path}.{i}~key"), _join(path, i)) for i in range(_count(form, path))]
        for key in before:
            result[key] = ABSENT
    else:
        entries = [(key, _join(path, key)) for key in kind.choices]
    for key, name in entries:
        group = read(inner, form, name, reading)
        empty = all(value is ABSENT for value in group.values())
        if not key:
            if not empty:
                reading.fail(f"{name}~key", "give this entry its key")
            continue
        result[key] = ABSENT if empty else group
    return result

"""Which workspace fields each requirement reads: traced from the registered checks themselves.

Every check and applies-when condition is run over probe workspaces (the `ccpa init` template,
and the same with every answer yes, then no, and one item of every kind in every list), and each
read of a workspace model's field is recorded against the check or condition that made it (or the
requirement being decided, or the applicability decision). A requirement reads a field when one of
its checks or conditions does, when its own decision does (an attestation), and, for the
requirements of area applicability, when deciding whether the CCPA applies does. So the list follows the
checks as they are written: a new check, or a check reading a new field, shows up without a hand
list. A field a check reads only for a value no probe has stays unlisted (the list may be short,
never wrong).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import threading
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ccpa_readiness.assess import applicability as applicability_module
from ccpa_readiness.assess import run
from ccpa_readiness.assess.registry import CHECKS, CONDITIONS
from ccpa_readiness.catalog.models import Area, Catalog
from ccpa_readiness.facts.models import Facts
from ccpa_readiness.workspace import models
from ccpa_readiness.workspace.loader import INVENTORY_MODELS, Workspace, load_workspace
from ccpa_readiness.workspace.template_files import TEMPLATE_DIR

FieldKey = tuple[str, str]  # (model class name, field name)
PROBE_DAY = dt.date(2027, 7, 1)

_reader: contextvars.ContextVar[str | None] = contextvars.ContextVar("deciding_reader", default=None)
_reads: contextvars.ContextVar[dict[str, set[FieldKey]] | None] = contextvars.ContextVar(
    "deciding_reads", default=None
)
_lock = threading.Lock()


def _traced_getattribute(self: BaseModel, name: str) -> Any:
    value = object.__getattribute__(self, name)
    reads, reader = _reads.get(), _reader.get()
    if reads is not None and reader is not None and name in type(self).model_fields:
        reads[reader].add((type(self).__name__, name))
    return value


def _attributed(reader: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        token = _reader.set(reader)
        try:
            return function(*args)
        finally:
            _reader.reset(token)

    return call


@contextmanager
def _tracing() -> Iterator[dict[str, set[FieldKey]]]:
    """Record field reads per check ("check:<id>") and condition ("condition:<name>") in this
    thread only, while the registries' functions are wrapped."""
    reads: dict[str, set[FieldKey]] = defaultdict(set)
    checks, conditions = dict(CHECKS), dict(CONDITIONS)
    decide, applicability = run.decide, applicability_module.decide_applicability
    original = models.Strict.__dict__.get("__getattribute__")
    token = _reads.set(reads)
    with _lock:
        try:
            CHECKS.update({key: _attributed(f"check:{key}", f) for key, f in checks.items()})
            CONDITIONS.update({key: _attributed(f"condition:{key}", f) for key, f in conditions.items()})
            run.decide = lambda requirement, context: _attributed(f"requirement:{requirement.id}", decide)(
                requirement, context
            )
            run.decide_applicability = _attributed("applicability", applicability)  # type: ignore[attr-defined]
            models.Strict.__getattribute__ = _traced_getattribute  # type: ignore[assignment,method-assign]
            yield reads
        finally:
            if original is None:
                del models.Strict.__getattribute__
            else:
                models.Strict.__getattribute__ = original  # type: ignore[method-assign]
            CHECKS.update(checks)
            run.decide, run.decide_applicability = decide, applicability  # type: ignore[attr-defined]
            CONDITIONS.update(conditions)
            _reads.reset(token)


def _probe_value(annotation: Any, info: FieldInfo | None, flag: bool, keys: list[str]) -> Any:
    """A value of the field's type: `flag` for a yes/no, every choice of a list of choices, one
    item of every kind for a list of models, "probe" for a string (and every id)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _probe_value(inner[0], info, flag, keys)
    if origin is typing.Literal:
        return args[0]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if origin is list:
        item = args[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return _probe_items(item, flag, keys)
        choices = _choices(item)
        return choices or [_probe_value(item, None, flag, keys)]
    if origin is dict:
        key, item = args
        return {k: _probe_value(item, None, flag, keys) for k in _choices(key) or keys}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _probe_model(annotation, flag, keys)
    if annotation is bool:
        return flag
    if annotation in (int, float):
        return 1 if info is None or not _at_most_one(info) else 0.5
    if annotation is dt.date:
        return (PROBE_DAY - dt.timedelta(days=400 if flag else 30)).isoformat()
    return "probe"


def _at_most_one(info: FieldInfo) -> bool:
    return any(getattr(meta, "le", None) == 1 for meta in info.metadata)


def _choices(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    return []


def _probe_model(model: type[BaseModel], flag: bool, keys: list[str]) -> dict[str, Any]:
    data = {
        name: _probe_value(info.annotation, info, flag, keys)
        for name, info in model.model_fields.items()
        if name != "complete_lists"
    }
    if "complete_lists" in model.model_fields:
        data["complete_lists"] = [
            n for n, info in model.model_fields.items() if typing.get_origin(info.annotation) is list
        ]
        data["complete_lists"].remove("complete_lists")
    return data


def _probe_items(model: type[BaseModel], flag: bool, keys: list[str]) -> list[dict[str, Any]]:
    """One item per choice of the item's `kind` (checks often look at one kind only)."""
    base = _probe_model(model, flag, keys)
    kind = model.model_fields.get("kind")
    kinds = _choices(kind.annotation) if kind is not None else []
    return [{**base, "kind": value} for value in kinds] if kinds else [base]


def _probe_workspaces(keys: list[str]) -> Iterator[Workspace]:
    template = load_workspace(TEMPLATE_DIR)
    yield template
    for flag in (True, False):
        inventory: dict[str, BaseModel] = {
            filename: model.model_validate(_probe_model(model, flag, keys))
            for filename, model in INVENTORY_MODELS.items()
        }
        organization = models.OrganizationFile.model_validate(
            _probe_model(models.OrganizationFile, flag, keys) | {"plan": None}
        )
        organization.organization.relationships = []
        yield Workspace(root=TEMPLATE_DIR, organization=organization, inventory=inventory, documents={})


def traced_reads(catalog: Catalog) -> dict[str, set[FieldKey]]:
    """Fields read by each check and condition over the probe workspaces."""
    with _tracing() as reads:
        for workspace in _probe_workspaces([r.id for r in catalog.requirements]):
            run.assess(Facts(workspace=workspace, as_of=PROBE_DAY), catalog)
    return {reader: set(fields) for reader, fields in reads.items()}


_found: dict[int, tuple[Catalog, dict[FieldKey, tuple[str, ...]]]] = {}


def _requirements_by_field(catalog: Catalog) -> dict[FieldKey, tuple[str, ...]]:
    """Traced once per catalog object (a few assessments of probe workspaces)."""
    cached = _found.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    reads = traced_reads(catalog)
    found: dict[FieldKey, set[str]] = defaultdict(set)
    for requirement in catalog.requirements:
        readers = [
            f"requirement:{requirement.id}",
            *(f"check:{c}" for c in requirement.checks),
            *(f"condition:{c}" for c in (*requirement.applies_when.all, *requirement.applies_when.any)),
            *(["applicability"] if requirement.area == Area.applicability else []),
        ]
        for reader in readers:
            for key in reads.get(reader, ()):
                found[key].add(requirement.id)
    result = {key: tuple(sorted(ids)) for key, ids in found.items()}
    _found[id(catalog)] = (catalog, result)
    return result


def requirements_reading(catalog: Catalog, model: type[BaseModel], field: str) -> tuple[str, ...]:
    """Ids of the requirements whose checks or applies-when conditions read `model.field`."""
    return _requirements_by_field(catalog).get((model.__name__, field), ())

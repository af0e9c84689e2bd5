"""Load YAML files keeping the line of every value, and validate them with Pydantic.

A leaf module (like `errors`): the workspace and the catalog both read YAML that people edit,
and both must say which file, line and field is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from ccpa_readiness.errors import InputError, Problem
from ccpa_readiness.evidence.common.guard import Limits, ReadError, decode_text, limits, read_bytes

if TYPE_CHECKING:  # pydantic is imported where a document is validated: the scans read YAML without it
    from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound="BaseModel")
LineIndex = dict[tuple[str | int, ...], int]

# libyaml's parser when PyYAML was built with it (its wheels are), the pure-Python one otherwise
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlDocument:
    """A parsed YAML document: its data and the 1-based line of every key path in it."""

    def __init__(self, path: Path, data: Any, lines: LineIndex) -> None:
        self.path = path
        self.data = data
        self.lines = lines

    def line_of(self, location: tuple[str | int, ...]) -> int:
        """The line of the deepest known part of `location` (a Pydantic error location)."""
        for depth in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:depth]))
            if line is not None:
                return line
        return 1


class _Builder:
    """Builds plain Python data from a composed node, recording the line of each key (or item),
    counting every value built so that aliases cannot expand beyond `limits.yaml_values`."""

    def __init__(self, loader: yaml.SafeLoader, bounds: Limits, unique_keys: bool) -> None:
        self.loader = loader
        self.bounds = bounds
        self.unique_keys = unique_keys
        self.lines: LineIndex = {}
        self.built = 0
        self.open: set[int] = set()  # the nodes being built: one met again is a recursive alias

    def build(self, node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        self.built += 1
        if self.built > self.bounds.yaml_values:
            raise _NodeError(
                node.start_mark.line + 1,
                f"aliases expand to more than {self.bounds.yaml_values:,} values "
                "(CCPA_LIMIT_YAML_VALUES): an alias bomb or a recursive alias?",
            )
        if len(path) > self.bounds.depth:
            raise _NodeError(node.start_mark.line + 1, _too_deep(self.bounds.depth))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise _NodeError(node.start_mark.line + 1, "a recursive alias (it contains itself)")
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        return self.loader.construct_object(node, deep=True)

    def _collection(self, node: yaml.CollectionNode, path: tuple[str | int, ...]) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _NodeError(key_node.start_mark.line + 1, "a key must be a plain value")
                key = self.loader.construct_object(key_node)
                if key in result and self.unique_keys:
                    raise _NodeError(key_node.start_mark.line + 1, f"key '{key}' appears twice")
                self.lines[(*path, key)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, (*path, key))
            return result
        return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]


class _NodeError(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def _too_deep(limit: int) -> str:
    return f"YAML nested more than {limit} levels (CCPA_LIMIT_DEPTH)"


def _line(mark: Any) -> int:
    """The 1-based line of a mark (libyaml's or PyYAML's), 1 when there is none."""
    return 1 if mark is None else int(mark.line) + 1


def _check_events(text: str, bounds: Limits) -> None:
    """Nesting and aliases from the parser's events, before any node is built."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > bounds.depth:
                raise _NodeError(_line(event.start_mark), _too_deep(bounds.depth))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > bounds.yaml_aliases:
                raise _NodeError(
                    _line(event.start_mark),
                    f"more than {bounds.yaml_aliases} aliases (CCPA_LIMIT_YAML_ALIASES)",
                )


def read_yaml(path: Path) -> YamlDocument:
    """Parse one YAML file; any problem becomes an `InputError` naming file and line."""
    source = str(path)
    bounds = limits()
    if not path.exists():
        raise InputError.single(source, "file not found")
    try:
        text = decode_text(read_bytes(path, bounds.yaml_bytes, "YAML file", "YAML_BYTES"))
    except ReadError as error:
        raise InputError.single(source, error.message) from None
    return parse_yaml(text, path, bounds)


def parse_yaml(text: str, path: Path, bounds: Limits | None = None, unique_keys: bool = True) -> YamlDocument:
    """Parse YAML text (of the file `path`) within the nesting, alias and expansion limits; a
    problem is an `InputError` naming file and line. `unique_keys=False` lets a later key win."""
    source = str(path)
    bounds = bounds or limits()
    loader = Loader(text)
    builder = _Builder(loader, bounds, unique_keys)
    try:
        _check_events(text, bounds)
        node = loader.get_single_node()
        data = None if node is None else builder.build(node, ())
    except _NodeError as error:
        raise InputError.single(source, str(error), str(error.line)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = str(mark.line + 1) if mark is not None else ""
        raise InputError.single(source, f"invalid YAML: {error.problem}", line) from None
    except yaml.YAMLError as error:
        raise InputError.single(source, f"invalid YAML: {error}") from None
    except RecursionError:
        raise InputError.single(source, _too_deep(bounds.depth)) from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, builder.lines)


def validation_problems(
    document: YamlDocument, error: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[Problem]:
    """One problem per Pydantic error, with the line and dotted field path inside `document`."""
    problems = []
    for detail in error.errors():
        location = (*prefix, *detail["loc"])
        field = ".".join(str(part) for part in location) or "(document)"
        message = detail["msg"]
        if detail["type"] == "extra_forbidden":
            message = "unknown key"
        problems.append(
            Problem(
                source=str(document.path),
                location=str(document.line_of(location)),
                message=f"{field}: {message}",
            )
        )
    return problems


def validate_document(document: YamlDocument, model: type[Model], data: Any = None) -> Model:
    """Validate a document (or a part of it) against `model`, raising `InputError` with lines."""
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data if data is None else data)
    except ValidationError as error:
        raise InputError(validation_problems(document, error)) from None

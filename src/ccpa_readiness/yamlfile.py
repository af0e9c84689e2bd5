"""Load YAML files keeping the line of every value, and validate them with Pydantic.

A leaf module (like `errors`): the workspace and the catalog both read YAML that people edit,
and both must say which file, line and field is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ccpa_readiness.errors import InputError, Problem

Model = TypeVar("Model", bound=BaseModel)
LineIndex = dict[tuple[str | int, ...], int]

MAX_YAML_BYTES = 5_000_000
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


def _construct(
    loader: yaml.SafeLoader, node: yaml.Node, path: tuple[str | int, ...], lines: LineIndex
) -> Any:
    """Build plain Python data from `node`, recording the line of each key (or item) in `lines`."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NodeError(key_node.start_mark.line + 1, "a key must be a plain value")
            key = loader.construct_object(key_node)
            if key in result:
                raise _NodeError(key_node.start_mark.line + 1, f"key '{key}' appears twice")
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _construct(loader, value_node, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, (*path, index), lines) for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class _NodeError(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(message)


def read_yaml(path: Path) -> YamlDocument:
    """Parse one YAML file; any problem becomes an `InputError` naming file and line."""
    source = str(path)
    if not path.is_file():
        raise InputError.single(source, "file not found")
    size = path.stat().st_size
    if size > MAX_YAML_BYTES:
        raise InputError.single(
            source, f"file is {size:,} bytes; YAML inputs are limited to {MAX_YAML_BYTES:,}"
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError.single(source, "binary file, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError.single(source, f"not UTF-8 text (byte {error.start})") from None
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = str(mark.line + 1) if mark is not None else ""
        raise InputError.single(source, f"invalid YAML: {error.problem}", line) from None
    except yaml.YAMLError as error:
        raise InputError.single(source, f"invalid YAML: {error}") from None
    lines: LineIndex = {}
    try:
        data = None if node is None else _construct(loader, node, (), lines)
    except _NodeError as error:
        raise InputError.single(source, str(error), str(error.line)) from None
    except yaml.YAMLError as error:
        raise InputError.single(source, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines)


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
    try:
        return model.model_validate(document.data if data is None else data)
    except ValidationError as error:
        raise InputError(validation_problems(document, error)) from None

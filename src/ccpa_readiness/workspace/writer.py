"""Write answers into a workspace's YAML files, keeping the comments and order of what is unchanged.

The review app's intake forms save through here; people may go on editing the same files by hand
and in git. `merge_yaml` changes only the keys it is given: a value equal to the one written stays
as written (its formatting and comment too), a new key goes after the keys that precede it in the
order it was given, `ABSENT` removes a key, and a line whose content is unchanged keeps its own
spacing. Items of a list are matched by their `id` (else by
position), so an item's comments stay with it when another item is removed.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

NEW_FILE_HEADER = "written by the review app's intake forms; edit by hand as well if you like\n"
_INDENTED_KEY = re.compile(r"^( +)[^\s#-][^:]*:")
_STR_TAG = "tag:yaml.org,2002:str"


class _Absent:
    """A key the answers leave out (not stated): removed from the file."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


def _yaml_for(text: str) -> YAML:
    """A round-trip emitter with the indentation the file already uses."""
    _data, sequence_indent, offset = load_yaml_guess_indent(text) if text.strip() else (None, 4, 2)
    mapping_indent = min(
        (len(m.group(1)) for m in map(_INDENTED_KEY.match, text.splitlines()) if m is not None), default=2
    )
    emitter = YAML(typ="rt")
    emitter.preserve_quotes = True
    emitter.width = 4096  # never re-wrap a long line
    sequence_indent = 4 if sequence_indent is None else sequence_indent
    offset = 2 if offset is None else offset
    emitter.indent(mapping=mapping_indent, sequence=max(sequence_indent, offset + 2), offset=offset)
    emitter.representer.add_representer(type(None), _null)
    return emitter


def _null(representer: Any, _value: None) -> Any:
    """`null` written out, as the template writes "not known" (ruamel's default leaves it empty)."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _scalar(value: Any) -> Any:
    """A new value as PyYAML (the loader) will read it back: a string it would take for a bool,
    a number, a date or null (`NO`, `1.0`, `2027-01-04`, `~`) is written quoted."""
    if isinstance(value, str):
        resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        return DoubleQuotedScalarString(value) if resolved != _STR_TAG or value != value.strip() else value
    return value


def _new(value: Any, flow: bool = False) -> Any:
    """Plain data as round-trip nodes (lists of scalars in flow style when `flow`)."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            if item is not ABSENT:
                mapping[key] = _new(item)
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq(_new(item) for item in value)
        if flow or all(not isinstance(item, Mapping | list) for item in value):
            sequence.fa.set_flow_style()
        return sequence
    return _scalar(value)


def _same(old: Any, new: Any) -> bool:
    """Equal as the loader reads them (so `0.5` written as `.5` stays as written)."""
    if isinstance(new, list | tuple):
        return isinstance(old, list) and len(old) == len(new) and all(map(_same, old, new))
    if isinstance(old, Mapping | list) or isinstance(new, Mapping):
        return False
    kinds_match = isinstance(old, bool) == isinstance(new, bool) and isinstance(old, str) == isinstance(
        new, str
    )
    return kinds_match and bool(old == new)


def _merge_map(target: CommentedMap, answers: Mapping[str, Any]) -> None:
    order = list(answers)
    for key, value in answers.items():
        if value is ABSENT:
            if key in target:
                del target[key]
            continue
        if key not in target:
            target.insert(_position(target, order, key), key, _new(value))
            continue
        current = target[key]
        if isinstance(value, Mapping) and isinstance(current, CommentedMap):
            _merge_map(current, value)
        elif isinstance(value, list) and isinstance(current, CommentedSeq):
            target[key] = _merge_seq(current, value)
        elif not _same(current, value):
            target[key] = _new(value)


def _position(target: CommentedMap, order: list[str], key: str) -> int:
    """Where a new key goes: after the last written key that precedes it in `order`, else before
    the first that follows it, else at the end."""
    keys, at = list(target), order.index(key)
    preceding = [index for index, existing in enumerate(keys) if existing in order[:at]]
    if preceding:
        return preceding[-1] + 1
    following = [index for index, existing in enumerate(keys) if existing in order[at + 1 :]]
    return following[0] if following else len(keys)


def _identity(item: Any, index: int) -> Any:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        return ("id", item["id"])
    return ("index", index)


def _merge_seq(current: CommentedSeq, answers: list[Any]) -> CommentedSeq:
    """The list `answers`, reusing `current`'s items (and their comments) where they match."""
    if _same(list(current), answers):
        return current
    if not any(isinstance(item, Mapping) for item in answers):
        replaced: CommentedSeq = _new(answers)
        if current.fa.flow_style() or not current:
            replaced.fa.set_flow_style()
        else:
            replaced.fa.set_block_style()
        return replaced
    existing = {_identity(item, index): index for index, item in enumerate(current)}
    wanted = [existing.get(_identity(item, index)) for index, item in enumerate(answers)]
    kept = [index for index in wanted if index is not None]
    if kept != sorted(kept):  # reordered: build anew, merging each matched item
        merged = CommentedSeq()
        for answer, index in zip(answers, wanted, strict=True):
            merged.append(_merged_item(current[index], answer) if index is not None else _new(answer))
        return merged
    for index in sorted(set(range(len(current))) - set(kept), reverse=True):
        del current[index]  # CommentedSeq moves the comments of the items after it
    for position, (answer, index) in enumerate(zip(answers, wanted, strict=True)):
        if index is None:
            current.insert(position, _new(answer))
        else:
            current[position] = _merged_item(current[position], answer)
    return current


def _merged_item(item: Any, answer: Any) -> Any:
    if isinstance(item, CommentedMap) and isinstance(answer, Mapping):
        _merge_map(item, answer)
        return item
    return item if _same(item, answer) else _new(answer)


def merge_yaml(text: str | None, answers: Mapping[str, Any]) -> str:
    """The YAML text `text` (None: a new file) with `answers` merged in (see the module's doc)."""
    source = text or ""
    emitter = _yaml_for(source)
    document = emitter.load(source) if source.strip() else None
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
        if not source.strip():
            document.yaml_set_start_comment(NEW_FILE_HEADER)
    _merge_map(document, answers)
    buffer = io.StringIO()
    emitter.dump(document, buffer)
    return _restore_spacing(source, buffer.getvalue())


def _spacing_free(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    return indent + " ".join(line.split())


def _restore_spacing(original: str, emitted: str) -> str:
    """`emitted` with each line that differs from an original line only in spacing inside it
    (ruamel does not keep `Legal:     {people: 1}` aligned) put back as it was written, if the
    result still reads the same."""
    old, new = original.splitlines(keepends=True), emitted.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(
        a=[_spacing_free(line) for line in old], b=[_spacing_free(line) for line in new], autojunk=False
    )
    restored = list(new)
    for start_old, start_new, size in matcher.get_matching_blocks():
        restored[start_new : start_new + size] = old[start_old : start_old + size]
    text = "".join(restored)
    return text if yaml.safe_load(text) == yaml.safe_load(emitted) else emitted


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader sees the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def leaf_values(data: Any, prefix: tuple[str | int, ...] = ()) -> dict[tuple[str | int, ...], Any]:
    """Every scalar (and list of scalars) in plain data by its key path, to say what changed."""
    if isinstance(data, Mapping):
        leaves: dict[tuple[str | int, ...], Any] = {}
        for key, value in data.items():
            leaves.update(leaf_values(value, (*prefix, str(key))))
        return leaves or ({prefix: {}} if prefix else {})
    if isinstance(data, list) and any(isinstance(item, Mapping | list) for item in data):
        leaves = {}
        for index, item in enumerate(data):
            leaves.update(leaf_values(item, (*prefix, index)))
        return leaves
    return {prefix: data}


def changes(
    before: Any, after: Any, keep: Sequence[tuple[str | int, ...]] = ()
) -> list[tuple[str, Any, Any]]:
    """(dotted field, old, new) for every leaf that differs between two plain documents; a leaf
    absent on one side is `ABSENT` there. `keep` limits the result to paths under those prefixes."""
    old, new = leaf_values(before or {}), leaf_values(after or {})
    found = []
    for path in sorted(set(old) | set(new), key=lambda p: tuple(str(part) for part in p)):
        if keep and not any(path[: len(prefix)] == tuple(prefix) for prefix in keep):
            continue
        was, now = old.get(path, ABSENT), new.get(path, ABSENT)
        if was != now or type(was) is not type(now):
            found.append((".".join(str(part) for part in path), was, now))
    return found

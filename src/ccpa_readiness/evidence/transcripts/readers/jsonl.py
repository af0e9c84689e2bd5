"""Canonical JSONL: `{"id", "text"}` or `{"id", "turns": [{"speaker", "text", "start"?}]}` a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

import orjson

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import Limits, Lines, ReadError, load_json, too_many_documents
from ccpa_readiness.evidence.transcripts.models import Document, TurnBuilder
from ccpa_readiness.evidence.transcripts.readers.speakers import text_document


def read(
    lines: Lines, source: str, bounds: Limits, first_line: int = 1, records_before: int = 0
) -> Iterator[Document | Problem]:
    """The records of `lines`, numbered from `first_line` (a part of a file: after the
    `records_before` records of the parts before it)."""
    records = records_before
    if records > bounds.documents:  # an earlier part reached the limit and said so
        return
    for number, line in enumerate(lines, start=first_line):
        if lines.too_long:
            yield from lines.problems(source)
        if not line or line.isspace():  # `not line.strip()`, without copying the line
            continue
        records += 1
        if ended := too_many_documents(records, bounds, source, number, "records"):
            yield ended
            return
        try:
            yield parse_record(decode_record(line, bounds), source, number)
        except (ReadError, ValueError, TypeError, KeyError) as error:
            yield Problem(source=source, location=f"line {number}", message=f"broken record skipped: {error}")


# orjson reads an integer literal past 64 bits as a float of at least this magnitude (`json` keeps it whole)
_BEYOND_INT64 = float(2**63)


def decode_record(line: str, bounds: Limits) -> Any:
    """`load_json(line, bounds)`, decoded by orjson (3x faster) where it gives the same value: what
    orjson refuses (NaN, infinities, lone surrogates, any error), a value nested deeper than the
    depth limit (that `load_json` refuses) and one with a float orjson may have made of a long
    integer go through `load_json`, with its own messages."""
    try:
        value = orjson.loads(line)
        if not _load_json_decides(value, bounds.depth):
            return value
    except (orjson.JSONDecodeError, RecursionError):
        pass
    return load_json(line, bounds)


def _load_json_decides(value: Any, depth_left: int) -> bool:
    """Whether a decoded value nests more arrays and objects than `depth_left` or holds a float of
    2**63 or more in magnitude (strings, most of a record, are passed over at once)."""
    kind = type(value)
    if kind is float:
        return bool(abs(value) >= _BEYOND_INT64)
    if kind is dict:
        value = value.values()
    elif kind is not list:
        return False
    if depth_left < 1:
        return True
    return any(_load_json_decides(item, depth_left - 1) for item in value if type(item) is not str)


def parse_record(record: Any, source: str, number: int) -> Document:
    if not isinstance(record, dict):
        raise TypeError("a record must be a JSON object")
    doc_id = str(record["id"]) if "id" in record else f"{source}:{number}"
    text = record.get("text")
    if isinstance(text, str):
        return text_document(doc_id, source, number, "jsonl", text, ("text",), record)
    turns = record.get("turns")
    if not isinstance(turns, list):
        raise KeyError("neither 'text' nor 'turns'")
    builder = TurnBuilder()
    for index, turn in enumerate(turns):
        if not isinstance(turn, dict) or not isinstance(turn.get("text"), str):
            raise TypeError(f"turn {index} has no 'text'")
        builder.add(str(turn.get("speaker", "UNKNOWN")), turn["text"], ("turns", index, "text"))
    return builder.document(doc_id, source, number, "jsonl", record)


def write(handle: IO[str], record: Any, first: bool) -> None:
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")

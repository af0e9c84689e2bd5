"""The one reader guard: the limits every reader applies, and the checks that enforce them.

Every reader of user input (workspace and catalog YAML, flow exports, transcripts, documents, data
store files, the review app's `findings.json`) reads through these functions, so one set of limits
bounds the memory and time any single input can cost. A limit that is reached is a `ReadError`
naming the place; the reader turns it into a `Problem` (skipped) or an `InputError` (exit 2).

The limits are set by environment variables (`CCPA_LIMIT_<NAME>`, e.g.
`CCPA_LIMIT_FILE_BYTES=200000000`); README "Limits on inputs" lists them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.errors import InputError, Problem

MB = 1_000_000
ENV_PREFIX = "CCPA_LIMIT_"
# the slack of the ratio check: the first bytes of any stream may expand freely
RATIO_SLACK_BYTES = 1 * MB
SQLITE_MAGIC = b"SQLite format 3\x00"
STREAM_BUFFER_BYTES = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one input may cost; each field is set by `CCPA_LIMIT_<FIELD NAME IN CAPITALS>`."""

    file_bytes: int = 50 * MB
    """bytes of a file read whole: a flow export, a document, a JSON file, a whole-file transcript"""
    yaml_bytes: int = 5 * MB
    """bytes of one YAML file (ccpa.yaml, inventory, catalog, Archy flow)"""
    decompressed_bytes: int = 200 * MB
    """bytes an archive (DOCX, XLSX) may expand to, all members together"""
    ratio: int = 100
    """how many times its compressed size an archive or gzip stream may expand to"""
    depth: int = 200
    """nesting levels of a JSON or YAML document"""
    yaml_aliases: int = 100
    """aliases (`*name`) in one YAML document"""
    yaml_values: int = 1_000_000
    """values one YAML document may expand to, aliases counted each time they are used"""
    record_bytes: int = 16 * MB
    """characters of one record: a JSONL line, a CSV row, a whole-file transcript"""
    document_chars: int = 2 * MB
    """characters of text in one policy, notice or script (its analysis takes seconds a megabyte)"""
    rows: int = 10_000_000
    """rows read from one table of a data-store file (CSV, XLSX, Parquet)"""
    documents: int = 1_000_000
    """documents in one file: transcript records, CSV rows, flows of one template"""


def limits(environ: dict[str, str] | None = None) -> Limits:
    """The limits in force: the defaults, each overridden by its environment variable."""
    env = os.environ if environ is None else environ
    values: dict[str, int] = {}
    for item in fields(Limits):
        name = ENV_PREFIX + item.name.upper()
        text = env.get(name)
        if text is None or not text.strip():
            continue
        try:
            value = int(text.replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise InputError.single(f"environment {name}", f"expected a positive whole number, got {text!r}")
        values[item.name] = value
    return Limits(**values)


class ReadError(Exception):
    """An input that breaks a limit or cannot be parsed; `location` is the place inside it."""

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location


def describe(error: BaseException) -> str:
    """One line for an unexpected failure of a third-party parser, without a traceback."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def unexpected(error: BaseException) -> str:
    """The words for a failure no check foresaw (a reader's bug, or a parser's): the input is
    skipped with this message; the fuzz tests count each one as a defect."""
    return f"{UNEXPECTED} {describe(error)}"


UNEXPECTED = "unexpected failure of the reader:"


# --- files -------------------------------------------------------------------------------------


def regular_file_size(path: Path) -> int:
    """The size of a regular file; a folder, FIFO, device or symbolic-link loop is a `ReadError`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError("file not found") from None
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or describe(error)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file (a folder, pipe or device)")
    return info.st_size


def read_bytes(path: Path, limit: int, what: str = "file", setting: str = "FILE_BYTES") -> bytes:
    """The whole file, at most `limit` bytes (checked before reading and while reading);
    `setting` names the limit's variable in the message."""
    size = regular_file_size(path)
    if size > limit:
        raise ReadError(f"{what} is {size:,} bytes; the limit is {limit:,} ({ENV_PREFIX}{setting})")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or describe(error)}") from None
    if len(data) > limit:
        raise ReadError(f"{what} grew past the limit of {limit:,} bytes while read")
    return data


def sniff(data: bytes) -> str:
    """What the content is, whatever the file is named: empty, gzip, zip, pdf, sqlite, text or binary."""
    head = data[:8192]
    if not data.strip():
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.lstrip()[:5].lower() == b"%pdf-":
        return "pdf"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    return "text" if looks_like_text(head) else "binary"


def check_sqlite_file(path: Path, allow_empty: bool = False) -> None:
    """A file about to be opened as a SQLite database is one (its header says so)."""
    regular_file_size(path)
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC or (allow_empty and not head):
        return
    raise ReadError(f"not a SQLite database (the content is {sniff(head) if head else 'empty'})")


def looks_like_text(head: bytes) -> bool:
    """No NUL byte, few control characters, and mostly valid UTF-8 (a cut last character allowed)."""
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if (byte < 32 and byte not in (9, 10, 12, 13)) or byte == 127)
    if controls * 100 > len(head):
        return False
    decoded = head.decode("utf-8", errors="replace")
    return decoded.count("\ufffd") * 20 <= max(len(decoded), 1)


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM dropped); binary content or invalid UTF-8 is a `ReadError`."""
    kind = sniff(data)
    if kind == "binary":
        raise ReadError("binary file, not a text file")
    if kind not in ("text", "empty"):
        raise ReadError(f"{kind} content, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None


# --- JSON ----------------------------------------------------------------------------------------


def nesting_depth(value: Any, limit: int) -> int:
    """The depth of nested lists and objects in `value`, counted without recursion up to `limit + 1`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def load_json(text: str | bytes, guard: Limits | None = None) -> Any:
    """Parse JSON, refusing documents nested deeper than the limit; errors carry line:column."""
    depth_limit = (guard or limits()).depth
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(f"invalid JSON: {error.msg}", f"{error.lineno}:{error.colno}") from None
    except RecursionError:
        raise ReadError(_too_deep(depth_limit, "JSON")) from None
    except (ValueError, TypeError) as error:  # bytes that are not UTF-8 or UTF-16
        raise ReadError(f"invalid JSON: {describe(error)}") from None
    if _brackets(text) > depth_limit and nesting_depth(value, depth_limit) > depth_limit:
        raise ReadError(_too_deep(depth_limit, "JSON"))
    return value


def _brackets(text: str | bytes) -> int:
    """How many arrays and objects a JSON text opens at most: fewer than the depth limit, and the
    document cannot be nested too deeply (a count in C, not a walk in Python)."""
    if isinstance(text, bytes):
        return text.count(b"[") + text.count(b"{")
    return text.count("[") + text.count("{")


def _too_deep(limit: int, what: str) -> str:
    return f"{what} nested more than {limit} levels (CCPA_LIMIT_DEPTH)"


def read_json_file(path: Path, guard: Limits | None = None) -> Any:
    """A JSON file read whole, through the size, text and depth checks."""
    bounds = guard or limits()
    return load_json(decode_text(read_bytes(path, bounds.file_bytes)), bounds)


# --- archives and compressed streams ------------------------------------------------------------------


def check_archive(source: Path | bytes, guard: Limits | None = None) -> None:
    """A ZIP package (DOCX, XLSX) whose members may be expanded: their declared sizes (which the
    zip reader enforces) are within the decompressed limit and ratio."""
    bounds = guard or limits()
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ReadError(f"not a readable ZIP package: {describe(error)}") from None
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    if total > bounds.decompressed_bytes:
        raise ReadError(
            f"the archive expands to {total:,} bytes; the limit is {bounds.decompressed_bytes:,} "
            "(CCPA_LIMIT_DECOMPRESSED_BYTES)"
        )
    if total > RATIO_SLACK_BYTES and total > bounds.ratio * max(packed, 1):
        raise ReadError(
            f"the archive expands {total // max(packed, 1):,} times its size; the limit is "
            f"{bounds.ratio} (CCPA_LIMIT_RATIO): a zip bomb?"
        )


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


class _RatioGuard(io.RawIOBase):
    """A gzip stream that stops once it has expanded more than `ratio` times what it read."""

    def __init__(self, path: Path, ratio: int) -> None:
        self.packed = _Counting(path.open("rb"))
        self.stream = gzip.GzipFile(fileobj=self.packed, mode="rb")
        self.ratio = ratio
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.stream.read(len(buffer))
        except (OSError, EOFError, zlib.error) as error:
            raise ReadError(f"broken gzip data: {describe(error)}") from None
        self.count += len(data)
        if self.count > RATIO_SLACK_BYTES + self.ratio * max(self.packed.count, 1):
            raise ReadError(
                f"gzip data expands more than {self.ratio} times (CCPA_LIMIT_RATIO): a gzip bomb?"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        self.packed.close()
        super().close()


def open_text(path: Path, guard: Limits | None = None) -> IO[str]:
    """A file as UTF-8 text, through a ratio-checked gzip stream when its content is gzip."""
    bounds = guard or limits()
    regular_file_size(path)
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        return io.TextIOWrapper(
            io.BufferedReader(_RatioGuard(path, bounds.ratio)), encoding="utf-8", newline=""
        )
    return path.open(encoding="utf-8", newline="")


def read_record(handle: IO[str], guard: Limits | None = None) -> str:
    """A stream read whole as one record (a whole-file transcript), at most `record_bytes` characters."""
    limit = (guard or limits()).record_bytes
    text = handle.read(limit + 1)
    if len(text) > limit:
        raise ReadError(f"the record is over {limit:,} characters (CCPA_LIMIT_RECORD_BYTES): skipped")
    return text


class Lines:
    """The lines of a text stream, each at most `record_bytes` characters: a longer line is read
    through without being kept, given as an empty line, and its number noted in `too_long`."""

    def __init__(self, handle: IO[str], guard: Limits | None = None) -> None:
        self.handle = handle
        self.limit = (guard or limits()).record_bytes
        self.number = 0
        self.too_long: list[int] = []

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self.handle.readline(self.limit + 1)
            if not line:
                return
            self.number += 1
            if len(line) > self.limit and not line.endswith("\n"):
                while (rest := self.handle.readline(self.limit)) and not rest.endswith("\n"):
                    pass
                self.too_long.append(self.number)
                yield "\n"
            else:
                yield line

    def problems(self, source: str) -> list[Problem]:
        """A problem for each line over the limit seen since the last call."""
        found, self.too_long = self.too_long, []
        message = f"line over {self.limit:,} characters (CCPA_LIMIT_RECORD_BYTES) skipped"
        return [Problem(source=source, location=f"line {number}", message=message) for number in found]


def too_many_documents(count: int, bounds: Limits, source: str, line: int, what: str) -> Problem | None:
    """The problem that ends the reading of a file once its `count`-th document passes the limit."""
    if count <= bounds.documents:
        return None
    message = f"more than {bounds.documents:,} {what} (CCPA_LIMIT_DOCUMENTS): the rest skipped"
    return Problem(source=source, location=f"line {line}", message=message)


def csv_field_limit(guard: Limits | None = None) -> None:
    """The csv module's field limit (process-wide) set to the record limit."""
    csv.field_size_limit((guard or limits()).record_bytes)

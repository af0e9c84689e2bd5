"""Byte ranges of a line-format file (JSONL), so that one large file is read by several workers.

A part begins right after a `\\n` (a record boundary) and ends before the next part begins. Its
records are numbered as in the whole file: `split` gives each part the `Offsets` of the lines and
records before it, counted once while planning with bytes operations (about 1 GB/s), so no part
waits for another. Where bytes cannot tell what the text reader would see (a lone `\\r`, which
it takes as a line break, or a line near the record limit), the range is counted by `count_through`,
the reader's own `Lines`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.evidence.common.guard import Limits, Lines, limits

BOUNDARY_BLOCK = 1 << 16
COUNT_BLOCK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
# a line that begins with a visible ASCII character is a record; one that begins with another
# byte is a record when it holds more than white space, which bytes tell but for \x1c-\x1f and
# non-ASCII characters (white space to str.strip)
_VISIBLE = frozenset(bytes([byte]) for byte in range(0x21, 0x7F))
_MAYBE_SPACE = [0x1C <= byte <= 0x1F or byte >= 0x80 for byte in range(256)]


@dataclass(frozen=True, slots=True)
class Offsets:
    """Lines and non-blank lines (records) of the file before a part."""

    lines: int = 0
    records: int = 0


START = Offsets()


@dataclass(frozen=True, slots=True)
class FilePart:
    """Bytes `[start, end)` of a file (`end` None: to its end); `index` counts the file's parts;
    `before`: the lines and records of the parts before it."""

    start: int
    end: int | None
    index: int
    final: bool
    before: Offsets = START


def split(path: Path, size: int, target: int, bounds: Limits | None = None) -> list[FilePart]:
    """The file cut into parts of about `target` bytes, each cut right after a line break, each
    with the offsets of the lines and records before it (`bounds`: the record limit the reader
    applies, by which a line too long counts as a line but not a record)."""
    bounds = bounds or limits()
    parts: list[FilePart] = []
    start, before = 0, START
    with path.open("rb") as handle:
        while start + target < size:
            cut = _next_line_start(handle, start + target)
            if cut is None or cut >= size:
                break
            parts.append(FilePart(start, cut, len(parts), False, before))
            before = _counted(handle, path, parts[-1], bounds)
            start = cut
    parts.append(FilePart(start, None, len(parts), True, before))
    return parts


def _counted(handle: IO[bytes], path: Path, part: FilePart, bounds: Limits) -> Offsets:
    """The offsets after `part` (which ends right after a `\\n`), read in blocks of whole lines."""
    assert part.end is not None
    handle.seek(part.start)
    left, carry = part.end - part.start, b""
    lines = records = 0
    while left > 0:
        block = handle.read(min(COUNT_BLOCK, left))
        if not block:
            break
        left -= len(block)
        data = carry + block
        whole = data.rfind(b"\n") + 1
        counted = _count_lines(data[:whole], bounds.record_bytes) if whole else None
        if counted is None and (whole or len(data) >= bounds.record_bytes):
            return count_through(path, part, part.before, bounds)  # the reader's own way
        if counted is not None:
            lines, records = lines + counted[0], records + counted[1]
        carry = data[whole:]
    return Offsets(part.before.lines + lines, part.before.records + records)


def _count_lines(data: bytes, limit: int) -> tuple[int, int] | None:
    """Lines and records of whole lines as the text reader counts them, or None where bytes cannot
    tell: a `\\r` not in `\\r\\n` (a line break to the reader), a line that may pass `limit`."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None
    lines = data.split(b"\n")
    lines.pop()  # after the last line break
    if len(data) >= limit and max(map(len, lines)) >= limit:
        return None
    records = 0
    for line in lines:
        if line[:1] in _VISIBLE:
            records += 1
            continue
        stripped = line.strip()  # ASCII white space only: str.strip also takes \x1c-\x1f and more
        if not stripped or (_MAYBE_SPACE[stripped[0]] and not line.decode("utf-8", "replace").strip()):
            continue
        records += 1
    return len(lines), records


def _next_line_start(handle: IO[bytes], at: int) -> int | None:
    """The first offset >= `at` that follows a `\\n`, or None when the file ends first."""
    handle.seek(at - 1)
    position = at - 1
    while block := handle.read(BOUNDARY_BLOCK):
        found = block.find(b"\n")
        if found >= 0:
            return position + found + 1
        position += len(block)
    return None


class _Window(io.RawIOBase):
    """A binary file seen from `start` up to `end` only."""

    def __init__(self, path: Path, start: int, end: int | None) -> None:
        self.raw = path.open("rb")
        self.raw.seek(start)
        self.left = None if end is None else end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = len(buffer) if self.left is None else min(len(buffer), self.left)
        data = self.raw.read(wanted)
        buffer[: len(data)] = data
        if self.left is not None:
            self.left -= len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_part(path: Path, part: FilePart, errors: str = "strict") -> IO[str]:
    """The part as UTF-8 text, decoded as the whole file would be (it starts on a line boundary)."""
    window = io.BufferedReader(_Window(path, part.start, part.end))
    return io.TextIOWrapper(window, encoding="utf-8", errors=errors, newline="")


def count_through(path: Path, part: FilePart, before: Offsets, bounds: Limits | None = None) -> Offsets:
    """The offsets after `part`: its lines and records added to those before it (a part that
    cannot be read counts nothing; its reader reports it)."""
    lines_read = records = 0
    try:
        with open_part(path, part, errors="replace") as handle:
            for line in Lines(handle, bounds or limits()):
                lines_read += 1
                if line.strip():
                    records += 1
    except OSError:
        pass
    return Offsets(before.lines + lines_read, before.records + records)

"""Byte ranges of a line-format file (JSONL), so that one large file is read by several workers.

A part begins right after a `\\n` (a record boundary) and ends before the next part begins. Its
records are numbered as in the whole file: `Offsets` says how many lines and records come before
it, counted by `count_through` over the parts before (the same `Lines` reading the reader does).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.evidence.common.guard import Limits, Lines, limits

BOUNDARY_BLOCK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class FilePart:
    """Bytes `[start, end)` of a file (`end` None: to its end); `index` counts the file's parts."""

    start: int
    end: int | None
    index: int
    final: bool


@dataclass(frozen=True, slots=True)
class Offsets:
    """Lines and non-blank lines (records) of the file before a part."""

    lines: int = 0
    records: int = 0


START = Offsets()


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def split(path: Path, size: int, target: int) -> list[FilePart]:
    """The file cut into parts of about `target` bytes, each cut right after a line break."""
    cuts: list[int] = []
    with path.open("rb") as handle:
        tentative = target
        while tentative < size:
            cut = _next_line_start(handle, tentative)
            if cut is None or cut >= size:
                break
            cuts.append(cut)
            tentative = cut + target
    starts = [0, *cuts]
    ends: list[int | None] = [*cuts, None]
    last = len(starts) - 1
    return [FilePart(s, e, i, i == last) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]


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

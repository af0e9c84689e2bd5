"""Transcript readers: files, folders and globs, any of them gzipped, streamed a record at a time.

Formats by file name: `.jsonl`/`.ndjson` canonical records, `.txt` `SPEAKER: text` lines, `.json`
AWS Transcribe or Contact Lens output, `.vtt`, `.srt`, `.csv` (`text_column`); `.gz` of any.
A broken record yields a `Problem` (file and line) and reading goes on.
"""

from __future__ import annotations

import glob
import gzip
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common import guard
from ccpa_readiness.evidence.common.guard import (
    Limits,
    Lines,
    ReadError,
    describe,
    limits,
    read_record,
    unexpected,
)
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import aws, csvfile, jsonl, plaintext, subtitles
from ccpa_readiness.evidence.transcripts.readers.parts import START, FilePart, Offsets, open_part

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".json": "json",
    ".vtt": "vtt",
    ".srt": "srt",
    ".csv": "csv",
}
# each writes one (redacted) raw record; `first`: the first of its file
WRITERS: dict[str, Callable[[IO[str], Any, bool], None]] = {
    "jsonl": jsonl.write,
    "text": plaintext.write,
    "transcribe": aws.write,
    "contact_lens": aws.write,
    "vtt": subtitles.write,
    "srt": subtitles.write,
    "csv": csvfile.write,
}


def format_of(path: Path) -> str | None:
    return _suffix_format(path.name)


def _suffix_format(name: str) -> str | None:
    """The format a file name says by its suffixes (as `Path.suffixes` splits them), a last `.gz`
    set aside."""
    if name.endswith("."):
        return None
    suffixes = name.lstrip(".").lower().split(".")[1:]
    if suffixes and suffixes[-1] == "gz":
        suffixes.pop()
    return FORMATS.get("." + suffixes[-1]) if suffixes else None


def expand(paths: Sequence[Path | str]) -> Iterator[Path | Problem]:
    """Files named, found under folders (recursively), or matched by globs; sorted as paths sort,
    each once."""
    seen: set[Path] = set()
    for given in paths:
        text = str(given)
        if Path(text).is_dir():
            found = _transcripts_under(Path(text))
        elif Path(text).is_file():
            found = [Path(text)]
        else:
            found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not found:
                yield Problem(source=text, message="no such file, folder or glob match")
        for path in found:
            if path not in seen:
                seen.add(path)
                yield path


def _transcripts_under(folder: Path) -> list[Path]:
    """The files of a transcript format under `folder` and its subfolders, as `Path.rglob("*")`
    finds them (a symbolic link to a file counts, one to a folder is not followed, a folder that
    cannot be listed is skipped), sorted as paths sort, from the folder listings alone and as
    strings: `rglob`, `Path.is_file` and sorting `Path` objects took 14 µs a file (0.29 s for
    20,000 files)."""
    found: list[str] = []
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = list(entries)
        except (PermissionError, FileNotFoundError, NotADirectoryError):
            continue
        for entry in listed:
            if _is(entry.is_dir, follow_symlinks=False):
                folders.append(entry.path)
            elif _suffix_format(entry.name) and _is(entry.is_file):
                found.append(entry.path)
    # the order of `Path` objects: by their parts, case-folded where the system folds case
    found.sort(key=lambda path: os.path.normcase(path).split(os.sep))
    return [Path(path) for path in found]


def _is(question: Callable[..., bool], **options: bool) -> bool:
    """A folder entry's answer (`is_dir`, `is_file`); an entry that cannot be looked at is neither."""
    try:
        return question(**options)
    except OSError:
        return False


def open_text(path: Path, mode: str = "w") -> IO[str]:
    """Open for writing as UTF-8 text, through gzip when the name ends `.gz` (reading goes through
    the reader guard's `open_text`, which checks gzip content by its ratio)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    return path.open(mode, encoding="utf-8", newline="")


def read_file(
    path: Path,
    text_column: str = "text",
    *,
    source: str | None = None,
    part: FilePart | None = None,
    before: Offsets = START,
) -> Iterator[Document | Problem]:
    """The documents of one file, within the reader limits; a broken record or a limit reached is a
    `Problem` (file and line) and the documents read before it are kept. An empty file is a problem.
    `source` names the file in documents and problems (default: `path`); `part` reads one byte range
    of a JSONL file, numbered after the lines and records `before` it."""
    fmt = format_of(path)
    source = str(path) if source is None else source
    if fmt is None:
        yield Problem(source=source, message="unknown transcript format (by file name): skipped")
        return
    bounds = limits()
    read_any = False
    try:
        with _open(path, part, bounds) as handle:
            for item in _read_format(fmt, handle, source, text_column, bounds, before):
                read_any = True
                yield item
    except ReadError as error:
        read_any = True
        yield Problem(source=source, location=error.location, message=f"skipped: {error.message}")
    except (OSError, UnicodeDecodeError, EOFError) as error:
        read_any = True
        yield Problem(source=source, message=f"unreadable, skipped: {describe(error)}")
    except Exception as error:  # a reader's unforeseen failure costs this file only
        read_any = True
        yield Problem(source=source, message=f"skipped: {unexpected(error)}")
    if not read_any and (part is None or (part.final and not before.records)):
        yield Problem(source=source, message="empty file: no transcript in it")


def _open(path: Path, part: FilePart | None, bounds: Limits) -> IO[str]:
    if part is None:
        return guard.open_text(path, bounds)
    guard.regular_file_size(path)
    return open_part(path, part)


def _read_format(
    fmt: str, handle: IO[str], source: str, text_column: str, bounds: Limits, before: Offsets
) -> Iterator[Document | Problem]:
    if fmt == "jsonl":
        numbered = Lines(handle, bounds)
        numbered.number = before.lines
        yield from jsonl.read(numbered, source, bounds, before.lines + 1, before.records)
        return
    if fmt == "csv":
        yield from csvfile.read(Lines(handle, bounds), source, text_column, bounds)
        return
    text = read_record(handle, bounds)  # the formats of one conversation a file
    if not text.strip():
        return
    lines = text.splitlines(keepends=True)
    if fmt == "text":
        yield from plaintext.read(lines, source)
    elif fmt == "json":
        yield from aws.read(lines, source, bounds)
    else:
        yield from subtitles.read(lines, source, fmt)


def read_paths(paths: Sequence[Path | str], text_column: str = "text") -> Iterator[Document | Problem]:
    """Every document of every input, in order; problems in between."""
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, text_column)

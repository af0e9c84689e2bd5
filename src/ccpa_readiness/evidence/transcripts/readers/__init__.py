"""Transcript readers: files, folders and globs, any of them gzipped, streamed a record at a time.

Formats by file name: `.jsonl`/`.ndjson` canonical records, `.txt` `SPEAKER: text` lines, `.json`
AWS Transcribe or Contact Lens output, `.vtt`, `.srt`, `.csv` (`text_column`); `.gz` of any.
A broken record yields a `Problem` (file and line) and reading goes on.
"""

from __future__ import annotations

import glob
import gzip
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.readers import aws, csvfile, jsonl, plaintext, subtitles

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
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return FORMATS.get(suffixes[-1]) if suffixes else None


def expand(paths: Sequence[Path | str]) -> Iterator[Path | Problem]:
    """Files named, found under folders (recursively), or matched by globs; sorted, each once."""
    seen: set[Path] = set()
    for given in paths:
        text = str(given)
        if Path(text).is_dir():
            found = sorted(p for p in Path(text).rglob("*") if p.is_file() and format_of(p))
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


def open_text(path: Path, mode: str = "r") -> IO[str]:
    """Open for reading (`r`) or writing (`w`) as UTF-8 text, through gzip when the name ends `.gz`."""
    if path.suffix.lower() == ".gz" and mode == "w":
        return gzip.open(path, "wt", encoding="utf-8", newline="")
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open(mode, encoding="utf-8", newline="")


def read_file(path: Path, text_column: str = "text") -> Iterator[Document | Problem]:
    fmt = format_of(path)
    source = str(path)
    if fmt is None:
        yield Problem(source=source, message="unknown transcript format (by file name): skipped")
        return
    try:
        with open_text(path) as handle:
            if fmt == "jsonl":
                yield from jsonl.read(handle, source)
            elif fmt == "text":
                yield from plaintext.read(handle, source)
            elif fmt == "json":
                yield from aws.read(handle, source)
            elif fmt == "csv":
                yield from csvfile.read(handle, source, text_column)
            else:
                yield from subtitles.read(handle, source, fmt)
    except (OSError, UnicodeDecodeError, EOFError) as error:
        yield Problem(source=source, message=f"unreadable, skipped: {error}")


def read_paths(paths: Sequence[Path | str], text_column: str = "text") -> Iterator[Document | Problem]:
    """Every document of every input, in order; problems in between."""
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item, text_column)

"""Evidence uploaded from the browser into `DIR/evidence/<kind>/`: the file's name made safe, its
size bounded, its content sniffed against its kind and name, executable content refused, an
optional virus scan, then moved into place.

Nothing uploaded is ever served back to a browser: the scanners read it as evidence, nothing else.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import subprocess
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ccpa_readiness.evidence.common.guard import ReadError, check_archive, describe, load_json, sniff

INCOMING = Path(".ccpa") / "incoming"  # uploads wait here for their checks, outside evidence/
MAX_NAME_CHARS = 120
VIRUS_SCAN_SECONDS = 120
GZIP_PROBE_BYTES = 64 * 1024
TEXT = "text"


@dataclass(frozen=True)
class EvidenceKind:
    """An evidence folder the upload fills: which names it takes and what their content must be."""

    folder: str
    label: str
    contents: dict[str, str]  # file suffix -> the sniffed content it must have


# The folders the pipeline scans (workspace.loader.EVIDENCE_KINDS) for the artifacts that are
# uploaded: flow exports, transcripts, policies and notices, agent scripts.
_DOCUMENTS = {
    ".html": TEXT,
    ".htm": TEXT,
    ".md": TEXT,
    ".markdown": TEXT,
    ".txt": TEXT,
    ".pdf": "pdf",
    ".docx": "zip",
}
_TRANSCRIPTS = {
    ".jsonl": TEXT,
    ".ndjson": TEXT,
    ".json": TEXT,
    ".txt": TEXT,
    ".vtt": TEXT,
    ".srt": TEXT,
    ".csv": TEXT,
}
KINDS: dict[str, EvidenceKind] = {
    "flows": EvidenceKind("flows", "Call-flow exports", {".json": TEXT, ".yaml": TEXT, ".yml": TEXT}),
    "transcripts": EvidenceKind(
        "transcripts", "Transcripts", {**_TRANSCRIPTS, **{s + ".gz": "gzip" for s in _TRANSCRIPTS}}
    ),
    "notices": EvidenceKind("notices", "Privacy policies and notices", _DOCUMENTS),
    "scripts": EvidenceKind("scripts", "Agent scripts", _DOCUMENTS),
}

# The first bytes of programs: Windows PE, ELF, Mach-O (both orders, fat), Java class, WebAssembly
_PROGRAM_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"\x00asm",
)
# PDF actions that run code or open other files, and files embedded in a PDF
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


class UploadRefused(Exception):
    """An upload that is not stored; the message says why."""


@dataclass(frozen=True)
class Stored:
    path: Path  # inside the workspace
    sha256: str
    size: int
    created: bool  # False: the same content was already there under that name


def safe_name(filename: str) -> str:
    """The file's own name (any folder part dropped) in letters, digits, `.`, `-` and `_` only."""
    base = re.split(r"[/\\]", filename)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name)
    cleaned = re.sub(r"\.{2,}", ".", cleaned).strip(".-_ ")
    if len(cleaned) > MAX_NAME_CHARS:
        stem, dot, suffix = cleaned.rpartition(".")
        keep = MAX_NAME_CHARS - len(suffix) - 1
        cleaned = f"{stem[:keep]}.{suffix}" if dot and keep > 0 else cleaned[:MAX_NAME_CHARS]
    return cleaned


def suffix_of(name: str, kind: EvidenceKind) -> str | None:
    """The longest suffix of `name` the kind takes (`.jsonl.gz` before `.gz`), or None."""
    lowered = name.lower()
    matches = [suffix for suffix in kind.contents if lowered.endswith(suffix) and len(lowered) > len(suffix)]
    return max(matches, key=len) if matches else None


def check_content(data: bytes, name: str, kind: EvidenceKind) -> None:
    """The content is what the kind and the file's suffix say, and holds nothing executable."""
    suffix = suffix_of(name, kind)
    if suffix is None:
        raise UploadRefused(f"{kind.label} are {', '.join(sorted(kind.contents))} files, not {name!r}")
    if data.startswith(_PROGRAM_MAGIC) or data.startswith(b"#!"):
        raise UploadRefused(f"{name}: executable content (a program or script), not evidence")
    found = sniff(data)
    expected = kind.contents[suffix]
    if found != expected:
        raise UploadRefused(f"{name}: named {suffix} but the content is {found}, not {expected}")
    if expected == "gzip":
        _check_gzip_text(data, name)
    elif expected == "zip":
        _check_docx(data, name)
    elif expected == "pdf" and _PDF_ACTIVE.search(data):
        raise UploadRefused(f"{name}: the PDF carries scripts, launch actions or embedded files")
    elif expected == TEXT:
        _check_text(data, name, suffix)


def _check_text(data: bytes, name: str, suffix: str) -> None:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadRefused(f"{name}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    if suffix == ".json":
        try:
            load_json(data)
        except ReadError as error:
            where = f" at {error.location}" if error.location else ""
            raise UploadRefused(f"{name}: {error.message}{where}") from None


def _check_gzip_text(data: bytes, name: str) -> None:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            head = stream.read(GZIP_PROBE_BYTES)
    except (OSError, EOFError) as error:
        raise UploadRefused(f"{name}: broken gzip data: {describe(error)}") from None
    if sniff(head) not in (TEXT, "empty") or head.startswith(_PROGRAM_MAGIC):
        raise UploadRefused(f"{name}: the gzip data is not text")


def _check_docx(data: bytes, name: str) -> None:
    try:
        check_archive(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [member.filename.lower() for member in archive.infolist()]
    except ReadError as error:
        raise UploadRefused(f"{name}: {error.message}") from None
    if "word/document.xml" not in members:
        raise UploadRefused(f"{name}: a ZIP file, but not a Word document (no word/document.xml)")
    if any(member.endswith(("vbaproject.bin", ".exe", ".dll", ".js", ".vbs")) for member in members):
        raise UploadRefused(f"{name}: the document carries macros or programs")


def virus_scan(command: tuple[str, ...], path: Path) -> None:
    """Run the configured scanner on the file: exit 0 is clean, 1 is infected, anything else a failure."""
    try:
        result = subprocess.run(
            [*command, str(path)], capture_output=True, timeout=VIRUS_SCAN_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UploadRefused(f"the virus scan could not run ({describe(error)}): not stored") from None
    if result.returncode == 1:
        raise UploadRefused("the virus scan found malware: not stored")
    if result.returncode != 0:
        raise UploadRefused(f"the virus scan failed (exit {result.returncode}): not stored")


def store_upload(
    workspace: Path, kind_key: str, filename: str, data: bytes, scan_command: tuple[str, ...] | None
) -> Stored:
    """Check the upload and move it into `evidence/<kind>/` under its safe name (a new name when
    another file holds it); raises `UploadRefused`."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise UploadRefused(f"unknown evidence kind {kind_key!r}; one of: {', '.join(KINDS)}")
    name = safe_name(filename)
    if not name:
        raise UploadRefused("the file has no usable name")
    check_content(data, name, kind)
    digest = hashlib.sha256(data).hexdigest()
    folder = workspace / "evidence" / kind.folder
    target = _free_name(folder, name, digest)
    if target.exists():
        return Stored(target.relative_to(workspace), digest, len(data), created=False)
    incoming = workspace / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    waiting = incoming / f"{uuid.uuid4().hex}-{name}"
    try:
        descriptor = os.open(waiting, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if scan_command:
            virus_scan(scan_command, waiting)
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(waiting, target)
    finally:
        waiting.unlink(missing_ok=True)
    return Stored(target.relative_to(workspace), digest, len(data), created=True)


def _free_name(folder: Path, name: str, digest: str) -> Path:
    """`name` in `folder`, or `name-2`, `name-3`... past files of other content."""
    stem, dot, suffix = name.partition(".")
    candidate, number = folder / name, 1
    while candidate.exists() and not _same_content(candidate, digest):
        number += 1
        candidate = folder / f"{stem}-{number}{dot}{suffix}"
    return candidate


def _same_content(path: Path, digest: str) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest() == digest

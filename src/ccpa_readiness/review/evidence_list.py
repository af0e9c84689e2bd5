"""The workspace's evidence files per kind, each with what the scanners made of it.

A file's summary is kept in `DIR/.ccpa/evidence-summaries.json` under its path, size and
modification time, so a page view scans only files new or changed since the last one.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from ccpa_readiness.evidence_summary import FileSummary, summarize
from ccpa_readiness.review.uploads import KINDS

CACHE = Path(".ccpa") / "evidence-summaries.json"
_lock = threading.Lock()


@dataclass(frozen=True)
class ListedFile:
    name: str  # relative to its kind's folder
    size: int
    summary: FileSummary


def evidence_files(workspace: Path) -> dict[str, list[ListedFile]]:
    """Every file under each upload kind's folder (hidden ones left out), sorted by name."""
    with _lock:
        cache = _read_cache(workspace)
        kept: dict[str, dict[str, object]] = {}  # files gone are dropped
        listed: dict[str, list[ListedFile]] = {}
        for key, kind in KINDS.items():
            folder = workspace / "evidence" / kind.folder
            files = (
                sorted(p for p in folder.rglob("*") if _visible_file(p, folder)) if folder.is_dir() else []
            )
            listed[key] = [_listed(workspace, key, folder, path, cache, kept) for path in files]
        if kept != cache:
            _write_cache(workspace, kept)
    return listed


def _visible_file(path: Path, folder: Path) -> bool:
    return path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)


def _listed(
    workspace: Path,
    kind: str,
    folder: Path,
    path: Path,
    cache: dict[str, dict[str, object]],
    kept: dict[str, dict[str, object]],
) -> ListedFile:
    stat = path.stat()
    key = str(path.relative_to(workspace))
    stamp = [stat.st_size, stat.st_mtime_ns]
    entry = cache.get(key)
    if entry is None or entry.get("stamp") != stamp:
        entry = {"stamp": stamp, "summary": asdict(summarize(workspace, kind, path))}
    kept[key] = entry
    summary = entry["summary"]
    assert isinstance(summary, dict)
    return ListedFile(str(path.relative_to(folder)), stat.st_size, FileSummary(**summary))


def _read_cache(workspace: Path) -> dict[str, dict[str, object]]:
    try:
        loaded = json.loads((workspace / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_cache(workspace: Path, cache: dict[str, dict[str, object]]) -> None:
    path = workspace / CACHE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
    temporary.replace(path)

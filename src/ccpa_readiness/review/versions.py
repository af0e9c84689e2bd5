"""Assessment versions: each import of `out/` is stored with its content hash; the newest is current."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ccpa_readiness.review import audit
from ccpa_readiness.review.inputs import ReviewInputs, canonical_json, parse_inputs
from ccpa_readiness.review.tables import Version


@dataclass(frozen=True)
class Imported:
    version: Version
    created: bool


def import_version(session: Session, inputs: ReviewInputs, actor: str) -> Imported:
    """Store `inputs` as the next version; content already stored as the current one is not repeated."""
    digest = inputs.content_hash
    current = current_version(session)
    if current is not None and current.content_hash == digest:
        return Imported(current, created=False)
    number = (session.execute(select(func.max(Version.number))).scalar_one() or 0) + 1
    version = Version(
        number=number,
        content_hash=digest,
        findings_json=canonical_json(inputs.findings_raw),
        roadmap_json=canonical_json(inputs.roadmap_raw),
        proposals_json=canonical_json(inputs.proposal_texts),
        imported_by=actor,
    )
    session.add(version)
    session.flush()
    audit.append(session, actor, "version.import", f"version {number}", {"content_hash": digest})
    return Imported(version, created=True)


def current_version(session: Session) -> Version | None:
    """The newest version (its documents stay in the store until `inputs_of` needs them)."""
    return session.execute(select(Version).order_by(Version.number.desc()).limit(1)).scalar_one_or_none()


class _ParsedCache:
    """Parsed versions by content hash: each is read and parsed once, not on every request."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, ReviewInputs] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> ReviewInputs | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: str, value: ReviewInputs) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_parsed = _ParsedCache(size=8)


def inputs_of(session: Session, version: Version) -> ReviewInputs:
    """The parsed content of `version`."""
    inputs = _parsed.get(version.content_hash)
    if inputs is None:
        documents = (Version.findings_json, Version.roadmap_json, Version.proposals_json)
        findings, roadmap, proposals = session.execute(
            select(*documents).where(Version.id == version.id)
        ).one()
        inputs = parse_inputs(json.loads(findings), json.loads(roadmap), json.loads(proposals))
        _parsed.put(version.content_hash, inputs)
    return inputs

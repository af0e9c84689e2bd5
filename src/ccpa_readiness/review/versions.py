"""Assessment versions: each import of `out/` is stored with its content hash; the newest is current."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

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
        imported_by=actor,
    )
    session.add(version)
    session.flush()
    audit.append(session, actor, "version.import", f"version {number}", {"content_hash": digest})
    return Imported(version, created=True)


def current_version(session: Session) -> Version | None:
    """The newest version, with its documents loaded."""
    query = (
        select(Version)
        .options(undefer(Version.findings_json), undefer(Version.roadmap_json))
        .order_by(Version.number.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def inputs_of(version: Version) -> ReviewInputs:
    """The parsed content of a version (parsed once per content hash)."""
    return _parse(version.content_hash, version.findings_json, version.roadmap_json)


@lru_cache(maxsize=16)
def _parse(content_hash: str, findings_json: str, roadmap_json: str) -> ReviewInputs:
    return parse_inputs(json.loads(findings_json), json.loads(roadmap_json))

"""The audit trail: an append-only hash chain, and its verification.

Each entry's hash is the sha256 of its canonical fields including the previous entry's hash. An
append first takes the write lock on the single head row, so two appenders never fork the chain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ccpa_readiness.review.inputs import canonical_json
from ccpa_readiness.review.tables import AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64


def entry_hash(seq: int, at: str, actor: str, action: str, subject: str, detail: str, prev_hash: str) -> str:
    fields = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def append(
    session: Session, actor: str, action: str, subject: str = "", detail: dict[str, Any] | None = None
) -> AuditEntry:
    """Add one entry to the chain inside the caller's write transaction."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).execution_options(populate_existing=True)
    ).scalar_one()
    at = utcnow().isoformat(timespec="microseconds")
    detail_json = canonical_json(detail or {})
    digest = entry_hash(head.seq, at, actor, action, subject, detail_json, head.last_hash)
    entry = AuditEntry(
        seq=head.seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        detail=detail_json,
        prev_hash=head.last_hash,
        hash=digest,
    )
    session.add(entry)
    head.last_hash = digest
    return entry


@dataclass(frozen=True)
class Verification:
    entries: int
    broken_seq: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify(session: Session) -> Verification:
    """Walk the chain from the start; name the first entry whose link or hash does not hold."""
    previous, expected_seq, count = GENESIS, 1, 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        if entry.seq != expected_seq:
            return Verification(count, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous:
            return Verification(count, entry.seq, "its previous-hash does not match the entry before")
        recomputed = entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.detail, entry.prev_hash
        )
        if recomputed != entry.hash:
            return Verification(count, entry.seq, "its content does not match its hash")
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    if (head.seq, head.last_hash) != (count, previous):
        return Verification(
            count, count + 1, f"the head says {head.seq} entries; entries after {count} are gone"
        )
    return Verification(count)

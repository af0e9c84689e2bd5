"""The audit trail: an append-only chain of keyed hashes, its verification and its key rotation.

Each entry's hash is the HMAC-SHA256, under the audit key (kept outside the database, see
`audit_key`), of its canonical fields including the previous entry's hash; entries written before
the store had a key carry a plain sha256. An append first takes the write lock on the single head
row, so two appenders never fork the chain.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ccpa_readiness.review.audit_key import AuditKey, AuditKeyError
from ccpa_readiness.review.inputs import canonical_json
from ccpa_readiness.review.tables import AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64
KEY_INFO = "audit_key"  # where `Database` puts the key in a session's `info`


def entry_hash(
    seq: int,
    at: str,
    actor: str,
    action: str,
    subject: str,
    detail: str,
    prev_hash: str,
    key: bytes | None = None,
) -> str:
    """HMAC-SHA256 under `key` of the entry's canonical fields; plain sha256 without a key."""
    fields = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    message = canonical_json(fields).encode("utf-8")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def session_key(session: Session) -> AuditKey | None:
    key = session.info.get(KEY_INFO)
    return key if isinstance(key, AuditKey) else None


def _signing_key(key: AuditKey | None, seq: int) -> bytes | None:
    return key.secret if key is not None and seq >= key.keyed_from else None


def _hash_of(entry: AuditEntry, key: AuditKey | None) -> str:
    return entry_hash(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.subject,
        entry.detail,
        entry.prev_hash,
        _signing_key(key, entry.seq),
    )


def _lock_head(session: Session) -> AuditHead:
    """The head row, write-locked for the rest of the transaction (seq moved by `step`)."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 0))
    return session.execute(
        select(AuditHead).where(AuditHead.id == 1).execution_options(populate_existing=True)
    ).scalar_one()


def append(
    session: Session, actor: str, action: str, subject: str = "", detail: dict[str, Any] | None = None
) -> AuditEntry:
    """Add one entry to the chain inside the caller's write transaction (a `Database.write`
    session: it carries the audit key)."""
    key = session_key(session)
    if key is None:
        raise RuntimeError("an audit entry needs the store's audit key: write through Database.write()")
    head = _lock_head(session)
    if head.key_id is not None and head.key_id != key.id:
        raise AuditKeyError(
            f"the audit chain is signed with key {head.key_id}, this process holds {key.id}: the key was "
            "rotated meanwhile (try again) or the wrong key file is in use"
        )
    head.seq += 1
    at = utcnow().isoformat(timespec="microseconds")
    entry = AuditEntry(
        seq=head.seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        detail=canonical_json(detail or {}),
        prev_hash=head.last_hash,
        hash="",
    )
    entry.hash = _hash_of(entry, key)
    session.add(entry)
    head.last_hash, head.key_id = entry.hash, key.id
    return entry


@dataclass(frozen=True)
class Verification:
    entries: int
    broken_seq: int | None = None
    problem: str = ""
    unkeyed: int = 0  # entries written before the store had a key: plain sha256
    key_id: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify(
    session: Session, key: AuditKey | None = None, anchor: tuple[int, str] | None = None
) -> Verification:
    """Walk the chain from the start; name the first entry whose link or hash does not hold.

    `key`: the audit key (default: the session's); without one every entry is checked by plain
    sha256. `anchor`: a `(seq, hash)` exported earlier by `head`, which must still be in the chain."""
    key = key or session_key(session)
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    previous, expected_seq, count, unkeyed = GENESIS, 1, 0, 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        if entry.seq != expected_seq:
            return Verification(count, expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous:
            return Verification(count, entry.seq, "its previous-hash does not match the entry before")
        if _hash_of(entry, key) != entry.hash:
            return Verification(count, entry.seq, _mismatch(entry.seq, key, head.key_id))
        if anchor is not None and entry.seq == anchor[0] and entry.hash != anchor[1]:
            return Verification(count, entry.seq, "its hash is not the anchored one: the chain was rewritten")
        unkeyed += _signing_key(key, entry.seq) is None
        previous, expected_seq, count = entry.hash, expected_seq + 1, count + 1
    if (head.seq, head.last_hash) != (count, previous):
        return Verification(
            count, count + 1, f"the head says {head.seq} entries; entries after {count} are gone"
        )
    if anchor is not None and anchor[0] > count:
        return Verification(count, count + 1, f"the anchored entry {anchor[0]} is gone")
    return Verification(count, unkeyed=unkeyed, key_id=key.id if key else None)


def _mismatch(seq: int, key: AuditKey | None, head_key: str | None) -> str:
    if key is not None and head_key is not None and head_key != key.id and seq >= key.keyed_from:
        return f"its content does not match its hash (signed with key {head_key}; this key is {key.id})"
    if key is None and head_key is not None:
        return "its content does not match its hash (the store is keyed: give its audit key)"
    return "its content does not match its hash"


def head_anchor(session: Session) -> tuple[int, str]:
    """The chain's last `(seq, hash)`: keep it outside the store to check against later."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    return head.seq, head.last_hash


def resign(session: Session, old: AuditKey | None, new: AuditKey, actor: str) -> Verification:
    """Inside a write transaction: check the chain under `old`, then sign every entry again under
    `new` (entries written before any key included) and record the rotation. Nothing changes when
    the chain is broken (the returned verification says where)."""
    head = _lock_head(session)
    checked = verify(session, old)
    if not checked.intact:
        return checked
    previous = GENESIS
    entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
    for entry in entries:
        entry.prev_hash = previous
        entry.hash = _hash_of(entry, new)
        previous = entry.hash
    head.last_hash, head.key_id = previous, new.id
    session.info[KEY_INFO] = new
    append(
        session,
        actor,
        "audit.rotate_key",
        "",
        {"old_key": old.id if old else None, "new_key": new.id, "unkeyed_sealed": checked.unkeyed},
    )
    return verify(session, new)

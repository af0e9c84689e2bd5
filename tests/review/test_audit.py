"""The audit chain: intact after real actions, broken by any edit or deletion, never forked by
concurrent writers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

from sqlalchemy import delete, select, update

from ccpa_readiness.review import audit
from ccpa_readiness.review.database import Database
from ccpa_readiness.review.tables import AuditEntry
from tests.review.conftest import USERS, World


def _verify(world: World) -> audit.Verification:
    with world.db.read() as session:
        return audit.verify(session)


def test_chain_of_the_prepared_store_is_intact(world: World) -> None:
    result = _verify(world)
    assert result.intact and result.entries == len(USERS) + 1  # users added, version imported


def test_each_entry_links_to_the_one_before(world: World) -> None:
    with world.db.read() as session:
        entries = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
    assert entries[0].prev_hash == audit.GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(entries))


def test_an_edited_entry_is_named(world: World) -> None:
    with world.db.write() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(actor="someone else"))
    result = _verify(world)
    assert (result.intact, result.broken_seq) == (False, 3)
    assert "content" in result.problem


def test_a_rehashed_entry_breaks_the_next_link(world: World) -> None:
    """Even with the key, re-signing one entry breaks the link of the next."""
    key = world.db.key().secret
    with world.db.write() as session:
        entry = session.get(AuditEntry, 2)
        assert entry is not None
        entry.subject = "forged"
        entry.hash = audit.entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.detail, entry.prev_hash, key
        )
    result = _verify(world)
    assert result.broken_seq == 3 and "previous-hash" in result.problem


def test_deleted_entries_are_found_in_the_middle_and_at_the_end(world: World) -> None:
    last = len(USERS) + 1
    with world.db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == last))
    assert _verify(world).broken_seq == last
    with world.db.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
    result = _verify(world)
    assert result.broken_seq == 2 and "missing" in result.problem


def test_concurrent_appends_never_fork_the_chain(world: World) -> None:
    """Two stores on one database, as two server processes would be: only the database orders them."""
    stores = [world.db, Database(world.url)]

    def append_many(worker: int) -> None:
        for n in range(15):
            with stores[worker % 2].write() as session:
                audit.append(session, f"worker{worker}", "test", str(n))

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(append_many, range(6)))
    stores[1].engine.dispose()
    result = _verify(world)
    assert result.intact and result.entries == len(USERS) + 1 + 6 * 15

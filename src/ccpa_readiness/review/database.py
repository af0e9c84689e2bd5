"""The engine, its sessions, and the schema migrations run on start.

Writes on SQLite begin with `BEGIN IMMEDIATE`: concurrent writers (other processes too) wait for
the database lock instead of failing when a read transaction tries to upgrade. Within one process
writers also queue on a lock of their own (see `Database.__init__`). Every backend has bounded
waits: connecting, waiting for a lock, and the migrations (serialized across processes).

Write sessions carry the audit key (`audit_key`) in `session.info`, so `audit.append` signs with it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from ccpa_readiness.review import audit, audit_key
from ccpa_readiness.review.audit_key import AuditKey, AuditKeyError
from ccpa_readiness.review.tables import AuditHead

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_LOCK_WAIT_SECONDS = 30
CONNECT_TIMEOUT_SECONDS = 5  # a server that never answers: fail after this, not hang
LOCK_WAIT_SECONDS = 30  # PostgreSQL: the longest a statement waits for a row or table lock
POOL_WAIT_SECONDS = 30  # the longest a request waits for a free connection
# any fixed number: the PostgreSQL advisory lock that serializes migrations across processes
MIGRATION_LOCK = 0x63637061


class StoreUnavailable(Exception):
    """The store cannot be reached or opened; the message names it (without its password)."""


def default_url(workspace: Path) -> str:
    """SQLite at `DIR/.ccpa/review.db` (the folder is created)."""
    folder = workspace / ".ccpa"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'review.db'}"


def display_url(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as given, after any '@'
        return url.split("@")[-1]


def _write_ahead_log(dbapi_connection: Any) -> None:
    """WAL mode. Switching a new database to it fails at once with "database is locked" when
    another process is opening the same new file (the busy timeout does not cover the switch), so
    the switch is retried within the same bound as any other lock wait."""
    deadline = time.monotonic() + SQLITE_LOCK_WAIT_SECONDS
    while True:
        try:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        _write_ahead_log(dbapi_connection)
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")  # WAL: safe on crash, fewer fsyncs

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_LOCK_WAIT_SECONDS, "check_same_thread": False}
        )
        _sqlite_transactions(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if url.startswith("postgresql"):
        connect_args = {
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "options": f"-c lock_timeout={LOCK_WAIT_SECONDS * 1000}",
        }
    return create_engine(
        url,
        pool_size=20,
        max_overflow=40,
        pool_pre_ping=True,
        pool_timeout=POOL_WAIT_SECONDS,
        connect_args=connect_args,
    )


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, one process at a time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    immediate = engine.execution_options(sqlite_immediate=True)  # SQLite: hold the write lock
    with immediate.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """Sessions for reading and for writing; one `with` block is one transaction.

    `audit_key_file`: where the audit key is (default: `audit_key.key_file`); it is made on the
    first write if missing."""

    def __init__(self, url: str, audit_key_file: Path | None = None, workspace: Path | None = None) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.audit_key_file = audit_key_file or audit_key.key_file(workspace, url)
        self._key: AuditKey | None = None
        self._key_version: tuple[int, int, int] | None = None
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )
        # Every write appends to the audit chain, so writes are serial anyway (SQLite's single
        # writer, PostgreSQL's lock on the chain head): this process's writers queue here, in
        # order, rather than in SQLite's busy handler (which polls with sleeps of up to 100 ms)
        # or as a pile of waiting connections on the head row
        self._writers = threading.Lock()

    def upgrade(self) -> None:
        try:
            migrate(self.engine)
        except (OperationalError, ProgrammingError, DBAPIError) as error:
            raise StoreUnavailable(
                f"cannot open the review store {display_url(self.url)}: {_reason(error)}"
            ) from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            key = self.existing_key()
            if key is not None:
                session.info[audit.KEY_INFO] = key
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        key = self.key()
        with self._writers, self._write() as session, session.begin():
            session.info[audit.KEY_INFO] = key
            yield session

    def _key_path(self) -> Path:
        if self.audit_key_file is None:
            raise AuditKeyError(
                f"no audit key for {display_url(self.url)}: give the workspace (--dir) or set "
                f"{audit_key.KEY_FILE_ENV}"
            )
        return self.audit_key_file

    def existing_key(self) -> AuditKey | None:
        """The audit key if there is one, read again whenever its file changed (a rotation by
        another process); a rotation cut short is finished first."""
        if self.audit_key_file is None:
            return None
        self._finish_rotation(self.audit_key_file)
        try:
            stamp = self.audit_key_file.stat()
        except FileNotFoundError:
            self._key = None
            return None
        version = (stamp.st_ino, stamp.st_mtime_ns, stamp.st_size)
        if self._key is None or version != self._key_version:
            self._key, self._key_version = audit_key.load(self.audit_key_file), version
        return self._key

    def key(self) -> AuditKey:
        """The audit key, made now if the store has none: it signs from the next entry on. Refused
        when the store was signed with a key whose file is gone (restore it instead)."""
        key = self.existing_key()
        if key is not None:
            return key
        path = self._key_path()
        with self._read() as session:
            seq, signed_by = session.execute(
                select(AuditHead.seq, AuditHead.key_id).where(AuditHead.id == 1)
            ).one()
        if signed_by is not None:
            raise AuditKeyError(
                f"the store {display_url(self.url)} is signed with audit key {signed_by}, but {path} "
                f"is missing: restore that file (or point {audit_key.KEY_FILE_ENV} at it)"
            )
        audit_key.write(path, audit_key.new_key(keyed_from=seq + 1), exclusive=True)
        made = self.existing_key()  # another process may have made it first: theirs holds
        assert made is not None
        return made

    def rotate_key(self, actor: str) -> audit.Verification:
        """Sign the whole chain again under a new key (entries from before any key too), then put
        the new key in place. The new key is written beside the old one first (`audit.key.next`),
        so a rotation cut short is finished on the next open rather than lost."""
        path = self._key_path()
        old, new = self.existing_key(), audit_key.new_key(keyed_from=1)
        pending = audit_key.pending_file(path)
        audit_key.write(pending, new)
        try:
            with self._writers, self._write() as session, session.begin():
                result = audit.resign(session, old, new, actor)
                if not result.intact:
                    raise _ChainBroken(result)
        except _ChainBroken as broken:
            pending.unlink(missing_ok=True)
            return broken.result
        _promote(pending, path)
        self._key = None  # read back from the file on next use
        return result

    def _finish_rotation(self, path: Path) -> None:
        pending = audit_key.pending_file(path)
        waiting = audit_key.load(pending)
        if waiting is None:
            return
        with self._read() as session:
            signed_by = session.execute(select(AuditHead.key_id).where(AuditHead.id == 1)).scalar_one()
        if signed_by == waiting.id:  # committed: put it in place (a stale one waits to be overwritten)
            _promote(pending, path)


def _promote(pending: Path, path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):  # another process put it in place first
        pending.replace(path)


class _ChainBroken(Exception):
    def __init__(self, result: audit.Verification) -> None:
        self.result = result


def _reason(error: DBAPIError) -> str:
    original = getattr(error, "orig", None) or error
    return " ".join(str(original).split())[:300]

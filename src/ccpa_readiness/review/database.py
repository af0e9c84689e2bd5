"""The engine, its sessions, and the schema migrations run on start.

Writes on SQLite begin with `BEGIN IMMEDIATE`: concurrent writers (other processes too) wait for
the database lock instead of failing when a read transaction tries to upgrade. Within one process
writers also queue on a lock of their own (see `Database.__init__`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_LOCK_WAIT_SECONDS = 30


def default_url(workspace: Path) -> str:
    """SQLite at `DIR/.ccpa/review.db` (the folder is created)."""
    folder = workspace / ".ccpa"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'review.db'}"


def _sqlite_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
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
    return create_engine(url, pool_size=20, max_overflow=40, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """Sessions for reading and for writing; one `with` block is one transaction."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
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
        migrate(self.engine)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writers, self._write() as session, session.begin():
            yield session

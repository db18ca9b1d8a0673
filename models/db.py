"""The database handle: engine, sessions and migrations (Alembic) for one URL."""
from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .data_versions import raise_versions_after_flush
from .officer_views import OFFICER_VIEWS, OfficerViewCache
from .rollup_cache import RollupCache
from .status_queries import ROLLUP_CACHE

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    """Take SQLite's write lock up front: concurrent read-then-write transactions are
    serialised instead of failing half-way (SQLite has no SELECT … FOR UPDATE)."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.rollups = RollupCache()
        self.officer_views = OfficerViewCache()
        self.sessions = sessionmaker(self.engine, expire_on_commit=False,
                                     info={ROLLUP_CACHE: self.rollups, OFFICER_VIEWS: self.officer_views})
        event.listen(self.sessions, "after_flush", raise_versions_after_flush)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with self.sessions() as session, session.begin():
            yield session

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command

        logging.getLogger("alembic").setLevel(logging.WARNING)
        command.upgrade(alembic_config(self.url), revision)

    def lock_user(self, session: Session, line_user_id: str) -> None:
        """Handle one LINE user's events one at a time, across processes.

        PostgreSQL: a transaction-scoped advisory lock on the user. SQLite: every write
        transaction already holds the database lock (BEGIN IMMEDIATE)."""
        if self.engine.dialect.name == "postgresql":
            key = int.from_bytes(hashlib.blake2b(line_user_id.encode(), digest_size=8).digest(), "big", signed=True)
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg

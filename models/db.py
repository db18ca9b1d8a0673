"""The database handle: engine, sessions and migrations (Alembic) for one URL."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import (
    DisconnectionError,
    IntegrityError,
    InterfaceError,
    InternalError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from .data_versions import forget_versions, raise_versions_after_flush
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


#: Failures that a later attempt may not meet: the database away or busy, a concurrent writer
#: winning a race, a schema an unfinished deploy left behind. Anything else (a value the column
#: cannot hold, a bug) fails the same way every time it is tried.
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    InternalError,
    DisconnectionError,
    PoolTimeout,
    IntegrityError,
    ProgrammingError,
)


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TRANSIENT_ERRORS)


def make_engine(url: str) -> Engine:
    # hide_parameters: a database error's message (which Flask and gunicorn log) names the SQL
    # but never the values bound to it (LINE user ids, what officers typed).
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


class Database:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.rollups = RollupCache()
        self.officer_views = OfficerViewCache()
        self.sessions = sessionmaker(
            self.engine, expire_on_commit=False, info={ROLLUP_CACHE: self.rollups, OFFICER_VIEWS: self.officer_views}
        )
        event.listen(self.sessions, "after_flush", raise_versions_after_flush)
        event.listen(self.sessions, "after_transaction_end", forget_versions)

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
